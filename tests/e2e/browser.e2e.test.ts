// The embedded app as a merchant sees it: Debian's Chromium opens the demo's stand-in for the
// Shopify admin, which loads the app in its iframe the way Shopify does. The merchant saves
// new Wakilni credentials, a Wakilni event signed with the new secret lands on the Deliveries
// page and the delivery's timeline, and the app turns right-to-left in Arabic. Screenshots of
// each step go to test-results/screenshots/ (git-ignored), for a person to look at.
import { describe, expect, it } from "vitest";
import { postWakilniEvent, specPayload } from "../../sandbox/wakilni-sender";
import { useDemoInBrowser } from "../helpers/browser";

const NEW_TOKEN = "browser-token-1234";
const NEW_SECRET = "browser-secret-9876";
const session = useDemoInBrowser("browser-e2e", { viewport: { width: 1280, height: 900 } });
const app = () => session.app();
const shot = (name: string) => session.admin.shot(name);

describe("the embedded app in Chromium", () => {
  it("saves credentials, shows a Wakilni event's delivery and timeline, and speaks Arabic", { timeout: 150_000 }, async () => {
    await session.admin.page.goto(session.demo.ready.adminUrl);
    await app().getByRole("heading", { name: "Overview" }).first().waitFor({ timeout: 30_000 });
    // The demo installs the app with a secret, and no Wakilni event has come yet.
    await app().getByText("Waiting for Wakilni's first update").waitFor();
    await shot("1-overview");
    await session.expectAccessible();

    // The admin's sidebar, as a merchant would go there.
    await session.admin.page.locator('a[data-path="/app/settings"]').click();
    await session.admin.appReady("/app/settings");
    await app().getByLabel("App token").fill(NEW_TOKEN);
    await app().getByLabel("Webhook secret").fill(NEW_SECRET);
    // The admin's contextual save bar (the demo frame draws it, as the admin does).
    await session.admin.page.locator("#save-bar").getByRole("button", { name: "Save" }).click();
    await app().getByText("Settings saved").waitFor();
    await app().getByText("Saved, ending in 1234", { exact: false }).waitFor();
    await app().getByText("Saved, ending in 9876", { exact: false }).waitFor();
    await shot("2-settings-saved");

    // Wakilni now signs with the new secret. The demo's old one still works in its grace window
    // (on another order, so that #1003 shows only the new secret's event); a wrong one does not.
    const event = specPayload({ topic: "assigned", waybill: "#1003", orderId: 9003, driver: { name: "Rami", phone: "+961 3 000000" } });
    expect((await postWakilniEvent(session.demo.ready.webhookUrl, NEW_SECRET, event)).status).toBe(200);
    expect(
      (
        await postWakilniEvent(
          session.demo.ready.webhookUrl,
          session.demo.ready.webhookSecret,
          specPayload({ topic: "created", waybill: "#1004", orderId: 9004 }),
        )
      ).status,
    ).toBe(200);
    expect((await postWakilniEvent(session.demo.ready.webhookUrl, "not-the-secret", event)).status).toBe(401);
    await session.demo.until(
      "the worker to apply the event",
      async () => (await session.db.inboxEvent.findFirst({ where: { eventId: String(event.event_id), state: "applied" } })) !== null,
    );

    await session.admin.page.locator('a[data-path="/app/deliveries"]').click();
    await session.admin.appReady("/app/deliveries");
    const row = app().getByRole("row").filter({ hasText: "#1003" });
    await row.getByText("Assigned").waitFor();
    await shot("3-delivery-listed");

    await row.getByRole("link", { name: "#1003" }).first().click();
    await app().getByRole("heading", { name: "Delivery #1003" }).waitFor();
    await app().getByText("Rami (+961 3 000000)").waitFor();
    await app().getByText("Applied: Assigned").waitFor();
    await shot("4-delivery-timeline");

    // The frame's language switch reloads the app with `locale=ar`, as the admin does when the
    // merchant changes language.
    await session.admin.page.locator('a[data-locale="ar"]').click();
    await app().locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
    // The waybill is isolated left-to-right inside the Arabic title.
    await app()
      .getByRole("heading", { name: /^التوصيلة \u2066?#1003\u2069?$/ })
      .waitFor();
    await app().getByText("تم التطبيق").first().waitFor();
    await shot("5-arabic");

    // In-app links carry no `locale`: the app must keep Arabic on its own.
    await app().getByRole("link", { name: "العودة إلى التوصيلات" }).click();
    await app().getByRole("heading", { name: "التوصيلات" }).waitFor();
    await app().getByRole("row").filter({ hasText: "#1003" }).getByText("تم التعيين لسائق").waitFor();
    expect(await app().locator("html").getAttribute("dir")).toBe("rtl");
    await shot("6-arabic-deliveries");
  });
});
