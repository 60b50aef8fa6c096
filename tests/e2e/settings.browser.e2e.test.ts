// The settings page in Chromium, in English, French and Arabic: the admin's contextual save bar
// (drawn by the demo's App Bridge stand-in in the frame's top bar) appears with the first change
// and goes with Save or Discard; bad values come back as inline errors under their fields with
// nothing saved; the tracking link's preview follows the typing; Polaris speaks the merchant's
// language; code-like values read left to right on the Arabic page; the connection to the demo's
// Wakilni API emulator is tested, fails as injected, and is tried again. Screenshots:
// test-results/screenshots/settings-<n>-<what>.png.
import { describe, expect, it } from "vitest";
import type { Locale } from "../../app/i18n/locale";
import { useDemoInBrowser } from "../helpers/browser";

const session = useDemoInBrowser("settings-e2e");
const app = () => session.app();
const saveBar = () => session.admin.page.locator("#save-bar");
const shop = () => session.db.shop.findUniqueOrThrow({ where: { shop: session.demo.ready.shop } });

async function openSettings(locale: Locale, heading: string) {
  await session.open("/app/settings", locale);
  await app().getByRole("heading", { name: heading, exact: true }).waitFor({ timeout: 30_000 });
}

describe("the settings page", () => {
  it("saves from the admin's save bar, with inline errors and nothing saved on bad input", { timeout: 180_000 }, async () => {
    await openSettings("en", "Settings");
    await app().getByText("Lets the app ask Wakilni’s API for a parcel’s status", { exact: false }).waitFor();
    await app().getByText("No tracking URL", { exact: false }).waitFor();
    expect(await saveBar().isHidden()).toBe(true);
    await session.admin.shot("settings-1-en");
    await session.expectAccessible();

    // Two bad values: the save bar appears with the first change; Save brings back one error per field.
    await app().getByLabel("Order tag prefix").fill("Wakilni, ");
    await saveBar().waitFor();
    await app().getByLabel("Tracking URL").fill("track.example.com/{waybill}");
    await app().getByText("The preview appears once the address is complete", { exact: false }).waitFor();
    await saveBar().getByRole("button", { name: "Save" }).click();
    await app().getByText("Nothing was saved").waitFor();
    await app().getByLabel("Order tag prefix").scrollIntoViewIfNeeded();
    await app().getByText("Must not contain a comma.").waitFor();
    await app().getByText("Must be a full address starting with https:// or http://.").waitFor();
    // No browser validation bubble: the inputs are not marked invalid by the browser, only by Polaris.
    expect(await app().locator("input:invalid").count()).toBe(0);
    expect(await saveBar().isVisible()).toBe(true);
    expect(await shop()).toMatchObject({ tagPrefix: "Wakilni: ", trackingUrlTemplate: "" });
    await session.admin.shot("settings-2-inline-errors");
    await session.expectAccessible();

    // Fixing a field clears its error; the preview follows the template.
    await app().getByLabel("Order tag prefix").fill("WK: ");
    expect(await app().getByText("Must not contain a comma.").count()).toBe(0);
    await app().getByLabel("Tracking URL").fill("https://track.example.com/{waybill}?o={order_id}");
    await app().getByRole("link", { name: "https://track.example.com/%231001?o=123456" }).scrollIntoViewIfNeeded();
    await session.admin.shot("settings-3-preview");

    // While the bar shows, the admin keeps the merchant on the page.
    await session.admin.page.locator('a[data-path="/app/events"]').click();
    await session.admin.page.waitForTimeout(500);
    expect(new URL(session.admin.page.url()).searchParams.get("path")).toBe("/app/settings");

    await saveBar().getByRole("button", { name: "Save" }).click();
    await app().getByText("Settings saved").waitFor();
    await saveBar().waitFor({ state: "hidden" });
    expect(await shop()).toMatchObject({ tagPrefix: "WK: ", trackingUrlTemplate: "https://track.example.com/{waybill}?o={order_id}" });
    expect(await app().getByText("Nothing was saved").count()).toBe(0);

    // Discard puts back what is saved.
    await app().getByLabel("Notify the customer").uncheck();
    await app().getByLabel("Webhook secret").fill("a-new-secret-123");
    await saveBar().getByRole("button", { name: "Discard" }).click();
    await saveBar().waitFor({ state: "hidden" });
    expect(await app().getByLabel("Notify the customer").isChecked()).toBe(true);
    expect(await app().getByLabel("Webhook secret").inputValue()).toBe("");
    expect((await shop()).notifyCustomer).toBe(true);
  });

  it("speaks French, Polaris's own strings included", { timeout: 120_000 }, async () => {
    await openSettings("fr", "Paramètres");
    // Polaris's Frame labels its skip link from the AppProvider's translations.
    expect(await app().getByText("Ignorer et passer au contenu", { exact: true }).count()).toBe(1);
    await app().getByLabel("Préfixe des balises de commande").fill("A,B");
    await saveBar().getByRole("button", { name: "Enregistrer" }).click();
    await app().getByText("Ne doit pas contenir de virgule.").waitFor();
    await session.admin.shot("settings-4-fr-inline-error");
    await session.expectAccessible();
    await saveBar().getByRole("button", { name: "Ignorer" }).click();
    await saveBar().waitFor({ state: "hidden" });
  });

  it("reads right to left in Arabic, with code-like values left to right", { timeout: 120_000 }, async () => {
    await openSettings("ar", "الإعدادات");
    expect(await app().locator("html").getAttribute("dir")).toBe("rtl");
    expect(await app().getByText("الانتقال إلى المحتوى", { exact: true }).count()).toBe(1);
    // The saved prefix, its example tag and the preview link are isolated left to right.
    await app().locator('bdi[dir="ltr"]', { hasText: "WK: Delivered" }).waitFor();
    await app().getByRole("link", { name: "https://track.example.com/%231001?o=123456" }).waitFor();
    const prefixDirection = await app()
      .getByLabel("بادئة وسوم الطلبات")
      .evaluate((input) => getComputedStyle(input).unicodeBidi);
    expect(prefixDirection).toBe("plaintext");
    await session.admin.shot("settings-5-ar");
    await app().getByRole("link", { name: "https://track.example.com/%231001?o=123456" }).scrollIntoViewIfNeeded();
    await session.admin.shot("settings-6-ar-delivery");
    await session.expectAccessible();

    await app().getByLabel("بادئة وسوم الطلبات").fill("");
    await saveBar().getByRole("button", { name: "حفظ" }).click();
    await app().getByText("لم يُحفظ شيء").waitFor();
    await app().getByLabel("بادئة وسوم الطلبات").scrollIntoViewIfNeeded();
    await session.admin.shot("settings-7-ar-inline-error");
    await session.expectAccessible();
    expect((await shop()).tagPrefix).toBe("WK: ");
  });

  it("tests the connection to Wakilni, says exactly what failed, and tries again", { timeout: 180_000 }, async () => {
    const injectFaults = (script: string[]) =>
      fetch(`${session.demo.ready.wakilniApiOrigin}/_emulator/faults`, { method: "POST", body: JSON.stringify({ script }) });
    await openSettings("en", "Settings");
    // The demo saved its app token at install, and saving credentials tests them.
    await app().getByText("Connected to Wakilni as Beirut Bazaar.").waitFor();
    await app().getByRole("button", { name: "Test connection" }).scrollIntoViewIfNeeded();
    await session.admin.shot("settings-8-connected");

    await injectFaults(["http503"]);
    await app().getByRole("button", { name: "Test connection" }).click();
    await app().getByText("Wakilni’s API had an error (HTTP 503). Try again in a few minutes.").waitFor();
    expect(await shop()).toMatchObject({ wakilniApiOutcome: "server_error", wakilniApiDetail: "HTTP 503" });
    await session.admin.shot("settings-9-server-error");
    await session.expectAccessible();
    await app().getByRole("button", { name: "Try again" }).click();
    await app().getByText("Connected to Wakilni as Beirut Bazaar.").waitFor();

    // A wrong token is tested on save and refused; the right one passes again.
    await app().getByLabel("App token").fill("wk-wrong-app-token");
    await saveBar().getByRole("button", { name: "Save" }).click();
    await app().getByText("Wakilni refused the credentials (HTTP 401: Unauthenticated.)", { exact: false }).waitFor();
    expect(await shop()).toMatchObject({ wakilniApiOutcome: "refused", appTokenLast4: "oken" });
    await session.admin.shot("settings-10-refused");
    await app().getByLabel("App token").fill("wk-demo-app-token");
    await saveBar().getByRole("button", { name: "Save" }).click();
    await app().getByText("Connected to Wakilni as Beirut Bazaar.").waitFor();
    expect((await shop()).wakilniApiOutcome).toBe("ok");

    // In Arabic, Wakilni's own words for a failure read left to right.
    await injectFaults(["http401"]);
    await openSettings("ar", "الإعدادات");
    await app().getByRole("button", { name: "اختبار الاتصال" }).click();
    await app().locator('bdi[dir="ltr"]', { hasText: "HTTP 401: Unauthenticated." }).waitFor();
    await app().getByRole("button", { name: "إعادة المحاولة" }).scrollIntoViewIfNeeded();
    await session.admin.shot("settings-11-ar-refused");
    await session.expectAccessible();
  });
});
