// The deliveries list and its needs-attention queue as a merchant works them every morning, in
// Chromium inside the demo's admin frame, on the demo's --simulate data, in English and Arabic at
// 1366 px: search and a status filter kept in the URL (the back button restores the view), the
// tab counts, each queued row's reason and age, Resolve (the tag leaves the Shopify order), the
// order picker linking an unmatched waybill and Unlink with its list of what is undone, bulk
// Retry and Resolve on selected rows, and the CSV export's download. axe checks every state.
// Screenshots: test-results/screenshots/queue-<locale>-<n>-<what>.png; with
// SAVE_README_SCREENSHOTS=1 the English run also writes the README's three (docs/screenshots/).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../app/i18n/locale";
import { translator, type MessageKey } from "../../app/i18n/messages";
import { polarisTranslations } from "../../app/i18n/polaris-translations";
import { CSV_BOM } from "../../app/delivery/delivery-csv";
import { allAppTags, needsAttentionTag } from "../../app/delivery/labels";
import { PENDING_STATES, REPARKED_BY_UNLINK_STATES, RETRYABLE_STATES } from "../../app/inbox/inbox-states";
import { ATTENTION_REASONS } from "../../app/delivery/attention";
import { PAGE_SIZE } from "../../app/components/paged-list";
import { UNMATCHED_WAYBILLS } from "../../sandbox/demo-traffic";
import type { OrderRecord } from "../../sandbox/shopify-admin-emulator";
import { useDemoInBrowser } from "../helpers/browser";

const session = useDemoInBrowser("queue-e2e", { args: ["--simulate"] });
const app = () => session.app();
const db = () => session.db;
const shop = () => session.demo.ready.shop;

beforeAll(async () => {
  await session.demo.until("the simulation to finish", async () => session.demo.output().includes("Simulation done"), 900_000);
  // Every event the simulation sent has been through the worker: the counts hold still.
  await session.demo.until(
    "the worker to drain the inbox",
    async () =>
      (await db().inboxEvent.count({ where: { shop: shop(), state: { in: PENDING_STATES.filter((state) => state !== "parked") } } })) === 0,
    120_000,
  );
}, 1_200_000);

const TAG_PREFIX = "Wakilni: ";
// Polaris 13's Toast draws its close button as an icon without a name (axe: button-name): the
// library's markup, not the app's; everything around it is checked.
const POLARIS_TOAST_CLOSE = [".Polaris-Frame-Toast__CloseButton"];
const expectAccessible = () => session.expectAccessible(POLARIS_TOAST_CLOSE);

async function emulatorOrder(name: string): Promise<OrderRecord> {
  const response = await fetch(`${session.demo.ready.adminOrigin}/_emulator/state?shop=${shop()}`);
  const state = (await response.json()) as { orders: OrderRecord[] };
  const order = state.orders.find((candidate) => candidate.name === name);
  if (!order) throw new Error(`the emulator has no order ${name}`);
  return order;
}

/** A new order in the demo store, as a merchant's store gets one; its name. */
async function newShopifyOrder(): Promise<string> {
  const response = await fetch(`${session.demo.ready.adminOrigin}/_emulator/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shop: shop(), lineItems: [{ title: "Cedar soap", sku: "SOAP-1", quantity: 2 }] }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as OrderRecord).name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A message as a pattern, each {value} standing for a number. */
function messagePattern(t: (key: MessageKey, values?: Record<string, string>) => string, key: MessageKey): RegExp {
  const marker = "\u0000";
  return new RegExp(`^${escapeRegExp(t(key, { count: marker })).replace(marker, "\\d+")}$`);
}

describe.each<Locale>(["en", "ar"])("the deliveries list and its queue in %s", (locale) => {
  const t = translator(locale);
  const polaris = polarisTranslations(locale).Polaris;
  const shot = (name: string) => session.admin.shot(`queue-${locale}-${name}`);
  const appUrl = () => new URL(session.admin.appFrame().url());
  const tab = (key: "all" | "attention" | "unmatched") =>
    app().getByRole("tab", { name: new RegExp(`^${escapeRegExp(t(`queue.tab.${key}`))} \\(?\\d+\\)?$`) });
  const tabCount = async (key: "all" | "attention" | "unmatched") => Number(/\((\d+)\)$/.exec(await tab(key).innerText())![1]);
  const bodyRows = () => app().locator("tbody tr");
  const row = (waybill: string) => bodyRows().filter({ has: app().locator("bdi", { hasText: new RegExp(`^${escapeRegExp(waybill)}$`) }) });
  const bulkActions = () => app().locator('[class*="Polaris-BulkActions"]');
  const toast = (text: string | RegExp) => app().locator(".Polaris-Frame-Toast", { hasText: text });
  /** The waybills the list shows, in its order. */
  const listedWaybills = async () => bodyRows().locator("td:nth-child(2) bdi").allInnerTexts();

  async function openList() {
    await session.open("/app/deliveries", locale);
    await app()
      .getByRole("heading", { name: t("queue.title"), exact: true })
      .waitFor({ timeout: 30_000 });
    expect(await app().locator("html").getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
  }

  async function shopDeliveries(where: Record<string, unknown> = {}) {
    return db().delivery.findMany({ where: { shop: shop(), ...where }, orderBy: { id: "asc" } });
  }

  it("finds deliveries by search, status and tab, the view in the URL and the back button restoring it", { timeout: 240_000 }, async () => {
    await openList();
    if (locale === "en") {
      // The README's overview, reached from the home page as a merchant would.
      await session.open("/app", locale);
      await app().locator('[id^="chart_"] svg').first().waitFor({ timeout: 30_000 });
      await session.admin.readmeShot("overview");
      await openList();
    }
    const all = await shopDeliveries();
    expect(await tabCount("all")).toBe(all.length);
    expect(await tabCount("unmatched")).toBe(all.filter((delivery) => delivery.orderId === null).length);
    expect(await tabCount("unmatched")).toBeGreaterThanOrEqual(locale === "en" ? UNMATCHED_WAYBILLS.length : 1);
    await shot("1-all");
    await expectAccessible();

    // The needs-attention tab is a view of its own in the URL; the back button goes back to All.
    await tab("attention").click();
    await expect.poll(() => appUrl().searchParams.get("attention")).toBe("1");
    await expect.poll(() => tab("attention").getAttribute("aria-selected")).toBe("true");
    await session.admin.page.goBack();
    await expect.poll(() => appUrl().searchParams.get("attention")).toBe(null);
    await expect.poll(() => tab("all").getAttribute("aria-selected")).toBe("true");

    // Search by order name: the one delivery of that order, and the search in the URL.
    const sought = all.find((delivery) => delivery.orderName !== null && delivery.status === "completed")!;
    await app().getByRole("button", { name: polaris.IndexFilters.searchFilterAccessibilityLabel }).click();
    await app().getByPlaceholder(t("queue.search")).fill(sought.orderName!);
    await expect.poll(() => appUrl().searchParams.get("q")).toBe(sought.orderName);
    await expect.poll(listedWaybills).toEqual([sought.waybill]);
    await shot("2-search");
    await expectAccessible();

    // A status filter on top of it; the back button takes it off again, keeping the search.
    await app().getByPlaceholder(t("queue.search")).fill("");
    await expect.poll(() => appUrl().searchParams.get("q")).toBe(null);
    await app()
      .getByRole("button", { name: t("queue.filter.status"), exact: true })
      .click();
    await app()
      .getByRole("checkbox", { name: t("status.completed_rejected"), exact: true })
      .check();
    await expect.poll(() => appUrl().searchParams.get("status")).toBe("completed_rejected");
    const rejected = all.filter((delivery) => delivery.status === "completed_rejected").map((delivery) => delivery.waybill);
    await expect.poll(async () => (await listedWaybills()).sort()).toEqual([...rejected].sort());
    await session.admin.page.keyboard.press("Escape");
    await shot("3-status-filter");
    await expectAccessible();
    await session.admin.page.goBack();
    await expect.poll(() => appUrl().searchParams.get("status")).toBe(null);
    await expect.poll(async () => (await listedWaybills()).length).toBe(Math.min(PAGE_SIZE, all.length));
  });

  it("says why and since when each queued delivery waits, and resolves one and then two at once", { timeout: 240_000 }, async () => {
    await openList();
    await tab("attention").click();
    await expect.poll(() => appUrl().searchParams.get("attention")).toBe("1");
    const count = await tabCount("attention");
    expect(count).toBeGreaterThan(3);
    await expect.poll(async () => (await listedWaybills()).length).toBe(Math.min(PAGE_SIZE, count));
    // Each row: a reason from the queue's list and an age ("3 h").
    const reasons = ATTENTION_REASONS.map((reason) => t(`queue.reason.${reason}`));
    const ages = (["minutes", "hours", "days"] as const).map((unit) => messagePattern(t, `queue.age.${unit}`));
    for (const text of await bodyRows().locator("td:nth-child(5)").allInnerTexts()) {
      const parts = text.split("\n").map((part) => part.trim());
      expect(
        parts.some((part) => reasons.includes(part)),
        text,
      ).toBe(true);
      expect(
        parts.some((part) => ages.some((pattern) => pattern.test(part))),
        text,
      ).toBe(true);
    }
    if (locale === "en") await session.admin.readmeShot("exception-queue");
    await shot("4-queue");
    await expectAccessible();

    // Resolve on one row: the Shopify order loses its Needs attention tag, the row leaves the queue.
    const attentionTag = needsAttentionTag(TAG_PREFIX);
    const resolvable = bodyRows().filter({ has: app().getByRole("button", { name: t("queue.resolve"), exact: true }) });
    const [first, second, third] = await resolvable.locator("td:nth-child(2) bdi").allInnerTexts();
    const orderOf = async (waybill: string) => (await db().delivery.findFirstOrThrow({ where: { shop: shop(), waybill } })).orderName!;
    expect((await emulatorOrder(await orderOf(first))).tags).toContain(attentionTag);
    await row(first)
      .getByRole("button", { name: t("queue.resolve"), exact: true })
      .click();
    await toast(t("queue.resolvedCount", { count: 1 })).waitFor();
    await expect.poll(async () => (await emulatorOrder(await orderOf(first))).tags).not.toContain(attentionTag);
    await row(first).waitFor({ state: "detached" });
    expect(await tabCount("attention")).toBe(count - 1);
    const resolved = await db().delivery.findFirstOrThrow({ where: { shop: shop(), waybill: first } });
    expect(resolved.attentionResolvedAt).not.toBeNull();
    expect(resolved.needsAttention).toBe(false);

    // Two selected rows, resolved with the bulk action.
    for (const waybill of [second, third]) {
      expect((await emulatorOrder(await orderOf(waybill))).tags).toContain(attentionTag);
      await row(waybill).getByRole("checkbox").check();
    }
    await bulkActions()
      .getByRole("button", { name: t("queue.resolve"), exact: true })
      .click();
    await toast(t("queue.resolvedCount", { count: 2 })).waitFor();
    for (const waybill of [second, third]) {
      await expect.poll(async () => (await emulatorOrder(await orderOf(waybill))).tags).not.toContain(attentionTag);
      await row(waybill).waitFor({ state: "detached" });
    }
    expect(await tabCount("attention")).toBe(count - 3);
    await shot("5-resolved");
    await expectAccessible();
  });

  it("retries unmatched waybills in bulk, links one through the order picker and unlinks it", { timeout: 240_000 }, async () => {
    await openList();
    await tab("unmatched").click();
    await expect.poll(() => appUrl().searchParams.get("match")).toBe("unmatched");
    const unmatched = (await shopDeliveries({ orderId: null })).map((delivery) => delivery.waybill);
    await expect.poll(async () => (await listedWaybills()).sort()).toEqual([...unmatched].sort());

    // Bulk Retry: every parked event of the selected waybills goes back to the worker.
    const parked = await db().inboxEvent.count({ where: { shop: shop(), waybill: { in: unmatched }, state: { in: RETRYABLE_STATES } } });
    expect(parked).toBeGreaterThan(0);
    for (const waybill of unmatched) await row(waybill).getByRole("checkbox").check();
    await bulkActions()
      .getByRole("button", { name: t("common.retry"), exact: true })
      .click();
    await toast(t("queue.retried", { count: parked })).waitFor();

    // The picker searches Shopify's orders as the merchant types; Link applies the waybill's events.
    const waybill = locale === "en" ? UNMATCHED_WAYBILLS[0] : UNMATCHED_WAYBILLS[1];
    const orderName = await newShopifyOrder();
    await row(waybill)
      .getByRole("button", { name: t("queue.link"), exact: true })
      .click();
    const picker = app().getByRole("dialog");
    await picker.getByLabel(t("picker.label")).fill(orderName.slice(0, -1));
    const option = app().getByRole("option", { name: new RegExp(`^\\u2066?${escapeRegExp(orderName)}\\u2069? · `) });
    await option.waitFor();
    expect(await app().getByRole("option").count()).toBeGreaterThan(1);
    await shot("6-picker");
    await expectAccessible();
    await option.click();
    await picker.getByRole("button", { name: t("picker.submit"), exact: true }).click();
    await picker.waitFor({ state: "detached" });
    await session.demo.until(
      "the waybill's events to be applied to the order",
      async () => (await db().inboxEvent.count({ where: { shop: shop(), waybill, state: { in: PENDING_STATES } } })) === 0,
    );
    const linked = await emulatorOrder(orderName);
    expect(linked.tags.some((tag) => allAppTags(TAG_PREFIX).includes(tag))).toBe(true);
    await row(waybill).waitFor({ state: "detached" });

    // Unlink, from the All tab: the confirmation lists what will be undone, then it is undone.
    await tab("all").click();
    await app().getByRole("button", { name: polaris.IndexFilters.searchFilterAccessibilityLabel }).click();
    await app().getByPlaceholder(t("queue.search")).fill(waybill);
    await expect.poll(listedWaybills).toEqual([waybill]);
    await row(waybill)
      .getByRole("button", { name: t("queue.unlink"), exact: true })
      .click();
    const confirmation = app().getByRole("dialog");
    const events = await db().inboxEvent.count({ where: { shop: shop(), waybill, state: { in: REPARKED_BY_UNLINK_STATES } } });
    const live = linked.fulfillments.filter((fulfillment) => fulfillment.status !== "CANCELLED");
    const expected = [
      t("unlink.tags"),
      t("unlink.metafield"),
      ...live.map((fulfillment) => t("unlink.fulfillment", { id: fulfillment.id.split("/").at(-1)! })),
      t("unlink.events", { count: events }),
    ];
    await confirmation.getByText(t("unlink.events", { count: events })).waitFor();
    expect(await confirmation.getByRole("listitem").allInnerTexts()).toEqual(expected);
    await shot("7-unlink-confirmation");
    await expectAccessible();
    await confirmation.getByRole("button", { name: t("unlink.confirm"), exact: true }).click();
    await confirmation.waitFor({ state: "detached" });
    const undone = await emulatorOrder(orderName);
    expect(undone.tags.filter((tag) => allAppTags(TAG_PREFIX).includes(tag))).toEqual([]);
    expect(undone.fulfillments.filter((fulfillment) => fulfillment.status !== "CANCELLED")).toEqual([]);
    expect((await db().delivery.findFirstOrThrow({ where: { shop: shop(), waybill } })).orderId).toBeNull();
    await expect
      .poll(() =>
        row(waybill)
          .getByRole("button", { name: t("queue.link"), exact: true })
          .count(),
      )
      .toBe(1);
    await shot("8-unlinked");
  });

  it("exports the needs-attention view as a CSV file, and a delivery's timeline reads in the language", { timeout: 180_000 }, async () => {
    await openList();
    await tab("attention").click();
    await expect.poll(() => appUrl().searchParams.get("attention")).toBe("1");
    const count = await tabCount("attention");
    const shown = await listedWaybills();
    const [download] = await Promise.all([
      session.admin.page.waitForEvent("download"),
      app()
        .getByRole("button", { name: t("queue.export"), exact: true })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^wakilni-deliveries-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(CSV_BOM.length).trimEnd().split("\r\n");
    expect(lines[0].split(",").slice(0, 4)).toEqual([t("csv.waybill"), t("csv.order"), t("csv.status"), t("csv.reason")]);
    expect(lines).toHaveLength(count + 1);
    const exported = lines.slice(1).map((line) => line.split(",")[0].replace(/^'/, ""));
    for (const waybill of shown) expect(exported).toContain(waybill);
    await app().getByText(t("queue.exported", { count })).waitFor();
    await shot("9-exported");
    await expectAccessible();

    // A delivery's page from the queue: its timeline, with code-like values left to right.
    const [waybill] = shown.filter((candidate) => !UNMATCHED_WAYBILLS.includes(candidate));
    await row(waybill).getByRole("link", { name: waybill }).first().click();
    await app()
      .getByRole("heading", { name: t("delivery.timeline") })
      .waitFor({ timeout: 30_000 });
    await app().locator("ol li").first().waitFor();
    if (locale === "en") await session.admin.readmeShot("delivery-timeline");
    await shot("10-delivery");
    await expectAccessible();
    if (locale === "ar") {
      const direction = await app()
        .locator("bdi", { hasText: waybill })
        .first()
        .evaluate((element) => getComputedStyle(element).direction);
      expect(direction).toBe("ltr");
    }
  });
});
