// The demo's stand-ins for the pages Shopify draws around an order, where the app's UI
// extensions appear: the admin's order list and order page (the "Wakilni delivery" block in
// the page, the "Link a Wakilni waybill" action as a modal from "More actions"), and the
// buyer's order status page (the customer-account block). Each extension runs its real module
// in an iframe of its own, as Shopify runs each in a sandbox of its own: the document
// extensionHostDocument() writes loads the extension's bundle (extension-host/bundle-extensions.ts)
// and hands it its configuration. admin-frame.ts serves these pages and wraps the admin's ones
// in its header and sidebar. The words on them are Shopify's, not the app's, so they live here.
import { SUPPORTED_LOCALES, type Locale } from "../app/i18n/locale";
import type { DemoOrder, DemoOrderSummary } from "./demo-orders";
import { DEMO_EXTENSIONS, type ExtensionBundle } from "./extension-host/bundle-extensions";
import type { ExtensionHostConfig } from "./extension-host/host-page";
import type { LocaleMessages } from "./extension-host/shopify-global";
import { escapeHtml } from "./html";

/** The admin's and the order status page's own words, in the languages the demo offers. */
const WORDS = {
  orders: { en: "Orders", fr: "Commandes", ar: "الطلبات" },
  order: { en: "Order", fr: "Commande", ar: "الطلب" },
  date: { en: "Date", fr: "Date", ar: "التاريخ" },
  total: { en: "Total", fr: "Total", ar: "الإجمالي" },
  payment: { en: "Payment status", fr: "Statut du paiement", ar: "حالة الدفع" },
  fulfillment: { en: "Fulfillment status", fr: "Statut du traitement", ar: "حالة التنفيذ" },
  tags: { en: "Tags", fr: "Balises", ar: "العلامات" },
  noTags: { en: "No tags", fr: "Aucune balise", ar: "لا توجد علامات" },
  items: { en: "Items", fr: "Articles", ar: "المنتجات" },
  quantity: { en: "Quantity", fr: "Quantité", ar: "الكمية" },
  fulfillments: { en: "Fulfillments", fr: "Traitements", ar: "عمليات التنفيذ" },
  noFulfillments: { en: "Not fulfilled yet", fr: "Pas encore traitée", ar: "لم يتم التنفيذ بعد" },
  moreActions: { en: "More actions", fr: "Plus d’actions", ar: "المزيد من الإجراءات" },
  close: { en: "Close", fr: "Fermer", ar: "إغلاق" },
  statusPage: { en: "Order status page", fr: "Page d’état de la commande", ar: "صفحة حالة الطلب" },
  backToOrders: { en: "Back to orders", fr: "Retour aux commandes", ar: "العودة إلى الطلبات" },
  yourOrder: { en: "Your order", fr: "Votre commande", ar: "طلبك" },
} satisfies Record<string, Record<Locale, string>>;

const FINANCIAL_STATUS: Record<string, Record<Locale, string>> = {
  PAID: { en: "Paid", fr: "Payée", ar: "مدفوع" },
  PENDING: { en: "Payment pending", fr: "Paiement en attente", ar: "الدفع معلّق" },
  PARTIALLY_PAID: { en: "Partially paid", fr: "Partiellement payée", ar: "مدفوع جزئيًا" },
  AUTHORIZED: { en: "Authorized", fr: "Autorisée", ar: "مُصرَّح به" },
  REFUNDED: { en: "Refunded", fr: "Remboursée", ar: "مُسترد" },
  PARTIALLY_REFUNDED: { en: "Partially refunded", fr: "Partiellement remboursée", ar: "مُسترد جزئيًا" },
};

const FULFILLMENT_STATUS: Record<string, Record<Locale, string>> = {
  FULFILLED: { en: "Fulfilled", fr: "Traitée", ar: "تم التنفيذ" },
  UNFULFILLED: { en: "Unfulfilled", fr: "Non traitée", ar: "لم يتم التنفيذ" },
  PARTIALLY_FULFILLED: { en: "Partially fulfilled", fr: "Partiellement traitée", ar: "تم التنفيذ جزئيًا" },
  IN_PROGRESS: { en: "In progress", fr: "En cours", ar: "قيد التنفيذ" },
};

/** A fulfillment's shipment status (Fulfillment.displayStatus), as the order page's card shows it. */
const SHIPMENT_STATUS: Record<string, Record<Locale, string>> = {
  FULFILLED: { en: "Fulfilled", fr: "Traitée", ar: "تم التنفيذ" },
  MARKED_AS_FULFILLED: { en: "Marked as fulfilled", fr: "Marquée comme traitée", ar: "تم وضع علامة التنفيذ" },
  CONFIRMED: { en: "Confirmed", fr: "Confirmée", ar: "مؤكد" },
  IN_TRANSIT: { en: "In transit", fr: "En transit", ar: "قيد النقل" },
  OUT_FOR_DELIVERY: { en: "Out for delivery", fr: "En cours de livraison", ar: "قيد التوصيل" },
  ATTEMPTED_DELIVERY: { en: "Delivery attempted", fr: "Tentative de livraison", ar: "محاولة توصيل" },
  DELAYED: { en: "Delayed", fr: "Retardée", ar: "متأخر" },
  READY_FOR_PICKUP: { en: "Ready for pickup", fr: "Prête pour le retrait", ar: "جاهز للاستلام" },
  DELIVERED: { en: "Delivered", fr: "Livrée", ar: "تم التوصيل" },
  FAILURE: { en: "Not delivered", fr: "Non livrée", ar: "لم يتم التوصيل" },
  CANCELED: { en: "Canceled", fr: "Annulée", ar: "ملغى" },
};

const dir = (locale: Locale) => (locale === "ar" ? "rtl" : "ltr");

/** An order name or code reads left to right in Arabic too. */
const code = (value: string) => `<bdi dir="ltr">${escapeHtml(value)}</bdi>`;

function statusWord(table: Record<string, Record<Locale, string>>, status: string | null, locale: Locale): string {
  return (status && table[status]?.[locale]) ?? (status ?? "").toLowerCase().replace(/_/g, " ");
}

function badge(text: string, tone: "success" | "attention" | "neutral"): string {
  return `<span class="badge ${tone}">${escapeHtml(text)}</span>`;
}

const paymentBadge = (order: DemoOrderSummary, locale: Locale) =>
  badge(
    statusWord(FINANCIAL_STATUS, order.displayFinancialStatus, locale),
    order.displayFinancialStatus === "PAID" ? "neutral" : "attention",
  );
const fulfillmentBadge = (order: DemoOrderSummary, locale: Locale) =>
  badge(
    statusWord(FULFILLMENT_STATUS, order.displayFulfillmentStatus, locale),
    order.displayFulfillmentStatus === "FULFILLED" ? "neutral" : "attention",
  );

const money = (order: DemoOrderSummary, locale: Locale) =>
  new Intl.NumberFormat(locale, { style: "currency", currency: order.totalPriceSet.shopMoney.currencyCode }).format(
    Number(order.totalPriceSet.shopMoney.amount),
  );
const when = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** The name Shopify shows for an extension (its locale file's `name`), in the language. */
function extensionName(bundle: ExtensionBundle, locale: Locale): string {
  const name = (bundle.locales[locale] ?? bundle.locales.en)?.name;
  return typeof name === "string" ? name : bundle.handle;
}

export const orderPath = (legacyId: string, locale: Locale) => `/orders/${legacyId}?locale=${locale}`;
export const buyerPagePath = (legacyId: string, locale: Locale) => `/orders/${legacyId}/status?locale=${locale}`;
const extensionHostPath = (handle: string, legacyId: string, locale: Locale) =>
  `/extension-host?${new URLSearchParams({ handle, order: legacyId, locale })}`;

/** Styles of the admin's order pages, added to the frame's own. */
export const ORDER_PAGE_STYLE = `
  main.scroll { overflow: auto; min-height: 0; }
  .page { max-width: 1000px; margin: 0 auto; padding: 20px; display: flex; flex-direction: column; gap: 16px; color: #303030; }
  .title { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
  .title h1 { font-size: 20px; margin: 0; } .title .actions { margin-inline-start: auto; display: flex; gap: 8px; position: relative; }
  .card { background: #fff; border-radius: 12px; box-shadow: 0 1px 0 #e3e3e3, 0 0 0 1px #e3e3e3; padding: 16px; }
  .card h2 { font-size: 14px; margin: 0 0 12px; }
  .columns { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; align-items: start; }
  .columns > div { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
  .badge { display: inline-block; padding: 2px 8px; border-radius: 8px; font-size: 12px; font-weight: 550; background: #e3e3e3; }
  .badge.attention { background: #ffeb78; color: #4f4700; }
  .chip { display: inline-block; padding: 2px 8px; margin: 2px; border-radius: 8px; background: #f1f1f1; }
  table { width: 100%; border-collapse: collapse; } th, td { text-align: start; padding: 8px; border-bottom: 1px solid #ebebeb; }
  th { font-weight: 550; color: #616161; }
  .page a { color: #005bd3; }
  .button { font: inherit; font-weight: 550; padding: 6px 12px; border-radius: 8px; border: 1px solid #c9c9c9; background: #fff; color: #303030; cursor: pointer; text-decoration: none; }
  [role="menu"] { position: absolute; inset-inline-end: 0; top: 36px; margin: 0; padding: 6px; list-style: none; background: #fff; border-radius: 12px;
    box-shadow: 0 4px 16px rgba(0,0,0,0.2); min-width: 240px; z-index: 2; }
  [role="menu"][hidden] { display: none; }
  [role="menuitem"] { display: block; width: 100%; text-align: start; font: inherit; border: 0; background: none; padding: 8px; border-radius: 8px; cursor: pointer; }
  [role="menuitem"]:hover, [role="menuitem"]:focus { background: #f1f1f1; }
  iframe.extension { display: block; width: 100%; height: 120px; border: 0; background: transparent; }
  dialog { padding: 0; border: 0; border-radius: 12px; width: min(620px, 90vw); box-shadow: 0 8px 32px rgba(0,0,0,0.3); }
  dialog::backdrop { background: rgba(0,0,0,0.5); }
  dialog iframe.extension { max-height: 80vh; }
  dialog .close { position: absolute; top: 12px; inset-inline-end: 12px; }
`;

/** The admin's order list: every order of the store, each a link to its page. */
export function ordersPageMain(orders: DemoOrderSummary[], locale: Locale): string {
  const rows = orders
    .map(
      (order) => `<tr><td><a href="${escapeHtml(orderPath(order.legacyResourceId, locale))}">${code(order.name)}</a></td>
        <td>${escapeHtml(when(order.createdAt, locale))}</td><td>${paymentBadge(order, locale)}</td><td>${fulfillmentBadge(order, locale)}</td>
        <td>${escapeHtml(money(order, locale))}</td><td>${order.tags.map((tag) => `<span class="chip">${escapeHtml(tag)}</span>`).join("")}</td></tr>`,
    )
    .join("");
  return `<div class="page" lang="${locale}" dir="${dir(locale)}"><div class="title"><h1>${WORDS.orders[locale]}</h1></div>
    <div class="card"><table><thead><tr><th>${WORDS.order[locale]}</th><th>${WORDS.date[locale]}</th><th>${WORDS.payment[locale]}</th>
    <th>${WORDS.fulfillment[locale]}</th><th>${WORDS.total[locale]}</th><th>${WORDS.tags[locale]}</th></tr></thead><tbody>${rows}</tbody></table></div></div>`;
}

export const ordersPageTitle = (locale: Locale) => WORDS.orders[locale];

/**
 * An order's page in the admin: its items, fulfillments and tags as Shopify shows them, the
 * order-page block in its iframe, and "More actions" opening the order action in a modal.
 * Returns the main area and the script that connects the extensions' frames to the page.
 */
export function orderPage(
  order: DemoOrder,
  locale: Locale,
  extensions: ReadonlyMap<string, ExtensionBundle>,
): { title: string; main: string; script: string } {
  const block = extensions.get(DEMO_EXTENSIONS.block)!;
  const action = extensions.get(DEMO_EXTENSIONS.action)!;
  const items = order.lineItems.nodes
    .map((line) => `<tr><td>${escapeHtml(line.name)}${line.sku ? ` · ${code(line.sku)}` : ""}</td><td>${line.quantity}</td></tr>`)
    .join("");
  const fulfillments =
    order.fulfillments.length === 0
      ? `<p>${WORDS.noFulfillments[locale]}</p>`
      : `<ul>${order.fulfillments
          .map((fulfillment) => {
            const tracking = fulfillment.trackingInfo
              .map((info) =>
                info.url
                  ? `<a href="${escapeHtml(info.url)}" target="_blank" rel="noopener">${code(info.number ?? info.url)}</a>`
                  : code(info.number ?? ""),
              )
              .join(", ");
            return `<li>${code(fulfillment.name)} · ${escapeHtml(statusWord(SHIPMENT_STATUS, fulfillment.displayStatus, locale))}${tracking ? ` · ${tracking}` : ""}</li>`;
          })
          .join("")}</ul>`;
  const tags =
    order.tags.length === 0
      ? `<p>${WORDS.noTags[locale]}</p>`
      : order.tags.map((tag) => `<span class="chip">${escapeHtml(tag)}</span>`).join("");
  const actionName = extensionName(action, locale);
  const main = `<div class="page" lang="${locale}" dir="${dir(locale)}">
  <a href="${escapeHtml(`/orders?locale=${locale}`)}">${WORDS.backToOrders[locale]}</a>
  <div class="title"><h1>${code(order.name)}</h1>${paymentBadge(order, locale)}${fulfillmentBadge(order, locale)}
    <div class="actions">
      <a class="button" href="${escapeHtml(buyerPagePath(order.legacyResourceId, locale))}">${WORDS.statusPage[locale]}</a>
      <button type="button" class="button" id="more-actions" aria-haspopup="menu" aria-expanded="false" aria-controls="actions-menu">${WORDS.moreActions[locale]}</button>
      <ul role="menu" id="actions-menu" aria-labelledby="more-actions" hidden>
        <li role="none"><button type="button" role="menuitem" data-action="${escapeHtml(action.handle)}">${escapeHtml(actionName)}</button></li>
      </ul>
    </div>
  </div>
  <div class="columns">
    <div>
      <section class="card"><h2>${WORDS.items[locale]}</h2><table><thead><tr><th>${WORDS.items[locale]}</th><th>${WORDS.quantity[locale]}</th></tr></thead><tbody>${items}</tbody></table></section>
      <iframe class="extension" data-handle="${escapeHtml(block.handle)}" title="${escapeHtml(extensionName(block, locale))}"
        src="${escapeHtml(extensionHostPath(block.handle, order.legacyResourceId, locale))}"></iframe>
      <section class="card"><h2>${WORDS.fulfillments[locale]}</h2>${fulfillments}</section>
    </div>
    <div><section class="card"><h2>${WORDS.tags[locale]}</h2>${tags}</section></div>
  </div>
  <dialog id="action-modal" aria-label="${escapeHtml(actionName)}">
    <button type="button" class="button close" aria-label="${WORDS.close[locale]}">×</button>
  </dialog>
</div>`;
  const actionSrc = extensionHostPath(action.handle, order.legacyResourceId, locale);
  const script = `
  const menuButton = document.getElementById("more-actions");
  const menu = document.getElementById("actions-menu");
  const modal = document.getElementById("action-modal");
  const blockFrame = document.querySelector('iframe[data-handle=${JSON.stringify(block.handle)}]');
  const actionSrc = ${JSON.stringify(actionSrc)};
  function toggleMenu(open) {
    menu.hidden = !open;
    menuButton.setAttribute("aria-expanded", String(open));
    if (open) menu.querySelector('[role="menuitem"]').focus();
  }
  menuButton.addEventListener("click", () => toggleMenu(menu.hidden));
  menu.addEventListener("keydown", (event) => event.key === "Escape" && (toggleMenu(false), menuButton.focus()));
  // The admin mounts an action afresh each time it opens, and unmounts it when the modal closes.
  function openAction() {
    toggleMenu(false);
    const frame = document.createElement("iframe");
    frame.className = "extension";
    frame.dataset.handle = ${JSON.stringify(action.handle)};
    frame.title = ${JSON.stringify(actionName)};
    frame.style.height = "240px";
    frame.src = actionSrc;
    modal.prepend(frame);
    modal.showModal();
  }
  menu.querySelector('[data-action]').addEventListener("click", openAction);
  modal.querySelector(".close").addEventListener("click", () => modal.close());
  // Closing the action shows the order page afresh, so the block shows what the action changed.
  modal.addEventListener("close", () => {
    modal.querySelector("iframe")?.remove();
    blockFrame.contentWindow.location.reload();
  });
  addEventListener("message", (event) => {
    if (event.origin !== location.origin || !event.data || typeof event.data.handle !== "string") return;
    const frame = document.querySelector('iframe[data-handle="' + CSS.escape(event.data.handle) + '"]');
    if (event.data.type === "sandbox:extension-size" && frame) frame.style.height = event.data.height + "px";
    if (event.data.type === "sandbox:extension-close" && event.data.handle === ${JSON.stringify(action.handle)}) modal.close();
    if (event.data.type === "sandbox:extension-navigate" && event.data.url === "extension://" + ${JSON.stringify(action.handle)}) openAction();
  });`;
  return { title: `${order.name} · ${WORDS.orders[locale]}`, main, script };
}

/**
 * The buyer's order status page in customer accounts: the order and, in its own iframe, the
 * order-status block reading the order's app metafield. Not the admin: no header or sidebar.
 */
export function buyerPage(order: DemoOrder, shopName: string, locale: Locale, extensions: ReadonlyMap<string, ExtensionBundle>): string {
  const buyer = extensions.get(DEMO_EXTENSIONS.buyer)!;
  const languages = SUPPORTED_LOCALES.map(
    (lang) =>
      `<a href="${escapeHtml(buyerPagePath(order.legacyResourceId, lang))}" lang="${lang}"${lang === locale ? ' aria-current="true"' : ""}>${lang.toUpperCase()}</a>`,
  ).join(" ");
  const items = order.lineItems.nodes.map((line) => `<li>${escapeHtml(line.name)} × ${line.quantity}</li>`).join("");
  return `<!doctype html>
<html lang="${locale}" dir="${dir(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(`${WORDS.order[locale]} ${order.name} · ${shopName}`)}</title>
<style>
  body { margin: 0; font: 15px system-ui, sans-serif; color: #1a1a1a; background: #f5f5f5; }
  header { background: #fff; border-bottom: 1px solid #dedede; padding: 14px 24px; display: flex; align-items: center; gap: 16px; }
  header strong { font-size: 18px; } header nav { margin-inline-start: auto; display: flex; gap: 8px; }
  header a { color: #1a1a1a; } header a[aria-current] { font-weight: 700; }
  main { max-width: 720px; margin: 24px auto; padding: 0 16px; display: flex; flex-direction: column; gap: 16px; }
  h1 { font-size: 22px; margin: 0; } .card { border: 1px solid #dedede; border-radius: 10px; padding: 16px; background: #fff; }
  .card h2 { font-size: 16px; margin: 0 0 10px; } ul { margin: 0; padding-inline-start: 20px; }
  iframe.extension { display: block; width: 100%; height: 160px; border: 0; }
</style></head>
<body>
<header><strong>${escapeHtml(shopName)}</strong><nav aria-label="Language">${languages}</nav></header>
<main>
  <h1>${WORDS.order[locale]} ${code(order.name)}</h1>
  <iframe class="extension" data-handle="${escapeHtml(buyer.handle)}" title="${escapeHtml(extensionName(buyer, locale))}"
    src="${escapeHtml(extensionHostPath(buyer.handle, order.legacyResourceId, locale))}"></iframe>
  <section class="card"><h2>${WORDS.yourOrder[locale]}</h2><ul>${items}</ul></section>
</main>
<script>
  addEventListener("message", (event) => {
    if (event.origin !== location.origin || !event.data || event.data.type !== "sandbox:extension-size") return;
    const frame = document.querySelector('iframe[data-handle="' + CSS.escape(event.data.handle) + '"]');
    if (frame) frame.style.height = event.data.height + "px";
  });
</script>
</body></html>`;
}

/** JSON inside a <script> element: nothing in it may close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * The document one extension runs in: its configuration (language, locale files, the order, the
 * buyer's metafields) and its bundle, served by the admin frame at /extensions/<handle>.js.
 */
export function extensionHostDocument(
  bundle: ExtensionBundle,
  order: DemoOrder,
  locale: Locale,
  urls: { appUrl: string; frameOrigin: string },
): string {
  const config: ExtensionHostConfig = {
    handle: bundle.handle,
    host: {
      language: locale,
      locales: bundle.locales as Record<string, LocaleMessages>,
      selectedId: order.id,
      appMetafields: order.metafield ? [{ target: { type: "order", id: order.id }, metafield: order.metafield }] : [],
    },
    appUrl: urls.appUrl,
    sessionTokenUrl: `${urls.frameOrigin}/session-token`,
    appPageUrl: `${urls.frameOrigin}/?locale=${locale}`,
  };
  return `<!doctype html>
<html lang="${locale}" dir="${dir(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(extensionName(bundle, locale))}</title>
<style>body { margin: 0; font: 14px system-ui, sans-serif; color: #303030; background: transparent; }</style>
<script type="application/json" id="extension-host-config">${scriptJson(config)}</script>
<script defer src="/extensions/${encodeURIComponent(bundle.handle)}.js"></script>
</head><body></body></html>`;
}
