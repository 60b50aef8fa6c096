// The browser side of the demo's extension host: runs inside the frame Shopify would give one
// UI extension (an iframe of the admin frame, see sandbox/admin-order-pages.ts), sets up what
// Shopify sets up around the extension's real module, then starts it:
// - the `shopify` global (shopify-global.ts) in the admin's or buyer's language, with the order;
// - fetch() to a relative URL or the app's own goes to the app's URL with a fresh session token
//   as a Bearer header, as Shopify does for admin extensions, so the app's /api/orders routes
//   authenticate it (and answer the cross-origin preflight) as they would in the admin;
// - the `s-*` components (admin-components.ts), `app:` links opening the app's page in the frame;
// - close(), navigate() and the content's height reported to the page around it by postMessage.
// No Node import: bundle-extensions.ts bundles it with each extension.
import { defineUiComponents } from "./admin-components";
import { createShopifyGlobal, type ExtensionHostOptions } from "./shopify-global";

/** What the host document hands the bundle, as JSON in #extension-host-config. */
export interface ExtensionHostConfig {
  handle: string;
  host: Pick<ExtensionHostOptions, "language" | "locales" | "selectedId" | "appMetafields">;
  /** The app's URL: relative fetches resolve against it. */
  appUrl: string;
  /** The admin frame's session-token endpoint (same origin as this document). */
  sessionTokenUrl: string;
  /** The admin frame's address of an app page, without its path: `…/?locale=ar`. */
  appPageUrl: string;
}

/** What the extension host says to the page around it. */
export type ExtensionHostMessage =
  | { type: "sandbox:extension-size"; handle: string; height: number }
  | { type: "sandbox:extension-close"; handle: string }
  | { type: "sandbox:extension-navigate"; handle: string; url: string };

function readConfig(): ExtensionHostConfig {
  const element = document.getElementById("extension-host-config");
  if (!element?.textContent) throw new Error("extension host: no #extension-host-config in the document");
  return JSON.parse(element.textContent) as ExtensionHostConfig;
}

export function startExtension(run: () => Promise<void> | void): void {
  const config = readConfig();
  const tell = (message: ExtensionHostMessage) => window.parent.postMessage(message, location.origin);
  const appOrigin = new URL(config.appUrl).origin;

  defineUiComponents({
    resolveHref(href) {
      if (!href.startsWith("app:")) return { href };
      const url = new URL(config.appPageUrl);
      url.searchParams.set("path", `/${href.slice("app:".length).replace(/^\/+/, "")}`);
      return { href: url.href, target: "_top" };
    },
  });

  const nativeFetch = window.fetch.bind(window);
  const sessionToken = async (): Promise<string> => {
    const answer = await nativeFetch(config.sessionTokenUrl, { cache: "no-store" });
    return ((await answer.json()) as { token: string }).token;
  };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (input instanceof Request) return nativeFetch(input, init);
    const url = new URL(String(input), config.appUrl);
    if (url.origin !== appOrigin) return nativeFetch(url, init);
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${await sessionToken()}`);
    return nativeFetch(url, { ...init, headers });
  };

  Object.assign(globalThis, {
    shopify: createShopifyGlobal({
      ...config.host,
      onClose: () => tell({ type: "sandbox:extension-close", handle: config.handle }),
      onNavigate: (url) => tell({ type: "sandbox:extension-navigate", handle: config.handle, url }),
    }),
  });

  new ResizeObserver(() =>
    tell({ type: "sandbox:extension-size", handle: config.handle, height: Math.ceil(document.body.getBoundingClientRect().height) }),
  ).observe(document.body);

  void Promise.resolve(run()).catch((error: unknown) => console.error(`extension ${config.handle} failed to start`, error));
}
