// Renders a UI extension's real module in a DOM test environment (happy-dom) against the
// sandbox's stand-in `shopify` global and a stubbed fetch, so its loading, error, empty and
// loaded states and its actions are asserted on the elements it renders.
import { render } from "preact";
import { extensionLocales } from "../../sandbox/extension-host/bundle-extensions";
import { createShopifyGlobal, type ExtensionHostOptions } from "../../sandbox/extension-host/shopify-global";

export interface StubbedCall {
  url: string;
  method: string;
  body: unknown;
}

/** Answers each request with what `respond` returns; records every call. */
export function stubFetch(respond: (call: StubbedCall) => Response | Promise<Response>) {
  const calls: StubbedCall[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = {
      url: String(input),
      method: init.method ?? "GET",
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetch };
}

/** A fetch that never answers: the loading state stays on screen. */
export const pendingFetch = () => new Promise<Response>(() => undefined);

export async function renderExtension(
  entry: () => Promise<{ default: () => Promise<void> | void }>,
  host: Omit<ExtensionHostOptions, "locales"> & { extensionDir: string; fetch?: typeof globalThis.fetch },
) {
  render(null, document.body);
  document.body.innerHTML = "";
  const closed = { count: 0 };
  const navigations: string[] = [];
  Object.assign(globalThis, {
    shopify: createShopifyGlobal({
      ...host,
      locales: extensionLocales(host.extensionDir),
      onClose: () => (closed.count += 1),
      onNavigate: (url) => navigations.push(url),
    }),
  });
  if (host.fetch) globalThis.fetch = host.fetch;
  const module = await entry();
  await module.default();
  return { closed, navigations };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/**
 * What a person reads, whitespace collapsed: the text, and the headings the admin's components
 * draw from their `heading` attribute (banners, blocks, modals), each before its content.
 */
export function screenText(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  for (const element of Array.from(copy.querySelectorAll("[heading]"))) element.prepend(`${element.getAttribute("heading")} `);
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** The visible label of each element matching the selector. */
export function labelsOf(selector: string): string[] {
  return Array.from(document.body.querySelectorAll(selector)).map((element) => (element.textContent ?? "").trim());
}

export function click(element: Element | null | undefined): void {
  if (!element) throw new Error("nothing to click");
  element.dispatchEvent(new Event("click", { bubbles: true }));
}

/** Types into a `s-text-field` the way the admin's component reports it: value, then input. */
export function typeInto(element: Element | null | undefined, value: string): void {
  if (!element) throw new Error("no field to type into");
  Object.assign(element, { value });
  element.dispatchEvent(new Event("input", { bubbles: true }));
}

export function buttonNamed(label: string): Element | undefined {
  return Array.from(document.body.querySelectorAll<Element>("s-button")).find((button) => (button.textContent ?? "").trim() === label);
}
