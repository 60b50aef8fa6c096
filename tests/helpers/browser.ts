// Debian's Chromium opening the demo's stand-in for the Shopify admin, shared by every browser
// test: each test file opens its own demo and browser (useDemoInBrowser), works inside the app's
// iframe, saves screenshots under test-results/screenshots/ for a person to look at, and checks
// accessibility with axe-core in the page itself.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { connectDatabase, type Database } from "../../app/db.server";
import type { Locale } from "../../app/i18n/locale";
import { projectRoot, startDemo, type RunningDemo } from "./demo";

export const screenshotsDir = path.join(projectRoot, "test-results", "screenshots");

export interface AdminBrowser {
  browser: Browser;
  page: Page;
  /** The embedded app's iframe, as locators see it. */
  app(): FrameLocator;
  /** The embedded app's iframe as a frame (for evaluate, axe). */
  appFrame(): Frame;
  shot(name: string): Promise<void>;
  /**
   * Waits until the app's iframe shows `appPath` and React has hydrated it (root.tsx marks
   * `data-hydrated`): what is typed into server-rendered fields before that is lost.
   */
  appReady(appPath: string): Promise<void>;
  close(): Promise<void>;
}

/** Installs Chromium when missing (apt-get can take minutes) and opens a page of the given size. */
export async function openAdminBrowser(viewport = { width: 1366, height: 900 }): Promise<AdminBrowser> {
  execFileSync(process.execPath, [path.join(projectRoot, "scripts/ensure-chromium.mjs")], { encoding: "utf8", timeout: 600_000 });
  mkdirSync(screenshotsDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    // Playwright adds --headless and a fresh, empty --user-data-dir itself (it refuses one in
    // args). The rest stop Chromium dialing Google's services, which an offline machine refuses.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // shopify-app-remix answers 410 to bots, and HeadlessChrome's user agent reads as one.
  const context = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    viewport,
  });
  const page = await context.newPage();
  return {
    browser,
    page,
    app: () => page.frameLocator('iframe[name="app-iframe"]'),
    appFrame: () => {
      const frame = page.frame({ name: "app-iframe" });
      if (!frame) throw new Error("the admin page has no app iframe");
      return frame;
    },
    shot: async (name) => {
      await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
    },
    appReady: async (appPath) => {
      // Polled, not waited on one frame: a sidebar link loads a new admin page, and its iframe is a new frame.
      const hydratedPath = async () => {
        const frame = page.frame({ name: "app-iframe" });
        const where = () => (document.documentElement.dataset.hydrated ? location.pathname : "");
        return frame ? frame.evaluate(where).catch(() => "") : "";
      };
      await expect.poll(hydratedPath, { timeout: 60_000, interval: 100 }).toBe(appPath);
    },
    close: () => browser.close(),
  };
}

export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core in the frame and returns the serious and critical violations (an empty list is a
 * pass). `exclude` leaves out markup the app does not write (a third-party chart's own SVG).
 */
export async function seriousAccessibilityViolations(frame: Frame, exclude: string[] = []): Promise<AccessibilityViolation[]> {
  await frame.evaluate(axeSource);
  const violations = await frame.evaluate(async (excluded) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: Document | { include: Document; exclude: string[][] },
          ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(excluded.length > 0 ? { include: document, exclude: excluded.map((selector) => [selector]) } : document);
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(" ")),
    }));
  }, exclude);
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

export interface DemoInBrowser {
  readonly admin: AdminBrowser;
  readonly demo: RunningDemo;
  /** The demo's own SQLite database, to see what the app stored. */
  readonly db: Database;
  /** The embedded app's iframe, as locators see it. */
  app(): FrameLocator;
  /** The admin stand-in showing one of the app's pages (`/app/settings`) in a language, once hydrated. */
  open(appPath: string, locale: Locale): Promise<void>;
  /** No serious or critical axe violation in the app's frame; `exclude` as for seriousAccessibilityViolations. */
  expectAccessible(exclude?: string[]): Promise<void>;
}

/**
 * A browser test file's set-up: registers the vitest hooks that start a demo of its own (with the
 * demo's `args`, such as `--simulate`), open Chromium on it and the demo's database, and close
 * all three after the file. The returned object is usable inside the tests.
 */
export function useDemoInBrowser(
  label: string,
  options: { args?: readonly string[]; viewport?: { width: number; height: number } } = {},
): DemoInBrowser {
  let admin: AdminBrowser | undefined;
  let demo: RunningDemo | undefined;
  let db: Database | undefined;
  const get = () => {
    if (!admin || !demo || !db) throw new Error("the demo and its browser open in beforeAll: use them inside a test");
    return { admin, demo, db };
  };
  beforeAll(async () => {
    admin = await openAdminBrowser(options.viewport);
    demo = await startDemo(label, options.args);
    db = await connectDatabase(`file:${path.join(demo.dir, "demo.sqlite")}`);
  }, 720_000);
  afterAll(async () => {
    await admin?.close();
    await db?.$disconnect();
    demo?.dispose();
  });
  return {
    get admin() {
      return get().admin;
    },
    get demo() {
      return get().demo;
    },
    get db() {
      return get().db;
    },
    app: () => get().admin.app(),
    open: async (appPath, locale) => {
      const url = new URL(get().demo.ready.adminUrl);
      url.search = new URLSearchParams({ path: appPath, locale }).toString();
      await get().admin.page.goto(url.toString());
      await get().admin.appReady(new URL(appPath, url).pathname);
    },
    expectAccessible: async (exclude = []) => {
      expect(await seriousAccessibilityViolations(get().admin.appFrame(), exclude)).toEqual([]);
    },
  };
}
