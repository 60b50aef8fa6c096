// The delivery page's timeline and the event log as a merchant sees them, in English and in
// Arabic, at 1366 px: Wakilni events sent out of order land as one step each in Wakilni's order,
// an older one skipped as stale says so on the page and in the log, the log fits the width, and
// axe finds no serious violation. Screenshots go to test-results/screenshots/timeline-*.png.
import { describe, expect, it } from "vitest";
import { postWakilniEvent, specPayload, wakilniTimeText } from "../../sandbox/wakilni-sender";
import { useDemoInBrowser } from "../helpers/browser";

const session = useDemoInBrowser("timeline-e2e");
const app = () => session.app();
const shot = (name: string) => session.admin.shot(`timeline-${name}`);

async function noHorizontalScroll(): Promise<boolean> {
  return session.admin.appFrame().evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe("one timeline, in the merchant's language", () => {
  it(
    "shows out-of-order Wakilni events as steps in Wakilni's order, and the event log, in English and Arabic",
    { timeout: 240_000 },
    async () => {
      const minutesAgo = (minutes: number) => wakilniTimeText(new Date(Date.now() - minutes * 60_000));
      const waybill = "#1002";
      // Sent out of order: out for delivery first, then the assignment before it, then a creation older than both.
      const events = [
        specPayload({ topic: "assigned", waybill, at: minutesAgo(30), driver: { name: "Rami", phone: "+961 3 000000" } }),
        specPayload({ topic: "processed", waybill, at: minutesAgo(10) }),
        specPayload({ topic: "created", waybill, at: minutesAgo(60) }),
      ];
      for (const event of events) {
        expect((await postWakilniEvent(session.demo.ready.webhookUrl, session.demo.ready.webhookSecret, event)).status).toBe(200);
        await session.demo.until("the worker to finish the event", async () =>
          Boolean(
            await session.db.inboxEvent.findFirst({
              where: { eventId: String(event.event_id), state: { in: ["applied", "failed", "dead"] } },
            }),
          ),
        );
      }
      const delivery = await session.db.delivery.findFirstOrThrow({ where: { waybill } });

      await session.open(`/app/deliveries/${delivery.id}`, "en");
      await app()
        .getByRole("heading", { name: `Delivery ${waybill}` })
        .waitFor({ timeout: 30_000 });
      const timeline = app().locator("ol").first();
      await timeline.getByText("Applied: Out for delivery").waitFor();
      const texts = await timeline.locator("li").allInnerTexts();
      // Newest Wakilni time first, whatever the arrival order; the late creation is skipped as older.
      expect(
        texts.map((text) => (text.includes("Out for delivery") ? "processed" : text.includes("Assigned") ? "assigned" : "created")),
      ).toEqual(["processed", "assigned", "created"]);
      expect(texts[2]).toContain("Skipped: older than the last applied event");
      expect(texts.join("\n")).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      await timeline.getByRole("button", { name: "Show details" }).first().click();
      await timeline.getByText("What the app did").first().waitFor();
      expect(await noHorizontalScroll()).toBe(true);
      await shot("1-delivery-en");
      await session.expectAccessible();

      await session.open(`/app/deliveries/${delivery.id}`, "ar");
      await app().locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
      await app().getByText("تم التطبيق: قيد التوصيل").first().waitFor();
      await app().getByText("تم التجاوز: أقدم من آخر حدث مطبَّق", { exact: false }).waitFor();
      expect(await noHorizontalScroll()).toBe(true);
      await shot("2-delivery-ar");
      await session.expectAccessible();

      await session.open("/app/events", "en");
      await app().getByRole("heading", { name: "Event log" }).waitFor({ timeout: 30_000 });
      await app()
        .getByRole("tab", { name: /^All \(\d+\)$/ })
        .waitFor();
      const skipped = app().getByRole("row").filter({ hasText: "Skipped: older" });
      await skipped.first().waitFor();
      expect(await noHorizontalScroll()).toBe(true);
      await shot("3-events-en");
      await session.expectAccessible();

      // The deliveries list's kind of filter bar: a search, then a Wakilni status, each kept in the URL.
      await app().getByRole("button", { name: "Search and filter results" }).click();
      await app().getByPlaceholder("Waybill, event id or order").fill(waybill);
      const filtered = () => session.admin.appFrame().evaluate(() => location.search);
      const rows = app().locator("tbody tr");
      const soon = { timeout: 30_000 };
      await expect.poll(filtered, soon).toContain(`q=${encodeURIComponent(waybill)}`);
      await expect.poll(() => rows.count(), soon).toBe(3);
      await app().getByRole("button", { name: "Wakilni status" }).click();
      // Checked once the page has navigated to the filtered URL (the choice list shows what the URL says).
      await app().getByRole("checkbox", { name: "Assigned", exact: true }).click();
      await expect.poll(filtered, soon).toContain("status=assigned");
      await expect.poll(() => rows.count(), soon).toBe(1);
      await rows.getByText("Assigned", { exact: true }).waitFor();
      await shot("4-events-search-en");
      await session.expectAccessible();

      await session.open("/app/events", "ar");
      await app().locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
      await app().getByRole("heading", { name: "سجل الأحداث" }).waitFor({ timeout: 30_000 });
      expect(await noHorizontalScroll()).toBe(true);
      await shot("5-events-ar");
      await session.expectAccessible();
    },
  );
});
