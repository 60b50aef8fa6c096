// The embedded app as a merchant sees it: Debian's Chromium opens the demo's stand-in for the
// Shopify admin, which loads the app in its iframe the way Shopify does. The merchant saves
// new Wakilni credentials, a Wakilni event signed with the new secret lands on the Deliveries
// page and the delivery's timeline, and the app turns right-to-left in Arabic. Screenshots of
// each step go to test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type FrameLocator, type Page } from "playwright-core";
import { postWakilniEvent, specPayload } from "../../sandbox/wakilni-sender";
import { projectRoot, startDemo, type RunningDemo } from "../helpers/demo";

const screenshots = path.join(projectRoot, "test-results", "screenshots");
let demo: RunningDemo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(projectRoot, "scripts/ensure-chromium.mjs")], { stdio: "ignore", timeout: 600_000 });
  mkdirSync(screenshots, { recursive: true });
  demo = await startDemo("browser-e2e");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    // Without these, Chromium keeps dialing Google's services, which an offline machine refuses.
    // Playwright gives each launch a fresh, empty profile.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // shopify-app-remix answers 410 to bots, and HeadlessChrome's user agent reads as one.
  const context = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  demo?.dispose();
});

function app(): FrameLocator {
  return page.frameLocator('iframe[name="app-iframe"]');
}

async function shot(name: string) {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

describe("the embedded app in Chromium", () => {
  it("saves credentials, shows a Wakilni event's delivery and timeline, and speaks Arabic", { timeout: 150_000 }, async () => {
    await page.goto(demo.ready.adminUrl);
    await app().getByRole("heading", { name: "Deliveries" }).first().waitFor({ timeout: 30_000 });
    await shot("1-deliveries");

    await page.locator('a[data-path="/app/settings"]').click();
    await app().getByLabel("App token").waitFor();
    await app().getByLabel("App token").fill("browser-token-1234");
    await app().getByLabel("Webhook secret").fill("browser-secret-9876");
    await app().getByRole("button", { name: "Save" }).first().click();
    await app().getByText("Settings saved").waitFor();
    await app().getByText("Saved, ending in 9876", { exact: false }).waitFor();
    await shot("2-settings-saved");

    // Wakilni now signs with the new secret; the demo's old one is refused.
    const payload = specPayload({ topic: "assigned", waybill: "#1003", driver: { name: "Rami", phone: "+961 3 000000" } });
    expect((await postWakilniEvent(demo.ready.webhookUrl, demo.ready.webhookSecret, specPayload({ topic: "assigned", waybill: "#1003" }))).status).toBe(200); // previous secret, in its window
    expect((await postWakilniEvent(demo.ready.webhookUrl, "browser-secret-9876", payload)).status).toBe(200);
    expect((await postWakilniEvent(demo.ready.webhookUrl, "not-the-secret", payload)).status).toBe(401);

    await demo.until("the delivery on the Deliveries page", async () => {
      await page.locator('a[data-path="/app"]').click();
      return app().getByText("#1003").first().isVisible({ timeout: 2_000 }).catch(() => false);
    }, 30_000);
    await app().getByText("Assigned").first().waitFor();
    await shot("3-delivery-listed");

    await app().getByRole("link", { name: "#1003" }).first().click();
    await app().getByRole("heading", { name: "Delivery #1003" }).waitFor();
    await app().getByText("Applied").first().waitFor();
    await shot("4-delivery-timeline");

    await page.locator('a[data-locale="ar"]').click();
    await app().locator('html[dir="rtl"]').waitFor({ state: "attached" });
    await app().getByRole("heading", { name: "التوصيلة #1003" }).waitFor();
    await app().getByText("تم التطبيق").first().waitFor();
    expect(await app().locator("html").getAttribute("lang")).toBe("ar");
    await shot("5-arabic");
  });
});
