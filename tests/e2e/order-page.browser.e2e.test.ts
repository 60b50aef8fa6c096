// The order surfaces as Shopify would show them, in Chromium on the demo's stand-in admin: the
// order page runs the "Wakilni delivery" block from its real source and shows the timeline the
// app recorded (each Wakilni status change once, in the merchant's language, the app's outcome
// where it says more); "More actions" opens the link action, which links a parked waybill and
// replays it onto the order; the buyer's order status page shows the status, the driver's first
// name and the tracking link from the order's metafield. English and Arabic, axe on every page
// and extension frame. Screenshots: test-results/screenshots/order-page-<n>-<what>.png.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { Frame } from "playwright-core";
import { connectDatabase, type Database } from "../../app/db.server";
import { TIMELINE_OUTCOMES, timelineOutcomeFromCode } from "../../app/delivery/timeline-outcomes";
import { ltrIsolate } from "../../app/i18n/bidi";
import type { Locale } from "../../app/i18n/locale";
import { WAKILNI_STATUSES } from "../../app/wakilni/statuses";
import { topicFromCode } from "../../app/wakilni/topics";
import { DEMO_EXTENSIONS, extensionLocales } from "../../sandbox/extension-host/bundle-extensions";
import { createShopifyGlobal } from "../../sandbox/extension-host/shopify-global";
import { postWakilniEvent, specPayload, wakilniTimeText } from "../../sandbox/wakilni-sender";
import { projectRoot } from "../helpers/demo";
import { openAdminBrowser, seriousAccessibilityViolations, type AdminBrowser } from "../helpers/browser";
import { startDemo, type RunningDemo } from "../helpers/demo";

let demo: RunningDemo;
let db: Database;
let admin: AdminBrowser;

beforeAll(async () => {
  admin = await openAdminBrowser();
  demo = await startDemo("order-page-e2e");
  db = await connectDatabase(`file:${path.join(demo.dir, "demo.sqlite")}`);
}, 720_000);

afterAll(async () => {
  await admin?.close();
  await db?.$disconnect();
  demo?.dispose();
});

const page = () => admin.page;
const shot = (name: string) => admin.shot(`order-page-${name}`);
const frameOrigin = () => new URL(demo.ready.adminUrl).origin;
/** An extension's own text, as its locale files and Shopify's i18n give it. */
function text(handle: string, locale: Locale, key: string, values: Record<string, unknown> = {}): string {
  const locales = extensionLocales(path.join(projectRoot, "extensions", handle));
  return createShopifyGlobal({ language: locale, locales }).i18n.translate(key, values);
}
const { block: BLOCK, action: ACTION, buyer: BUYER } = DEMO_EXTENSIONS;

const minutesAgo = (minutes: number) => wakilniTimeText(new Date(Date.now() - minutes * 60_000));

async function send(payload: Record<string, unknown>, until: readonly string[] = ["applied", "failed", "dead"]): Promise<void> {
  expect((await postWakilniEvent(demo.ready.webhookUrl, demo.ready.webhookSecret, payload)).status).toBe(200);
  await demo.until(`event ${String(payload.event)} to be ${until.join(" or ")}`, async () =>
    Boolean(await db.inboxEvent.findFirst({ where: { eventId: String(payload.event_id), state: { in: [...until] } } })),
  );
}

/** The frame an extension runs in on the current page (the action's exists while its modal is open). */
async function extensionFrame(handle: string): Promise<Frame> {
  const element = await page().locator(`iframe[data-handle="${handle}"]`).elementHandle({ timeout: 10_000 });
  const frame = await element?.contentFrame();
  if (!frame) throw new Error(`no frame for the extension ${handle}`);
  await frame.waitForLoadState();
  return frame;
}

/** axe on each extension frame, then on the page around them (the frames left out: axed on their own). */
async function accessibilityViolations(handles: string[]) {
  const violations = [];
  for (const handle of handles) violations.push(...(await seriousAccessibilityViolations(await extensionFrame(handle))));
  violations.push(...(await seriousAccessibilityViolations(page().mainFrame(), ["iframe.extension"])));
  return violations;
}

/** The block's timeline as a merchant reads it: each row's status, and its badges (the app's outcome). */
function timelineRows(block: Frame) {
  return block.evaluate(() => {
    const list = document.querySelector("s-heading")?.nextElementSibling;
    return Array.from(list?.children ?? []).map((row) => ({
      status: row.querySelector('s-text[type="strong"]')?.textContent ?? "",
      badges: Array.from(row.querySelectorAll("s-badge")).map((badge) => badge.textContent ?? ""),
    }));
  });
}

/**
 * What the app recorded for the waybill, newest first: one row per Wakilni event (at Wakilni's
 * time), named as the app names the status, with what the app last did about it unless that was
 * simply to apply it; and one row per act of the app's own, such as a link (at the time it was
 * recorded). The app's notes about an event (the fulfillment it created…) are not rows of their own.
 */
async function recordedRows(waybill: string, locale: Locale) {
  const delivery = await db.delivery.findFirstOrThrow({ where: { waybill } });
  const events = await db.inboxEvent.findMany({ where: { waybill } });
  const entries = await db.timelineEntry.findMany({ where: { deliveryId: delivery.id }, orderBy: { id: "desc" } });
  const rows = [
    ...events.map((event) => {
      const outcome = timelineOutcomeFromCode(
        entries.find((entry) => entry.inboxEventId === event.id && entry.outcome !== "note")?.outcome ?? "",
      );
      return {
        at: event.occurredAt,
        status: WAKILNI_STATUSES[topicFromCode(event.topic ?? "")!].name[locale],
        badges: outcome && outcome !== "applied" ? [TIMELINE_OUTCOMES[outcome].name[locale]] : [],
      };
    }),
    ...entries
      .filter((entry) => entry.inboxEventId === null)
      .map((entry) => ({ at: entry.recordedAt, status: text(BLOCK, locale, "timeline.appNote"), badges: [] as string[] })),
  ];
  return rows.sort((a, b) => b.at.getTime() - a.at.getTime()).map(({ status, badges }) => ({ status, badges }));
}

async function orderId(name: string): Promise<string> {
  const row = await db.delivery.findFirst({ where: { orderName: name }, select: { orderId: true } });
  if (row?.orderId) return row.orderId.split("/").pop()!;
  // An order with no delivery yet: the admin's order list names it.
  await page().goto(`${frameOrigin()}/orders?locale=en`);
  const href = await page().getByRole("link", { name, exact: true }).getAttribute("href");
  return /\/orders\/(\d+)/.exec(href ?? "")![1];
}

describe("the order page, the order action and the buyer's page in the demo", () => {
  it(
    "shows what the app recorded on the order page, links a parked waybill from the action, and shows the buyer's page, in English and Arabic",
    { timeout: 300_000 },
    async () => {
      const waybill = "#1003";
      await db.shop.update({
        where: { shop: demo.ready.shop },
        data: { trackingUrlTemplate: "https://track.wakilni.example/{waybill}" },
      });
      await send(specPayload({ topic: "created", waybill, at: minutesAgo(60) }));
      await send(specPayload({ topic: "assigned", waybill, at: minutesAgo(30), driver: { name: "Rami Khoury", phone: "+961 3 000000" } }));
      await send(specPayload({ topic: "processed", waybill, at: minutesAgo(10) }));
      // Late and older than what the order shows: recorded as skipped.
      await send(specPayload({ topic: "assigned", waybill, at: minutesAgo(40) }));
      // No order has this waybill: it waits, parked, for a merchant to link it.
      const parked = "WX-2001";
      await send(specPayload({ topic: "created", waybill: parked, at: minutesAgo(5) }), ["parked"]);

      // From the app's deliveries list, the order's link opens the order's page in the admin.
      await page().goto(`${frameOrigin()}/?path=/app/deliveries&locale=en`);
      await admin.app().getByRole("link", { name: waybill, exact: true }).last().click();
      await page().waitForURL(/\/orders\/\d+\?locale=en$/);
      const id = /\/orders\/(\d+)/.exec(page().url())![1];
      expect(id).toBe(await orderId(waybill));

      const delivery = await db.delivery.findFirstOrThrow({ where: { waybill } });
      for (const [step, locale] of [
        [1, "en"],
        [2, "ar"],
      ] as const) {
        await page().goto(`${frameOrigin()}/orders/${id}?locale=${locale}`);
        const block = await extensionFrame(BLOCK);
        await block.locator(`html[lang="${locale}"][dir="${locale === "ar" ? "rtl" : "ltr"}"]`).waitFor({ state: "attached" });
        const status = WAKILNI_STATUSES[topicFromCode(delivery.status!)!].name[locale];
        await block.locator("s-badge").filter({ hasText: status }).first().waitFor();
        expect(await timelineRows(block)).toEqual(await recordedRows(waybill, locale));
        const phone = block.locator('s-link[href^="tel:"]');
        expect(await phone.getAttribute("href")).toBe("tel:+9613000000");
        // A phone number keeps its order in Arabic ("000000 3 961+" otherwise).
        expect(await phone.textContent()).toBe(ltrIsolate("+961 3 000000", locale));
        expect(await block.locator('s-link[href^="app:"]').getAttribute("href")).toBe(`app:app/deliveries/${delivery.id}`);
        await shot(`${step}-block-${locale}`);
        expect(await accessibilityViolations([BLOCK])).toEqual([]);
      }

      // The block's link to the delivery opens the app's page of it in the admin.
      await page().goto(`${frameOrigin()}/orders/${id}?locale=en`);
      await (await extensionFrame(BLOCK)).getByRole("link", { name: text(BLOCK, "en", "delivery.open") }).click();
      await admin
        .app()
        .getByRole("heading", { name: `Delivery ${waybill}` })
        .waitFor({ timeout: 30_000 });

      // An order with no Wakilni parcel: "More actions" → the action links the parked waybill.
      const other = await orderId("#1004");
      await page().goto(`${frameOrigin()}/orders/${other}?locale=en`);
      await (await extensionFrame(BLOCK)).getByText(text(BLOCK, "en", "empty")).waitFor();
      await page().getByRole("button", { name: "More actions" }).click();
      await page()
        .getByRole("menuitem", { name: text(ACTION, "en", "name") })
        .click();
      const action = await extensionFrame(ACTION);
      await action.getByRole("button", { name: text(ACTION, "en", "suggestions.choose", { waybill: parked }) }).click();
      expect(await action.getByRole("textbox", { name: text(ACTION, "en", "field.label") }).inputValue()).toBe(parked);
      await shot("3-action-en");
      expect(await accessibilityViolations([BLOCK, ACTION])).toEqual([]);
      await action.getByRole("button", { name: text(ACTION, "en", "submit") }).click();
      await action.getByRole("heading", { name: text(ACTION, "en", "linked.heading", { waybill: parked, order: "#1004" }) }).waitFor();
      await action.getByText(text(ACTION, "en", "linked.body", { count: 1 })).waitFor();
      await shot("4-action-linked-en");
      await demo.until("the parked event to be applied", async () =>
        Boolean(await db.inboxEvent.findFirst({ where: { waybill: parked, state: "applied" } })),
      );
      await action.getByRole("button", { name: text(ACTION, "en", "close") }).click();
      await page().locator("dialog[open]").waitFor({ state: "detached" });
      // The modal closed, the block shows the order afresh: the linked parcel and its creation.
      const relinked = await extensionFrame(BLOCK);
      await relinked.getByText(text(BLOCK, "en", "delivery.waybill", { waybill: parked })).waitFor();
      expect(await timelineRows(relinked)).toEqual(await recordedRows(parked, "en"));

      // In Arabic, an order with no parcel opens the action from the block's own button; nothing waits now.
      const third = await orderId("#1005");
      await page().goto(`${frameOrigin()}/orders/${third}?locale=ar`);
      await (await extensionFrame(BLOCK)).getByRole("button", { name: text(BLOCK, "ar", "linkWaybill") }).click();
      const actionAr = await extensionFrame(ACTION);
      await actionAr.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
      await actionAr.getByText(text(ACTION, "ar", "suggestions.none")).waitFor();
      await shot("5-action-ar");
      expect(await accessibilityViolations([BLOCK, ACTION])).toEqual([]);
      await actionAr.getByRole("button", { name: text(ACTION, "ar", "cancel") }).click();
      await page().locator("dialog[open]").waitFor({ state: "detached" });

      // The buyer's order status page: status, the driver's first name only, the tracking link.
      const tracked = await db.delivery.findFirstOrThrow({ where: { waybill } });
      expect(tracked.trackingUrl).toMatch(/^https:\/\/track\.wakilni\.example\//);
      for (const [step, locale] of [
        [6, "en"],
        [7, "ar"],
      ] as const) {
        const texts = {
          status: text(BUYER, locale, "status", { status: WAKILNI_STATUSES.processed.name[locale] }),
          driver: text(BUYER, locale, "driver", { name: "Rami" }),
          track: text(BUYER, locale, "track"),
        };
        await page().goto(`${frameOrigin()}/orders/${id}/status?locale=${locale}`);
        const buyer = await extensionFrame(BUYER);
        await buyer.getByText(texts.status).waitFor();
        await buyer.getByText(texts.driver, { exact: true }).waitFor();
        expect(await buyer.locator("body").innerText()).not.toMatch(/Khoury|000000/);
        expect(await buyer.locator("s-link").filter({ hasText: texts.track }).getAttribute("href")).toBe(tracked.trackingUrl);
        await shot(`${step}-buyer-${locale}`);
        expect(await accessibilityViolations([BUYER])).toEqual([]);
      }
    },
  );
});
