// A stand-in for the Shopify admin around the embedded app, for the offline demo: a page
// that loads the app in an iframe the way Shopify does (embedded=1, shop, host, locale and a
// fresh id_token signed with the app's secret), a language switch and links to the app's
// pages; plus a stand-in for App Bridge's CDN script, which is unreachable offline.
//
// The stand-in script does the four things the app relies on App Bridge for: on the bounce
// page (/auth/session-token?shopify-reload=…) it reloads the app with a fresh id_token; it adds
// `Authorization: Bearer <id_token>` to the app's own fetches (Remix loader and action calls),
// which is how authenticate.admin knows the shop on client-side navigations; it reports the
// app's path to the frame, as App Bridge keeps the admin's address bar in step, and the labels of
// its `<ui-nav-menu>` links, which the frame's sidebar shows; and it hands a
// shown `<ui-save-bar>` to the frame, which draws the contextual save bar in its top bar (where
// the admin draws it, outside the app), clicks the element's own buttons when the merchant uses
// it, and holds the merchant on the page while it shows. Tokens come from this frame by
// postMessage, as App Bridge gets them from the admin: opened outside the frame, the app gets none.
//
// Around the app, the frame also serves the admin's own order pages and the buyer's order status
// page, where the app's UI extensions run from their real source (admin-order-pages.ts,
// docs/decisions/023); the stand-in script follows the app's shopify:admin/orders/<id> links there.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SUPPORTED_LOCALES, type Locale } from "../app/i18n/locale";
import {
  buyerPage,
  extensionHostDocument,
  ORDER_PAGE_STYLE,
  orderPage,
  orderPath,
  ordersPageMain,
  ordersPageTitle,
} from "./admin-order-pages";
import type { DemoOrders } from "./demo-orders";
import type { ExtensionBundle } from "./extension-host/bundle-extensions";
import { escapeHtml } from "./html";
import { adminHost, signSessionToken } from "./session-token";

export interface AdminFrameOptions {
  appUrl: string;
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** The app's pages, as the admin's sidebar lists them. */
  pages: { path: string; label: string }[];
  /** The store's orders, for the admin's order pages and the buyer's order status page. */
  orders: DemoOrders;
  /** The UI extensions those pages run, by handle (extension-host/bundle-extensions.ts). */
  extensions: ReadonlyMap<string, ExtensionBundle>;
  port?: number;
}

export interface AdminFrame {
  origin: string;
  appBridgeUrl: string;
  /** The frame showing `path` of the app in `locale`. */
  url(path?: string, locale?: Locale): string;
  close(): Promise<void>;
}

const LANGUAGES: Record<Locale, string> = { en: "English", fr: "Français", ar: "العربية" };

/** The admin's own words on its contextual save bar. */
const UNSAVED_CHANGES: Record<Locale, string> = { en: "Unsaved changes", fr: "Modifications non enregistrées", ar: "تغييرات غير محفوظة" };

// Runs inside the app's iframe (see the header comment). Plain ES2020, no build step.
const APP_BRIDGE_STAND_IN = String.raw`(() => {
  const script = document.currentScript;
  const adminOrigin = new URL(script.src).origin;
  const params = new URLSearchParams(location.search);
  const embedded = window.parent !== window;
  const waiting = new Map();
  let lastId = 0;
  addEventListener("message", (event) => {
    if (event.origin !== adminOrigin || !event.data || event.data.type !== "sandbox:id-token") return;
    const resolve = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    if (resolve) resolve(event.data.token);
  });
  function idToken() {
    if (!embedded) return Promise.reject(new Error("App Bridge stand-in: the app is not inside the admin frame"));
    return new Promise((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, resolve);
      setTimeout(() => waiting.delete(id) && reject(new Error("App Bridge stand-in: the admin frame gave no token")), 5000);
      window.parent.postMessage({ type: "sandbox:id-token", id }, adminOrigin);
    });
  }
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (embedded && new URL(request.url).origin === location.origin && !request.headers.has("authorization")) {
      request.headers.set("authorization", "Bearer " + (await idToken()));
    }
    return nativeFetch(request);
  };
  window.shopify = {
    config: { apiKey: script.dataset.apiKey, shop: params.get("shop"), host: params.get("host"), locale: params.get("locale") },
    idToken,
    toast: { show: (message) => console.info("[App Bridge stand-in] toast:", message) },
  };
  const reload = params.get("shopify-reload");
  if (reload && new URL(reload).origin === location.origin) {
    idToken().then((token) => {
      const url = new URL(reload);
      url.searchParams.set("id_token", token);
      location.replace(url.href);
    });
  }
  const report = () => embedded && window.parent.postMessage({ type: "sandbox:location", path: location.pathname }, adminOrigin);
  for (const method of ["pushState", "replaceState"]) {
    const original = history[method].bind(history);
    history[method] = (...args) => {
      original(...args);
      report();
    };
  }
  addEventListener("popstate", report);
  report();
  // The contextual save bar. Its buttons stay hidden in the app: the frame shows their labels,
  // and a click there clicks the matching button here (a disabled one does nothing, as in the admin).
  function syncSaveBar(bar) {
    if (!embedded) return;
    const buttons = [...bar.querySelectorAll("button")].map((button) => ({
      label: button.textContent.trim(),
      primary: button.getAttribute("variant") === "primary",
      disabled: button.disabled || button.hasAttribute("loading"),
    }));
    window.parent.postMessage({ type: "sandbox:save-bar", id: bar.id, showing: bar.showing, buttons }, adminOrigin);
  }
  class SaveBarElement extends HTMLElement {
    #showing = false;
    #observer = new MutationObserver(() => this.#showing && syncSaveBar(this));
    connectedCallback() {
      this.style.display = "none";
      this.#observer.observe(this, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    disconnectedCallback() {
      this.#observer.disconnect();
      this.hide();
    }
    get showing() {
      return this.#showing;
    }
    async show() {
      if (this.#showing) return;
      this.#showing = true;
      syncSaveBar(this);
      this.dispatchEvent(new Event("show"));
    }
    async hide() {
      if (!this.#showing) return;
      this.#showing = false;
      syncSaveBar(this);
      this.dispatchEvent(new Event("hide"));
    }
    async toggle() {
      return this.#showing ? this.hide() : this.show();
    }
  }
  customElements.define("ui-save-bar", SaveBarElement);
  addEventListener("message", (event) => {
    if (event.origin !== adminOrigin || !event.data || event.data.type !== "sandbox:save-bar-click") return;
    const bar = document.getElementById(event.data.id);
    if (bar instanceof SaveBarElement && bar.showing) bar.querySelectorAll("button")[event.data.index]?.click();
  });
  const saveBarById = (id) => {
    const bar = document.getElementById(id);
    return bar instanceof SaveBarElement ? bar : null;
  };
  window.shopify.saveBar = {
    show: async (id) => saveBarById(id)?.show(),
    hide: async (id) => saveBarById(id)?.hide(),
    toggle: async (id) => saveBarById(id)?.toggle(),
    leaveConfirmation: async () => {},
  };
  // A shopify:admin/… link (an order's page) is the admin's to follow, not the iframe's.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest('a[href^="shopify:admin/"], a[href^="shopify://admin/"]');
    if (!link || !embedded) return;
    event.preventDefault();
    const path = "/" + link.getAttribute("href").replace(/^shopify:(\/\/)?admin\//, "");
    window.parent.postMessage({ type: "sandbox:admin-navigate", path }, adminOrigin);
  }, true);
  // The admin shows the app's menu in its own sidebar, in the words the app gives its links (so in
  // the merchant's language): the frame lists the pages, the element tells it their labels.
  customElements.define("ui-nav-menu", class extends HTMLElement {
    #observer = new MutationObserver(() => this.#report());
    connectedCallback() {
      this.style.display = "none";
      this.#observer.observe(this, { subtree: true, childList: true, characterData: true });
      this.#report();
    }
    disconnectedCallback() {
      this.#observer.disconnect();
    }
    #report() {
      if (!embedded) return;
      const items = [...this.querySelectorAll("a[href]")].map((a) => ({ path: new URL(a.href).pathname, label: a.textContent.trim() }));
      window.parent.postMessage({ type: "sandbox:nav-menu", items }, adminOrigin);
    }
  });
})();
`;

/** One page of the admin: its header (languages, save bar), its sidebar, and a main area. */
interface AdminPage {
  title: string;
  locale: Locale;
  /** The app page shown, marked in the sidebar; "orders" for the admin's own order pages. */
  current: string;
  languageHref(lang: Locale): string;
  main: string;
  mainClass?: string;
  style?: string;
  script: string;
}

function adminPage(options: AdminFrameOptions, page: AdminPage): string {
  const { locale } = page;
  const link = (path: string) => `/?${new URLSearchParams({ path, locale })}`;
  const pages = options.pages
    .map(
      (appPage) =>
        `<a data-path="${escapeHtml(appPage.path)}" href="${escapeHtml(link(appPage.path))}"${appPage.path === page.current ? ' aria-current="page"' : ""}>${escapeHtml(appPage.label)}</a>`,
    )
    .join("");
  const languages = SUPPORTED_LOCALES.map(
    (lang) =>
      `<a data-locale="${lang}" href="${escapeHtml(page.languageHref(lang))}"${lang === locale ? ' aria-current="true"' : ""}>${LANGUAGES[lang]}</a>`,
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)} · Shopify admin (offline stand-in) · ${escapeHtml(options.shop)}</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; display: grid; grid-template: 48px 1fr / 200px 1fr; height: 100vh; background: #f1f1f1; }
  header { grid-column: 1 / 3; background: #1a1a1a; color: #fff; display: flex; align-items: center; gap: 16px; padding: 0 16px; }
  header .languages { margin-inline-start: auto; display: flex; gap: 8px; }
  header a { color: #ccc; text-decoration: none; } header a[aria-current] { color: #fff; font-weight: 600; }
  nav { padding: 12px 8px; display: flex; flex-direction: column; gap: 4px; }
  nav a { color: #303030; text-decoration: none; padding: 6px 8px; border-radius: 8px; } nav a[aria-current] { background: #fff; font-weight: 600; }
  nav h2 { font-size: 12px; color: #616161; margin: 12px 8px 0; font-weight: 550; }
  main > iframe { border: 0; width: 100%; height: 100%; background: #fff; }
  header { position: relative; }
  #save-bar { position: absolute; inset: 0; display: flex; align-items: center; gap: 8px; padding: 0 16px; background: #1a1a1a; color: #fff; }
  #save-bar[hidden] { display: none; }
  #save-bar .message { margin-inline-end: auto; font-weight: 600; }
  #save-bar button { font: inherit; padding: 6px 12px; border-radius: 8px; border: 1px solid #616161; background: #303030; color: #fff; cursor: pointer; }
  #save-bar button.primary { background: #fff; color: #1a1a1a; border-color: #fff; }
  #save-bar button:disabled { opacity: 0.5; cursor: default; }
  #save-bar.held { animation: held 0.4s; }
  @keyframes held { 25% { transform: translateX(-6px); } 75% { transform: translateX(6px); } }
${page.style ?? ""}
</style></head>
<body>
<header><strong>Shopify admin</strong><span>${escapeHtml(options.shop)} · offline stand-in</span><span class="languages">${languages}</span>
<div id="save-bar" role="region" aria-label="${escapeHtml(UNSAVED_CHANGES[locale])}" dir="${locale === "ar" ? "rtl" : "ltr"}" hidden><span class="message">${escapeHtml(UNSAVED_CHANGES[locale])}</span></div></header>
<nav><a href="/orders?locale=${locale}"${page.current === "orders" ? ' aria-current="page"' : ""}>${escapeHtml(ordersPageTitle(locale))}</a>
<h2>Wakilni Delivery Sync</h2>${pages}</nav>
<main${page.mainClass ? ` class="${page.mainClass}"` : ""}>${page.main}</main>
<script>${page.script}</script>
</body></html>`;
}

function framePage(options: AdminFrameOptions, appPath: string, locale: Locale): string {
  const appOrigin = new URL(options.appUrl).origin;
  const src = new URL(appPath, options.appUrl);
  // The app page's own query (a list's filters) goes through, as Shopify's admin passes it on.
  src.search = new URLSearchParams({
    ...Object.fromEntries(src.searchParams),
    embedded: "1",
    shop: options.shop,
    host: adminHost(options.shop),
    id_token: signSessionToken({ shop: options.shop, apiKey: options.apiKey, apiSecret: options.apiSecret }),
    locale,
  }).toString();
  const script = `
  const appOrigin = ${JSON.stringify(appOrigin)};
  const locale = ${JSON.stringify(locale)};
  const saveBar = document.getElementById("save-bar");
  const appFrame = document.querySelector("iframe");
  function showSaveBar(state) {
    for (const button of saveBar.querySelectorAll("button")) button.remove();
    saveBar.hidden = !state.showing;
    saveBar.dataset.id = state.id;
    // The admin puts Discard before Save, whatever order the app wrote them in.
    const order = state.buttons.map((button, index) => ({ ...button, index })).sort((a, b) => Number(a.primary) - Number(b.primary));
    for (const { label, primary, disabled, index } of order) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.disabled = disabled;
      button.className = primary ? "primary" : "";
      button.addEventListener("click", () =>
        appFrame.contentWindow.postMessage({ type: "sandbox:save-bar-click", id: state.id, index }, appOrigin),
      );
      saveBar.append(button);
    }
  }
  // A new document in the iframe has no save bar shown.
  appFrame.addEventListener("load", () => showSaveBar({ showing: false, id: "", buttons: [] }));
  // While the save bar shows, the admin keeps the merchant on the page: leaving would lose the changes.
  document.addEventListener("click", (event) => {
    if (saveBar.hidden || !event.target.closest("nav a, header .languages a")) return;
    event.preventDefault();
    saveBar.classList.remove("held");
    void saveBar.offsetWidth;
    saveBar.classList.add("held");
  });
  addEventListener("message", async (event) => {
    if (event.origin !== appOrigin || !event.data) return;
    if (event.data.type === "sandbox:save-bar" && Array.isArray(event.data.buttons)) showSaveBar(event.data);
    if (event.data.type === "sandbox:nav-menu" && Array.isArray(event.data.items)) {
      for (const { path, label } of event.data.items) {
        const link = [...document.querySelectorAll("a[data-path]")].find((a) => a.dataset.path === path);
        if (link && typeof label === "string" && label) link.textContent = label;
      }
    }
    if (event.data.type === "sandbox:id-token") {
      const { token } = await (await fetch("/session-token", { cache: "no-store" })).json();
      event.source.postMessage({ type: "sandbox:id-token", id: event.data.id, token }, appOrigin);
    }
    if (event.data.type === "sandbox:location" && typeof event.data.path === "string") {
      const path = event.data.path;
      history.replaceState(null, "", "/?" + new URLSearchParams({ path, locale }));
      for (const a of document.querySelectorAll("a[data-locale]")) a.href = "/?" + new URLSearchParams({ path, locale: a.dataset.locale });
      for (const a of document.querySelectorAll("a[data-path]")) a.toggleAttribute("aria-current", a.dataset.path === path);
    }
    // A shopify:admin/… link in the app: the admin's own pages this frame has are its orders.
    if (event.data.type === "sandbox:admin-navigate" && /^\\/orders(\\/\\d+)?$/.test(event.data.path)) {
      location.href = event.data.path + "?locale=" + locale;
    }
  });`;
  return adminPage(options, {
    title: options.pages.find((page) => page.path === appPath)?.label ?? "Wakilni Delivery Sync",
    locale,
    current: appPath,
    languageHref: (lang) => `/?${new URLSearchParams({ path: appPath, locale: lang })}`,
    main: `<iframe name="app-iframe" title="Wakilni Delivery Sync" src="${escapeHtml(src.href)}"></iframe>`,
    script,
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
  res.end(body);
}

function localeOf(url: URL): Locale {
  const requested = url.searchParams.get("locale") as Locale;
  return SUPPORTED_LOCALES.includes(requested) ? requested : "en";
}

export async function startAdminFrame(options: AdminFrameOptions): Promise<AdminFrame> {
  let origin = "";
  const html = (res: ServerResponse, body: string) => send(res, 200, "text/html; charset=utf-8", body);
  const notFound = (res: ServerResponse) => send(res, 404, "text/plain", "not found");

  /** The admin's order pages, the buyer's page and the extensions' documents: null when the path is none of them. */
  async function orderRoute(url: URL, res: ServerResponse): Promise<void | null> {
    const locale = localeOf(url);
    if (url.pathname === "/orders") {
      const main = ordersPageMain(await options.orders.list(), locale);
      const title = ordersPageTitle(locale);
      return html(
        res,
        adminPage(options, {
          title,
          locale,
          current: "orders",
          languageHref: (lang) => `/orders?locale=${lang}`,
          main,
          mainClass: "scroll",
          style: ORDER_PAGE_STYLE,
          script: "",
        }),
      );
    }
    const script = /^\/extensions\/([a-z0-9-]+)\.js$/.exec(url.pathname);
    if (script) {
      const bundle = options.extensions.get(script[1]);
      return bundle ? send(res, 200, "text/javascript; charset=utf-8", bundle.script) : notFound(res);
    }
    if (url.pathname === "/extension-host") {
      const bundle = options.extensions.get(url.searchParams.get("handle") ?? "");
      const order = bundle ? await options.orders.get(url.searchParams.get("order") ?? "") : null;
      if (!bundle || !order) return notFound(res);
      return html(res, extensionHostDocument(bundle, order, locale, { appUrl: options.appUrl, frameOrigin: origin }));
    }
    const page = /^\/orders\/(\d{1,20})(\/status)?$/.exec(url.pathname);
    if (!page) return null;
    const order = await options.orders.get(page[1]);
    if (!order) return notFound(res);
    if (page[2]) return html(res, buyerPage(order, await options.orders.shopName(), locale, options.extensions));
    const { title, main, script: pageScript } = orderPage(order, locale, options.extensions);
    const languageHref = (lang: Locale) => orderPath(order.legacyResourceId, lang);
    return html(
      res,
      adminPage(options, {
        title,
        locale,
        current: "orders",
        languageHref,
        main,
        mainClass: "scroll",
        style: ORDER_PAGE_STYLE,
        script: pageScript,
      }),
    );
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin);
    if (req.method !== "GET") return send(res, 405, "text/plain", "GET only");
    switch (url.pathname) {
      case "/": {
        const path = url.searchParams.get("path") ?? options.pages[0]?.path ?? "/app";
        // Only the app's own pages: the frame never points the iframe anywhere else.
        if (!path.startsWith("/app")) return send(res, 400, "text/plain", "path must be one of the app's pages (/app…)");
        return html(res, framePage(options, path, localeOf(url)));
      }
      case "/session-token":
        return send(res, 200, "application/json", JSON.stringify({ token: signSessionToken(options) }));
      case "/app-bridge.js":
        return send(res, 200, "text/javascript; charset=utf-8", APP_BRIDGE_STAND_IN);
    }
    try {
      if ((await orderRoute(url, res)) === null) notFound(res);
    } catch (error) {
      // The Admin API did not answer as it should: say so rather than leave the page hanging.
      send(res, 502, "text/plain", `the Admin API could not be read: ${(error as Error).message}`);
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    appBridgeUrl: `${origin}/app-bridge.js`,
    url: (path = "/app", locale = "en") => `${origin}/?${new URLSearchParams({ path, locale })}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
