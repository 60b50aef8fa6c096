// The overview as a merchant sees it, in Chromium inside the demo's admin frame: the demo's
// --simulate sends three weeks of Wakilni history and today's traffic, and the home page shows
// the connection, the figures of the chosen period, and both charts, in English and in Arabic.
// Screenshots: test-results/screenshots/overview-<n>-<what>.png.
import { beforeAll, describe, expect, it } from "vitest";
import { useDemoInBrowser } from "../helpers/browser";

const session = useDemoInBrowser("overview-e2e", { args: ["--simulate"] });

beforeAll(async () => {
  await session.demo.until("the simulation to finish", async () => session.demo.output().includes("Simulation done"), 600_000);
}, 900_000);

const app = () => session.app();
// polaris-viz 16.16 marks its chart container role="list" without list items (axe:
// aria-required-children): the library's markup, not the app's; everything around it is checked.
const POLARIS_VIZ_CHARTS = ['[id^="chart_"]'];

describe("the overview in Chromium", () => {
  it("shows the connection, the period's figures and the charts, in English and Arabic", { timeout: 240_000 }, async () => {
    await session.admin.page.goto(session.demo.ready.adminUrl);
    await app().getByRole("heading", { name: "Overview" }).first().waitFor({ timeout: 30_000 });
    await app().getByText("Receiving Wakilni updates").waitFor();
    await app().getByText("Buyers get no tracking link").waitFor();
    // The charts are drawn after hydration, by polaris-viz, as SVG.
    await app().locator('[id^="chart_"] svg').first().waitFor({ timeout: 30_000 });
    const delivered = app().getByRole("heading", { name: "Delivered", level: 3 }).first();
    await delivered.waitFor();
    await session.admin.shot("overview-1-english-7-days");
    await session.expectAccessible(POLARIS_VIZ_CHARTS);

    // Each figure opens the list behind it: the attention figure links to the filtered list.
    const attentionLink = app().getByRole("link", { name: "Show these deliveries: Needs attention" });
    expect(await attentionLink.getAttribute("href")).toContain("/app/deliveries?attention=1");

    // The period buttons are links (the period lives in the URL, so the back button and a shared link keep it).
    await app().getByRole("link", { name: "30 days" }).click();
    await expect.poll(() => session.admin.appFrame().url()).toContain("period=");
    // The URL changes before the new period's page has been drawn on a busy machine: wait for it.
    await expect.poll(() => app().getByText("Delivered among parcels delivered", { exact: false }).count(), { timeout: 30_000 }).toBe(1);
    await session.admin.shot("overview-2-english-30-days");

    await session.admin.page.locator('a[data-locale="ar"]').click();
    await app().locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
    await app().getByRole("heading", { name: "نظرة عامة" }).first().waitFor();
    await app().getByText("تحديثات وكيلني تصل").waitFor();
    await app().locator('[id^="chart_"] svg').first().waitFor({ timeout: 30_000 });
    await session.admin.shot("overview-3-arabic");
    await session.expectAccessible(POLARIS_VIZ_CHARTS);
  });
});
