// `npm run demo`: the whole product on a laptop, with no Shopify store and no Wakilni account.
// It builds the app if needed, creates a fresh SQLite database, starts the Shopify Admin
// emulator with a demo store, installs the app on it the way Shopify would (token exchange,
// offline session, shop row with a Wakilni secret and app token), starts the Wakilni API
// emulator that knows the demo's Wakilni account, and runs the production build with its
// Admin API calls sent to the emulator by a preloaded dispatcher, so the app's code is the
// one that ships. A local stand-in for the Shopify admin shows the embedded app in a browser.
//
//   npm run demo [-- --port 3000] [--admin-origin http://127.0.0.1:4010] [--simulate] [--shops N]
//
// --shops N installs N demo shops (demo, demo-2, …), as a deployment serving many merchants
// has them: each with its own orders and Shopify cost bucket in the emulator, its own Wakilni
// secret and webhook URL. The admin frame and `npm run wakilni` show the first.
//
// When ready it prints one `demo-ready {json}` line for scripts (the first shop in its top-level
// fields, every shop in `shops`), and writes the first shop's facts (plus the database URL and
// keys) to .cache/demo/demo.json for `npm run wakilni`.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fetch as undiciFetch } from "undici";
import { ADMIN_API_VERSION } from "../app/admin-api-version";
import { wakilniWebhookUrl } from "../app/inbox/wakilni-webhook-path";
import { startAdminFrame, type AdminFrame } from "./admin-frame";
import { ensureBuild, freePort, startAppServer, type AppServer } from "./app-server";
import { startAppTunnel, type AppTunnel } from "./app-tunnel";
import {
  DEMO_API_KEY,
  DEMO_API_SECRET,
  DEMO_DIR,
  DEMO_WAKILNI_ACCOUNT,
  ROOT,
  appEnvironment,
  writeDemoState,
  type DemoState,
} from "./demo-state";
import { createDemoOrders } from "./demo-orders";
import { simulateTraffic } from "./demo-traffic";
import { bundleExtensions } from "./extension-host/bundle-extensions";
import { signSessionToken } from "./session-token";
import { createEmulatorDispatcher, startShopifyAdminEmulator, type ShopifyAdminEmulator } from "./shopify-admin-emulator";
import { startWakilniApiEmulator, type WakilniApiEmulator } from "./wakilni-api-emulator";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    "admin-origin": { type: "string" },
    shop: { type: "string", default: "demo.myshopify.com" },
    simulate: { type: "boolean", default: false },
    shops: { type: "string", default: "1" },
  },
});
const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a TCP port, not ${args.port}`);
const shopCount = Number(args.shops);
if (!Number.isInteger(shopCount) || shopCount < 1 || shopCount > 100)
  throw new Error(`--shops must be a whole number from 1 to 100, not ${args.shops}`);
const shop = args.shop;
/** The first shop is --shop; the others take its name with -2, -3, … */
const shops = Array.from({ length: shopCount }, (_, index) => (index === 0 ? shop : shop.replace(/^([^.]+)/, `$1-${index + 1}`)));
const appUrl = `http://127.0.0.1:${port}`;
const databaseFile = path.join(DEMO_DIR, "demo.sqlite");
const databaseUrl = `file:${databaseFile}`;

const PRODUCTS = [
  { title: "Cedar soap", sku: "SOAP-1" },
  { title: "Olive oil 1L", sku: "OIL-1" },
  { title: "Za'atar 250g", sku: "ZAA-1" },
  { title: "Rose water", sku: "ROSE-1" },
  { title: "Pomegranate molasses", sku: "POM-1" },
];
const APP_PAGES = [
  { path: "/app", label: "Overview" },
  { path: "/app/deliveries", label: "Deliveries" },
  { path: "/app/events", label: "Event log" },
  { path: "/app/settings", label: "Settings" },
];

const say = (line = "") => process.stdout.write(`${line}\n`);

function freshDatabase(): void {
  mkdirSync(DEMO_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${databaseFile}${suffix}`, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, stdio: "ignore", env: { ...process.env, DATABASE_URL: databaseUrl } });
}

/** Today's 20 orders, then `historyOrders` older ones for --simulate's weeks of history; returns the older ones' names. */
function seedStore(emulator: ShopifyAdminEmulator, shop: string, name: string, historyOrders: number): string[] {
  emulator.store.createShop({ shop, accessToken: `shpat_${randomBytes(16).toString("hex")}`, name });
  const lineItems = (index: number) =>
    [PRODUCTS[index % PRODUCTS.length], ...(index % 3 === 0 ? [PRODUCTS[(index + 2) % PRODUCTS.length]] : [])].map((product, line) => ({
      ...product,
      quantity: 1 + ((index + line) % 3),
    }));
  for (let index = 0; index < 20; index += 1) emulator.store.createOrder(shop, { lineItems: lineItems(index) });
  return Array.from({ length: historyOrders }, (_, index) => {
    const createdAt = new Date(Date.now() - (22 - Math.floor((index * 21) / historyOrders)) * 86_400_000).toISOString();
    return emulator.store.createOrder(shop, { lineItems: lineItems(index), createdAt }).name;
  });
}

/** The order of today's whose fulfillment Shopify refuses in --simulate. */
const SIMULATED_REFUSED_ORDER = "#1003";

/** Parcels in --simulate's three weeks of history. */
const HISTORY_ORDERS = 120;

/**
 * Installs the app as Shopify's token exchange would on the first page load, against any Admin
 * API server: the offline token comes from the server itself, so a running emulator needs no
 * access token passed around. The Shop row is made by the app's own functions.
 */
async function installApp(adminOrigin: string, env: Record<string, string>, shop: string): Promise<InstalledShop> {
  const dispatcher = createEmulatorDispatcher(adminOrigin);
  const response = await undiciFetch(`https://${shop}/admin/oauth/access_token`, {
    method: "POST",
    dispatcher,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      client_id: DEMO_API_KEY,
      client_secret: DEMO_API_SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: signSessionToken({ shop, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET }),
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    }),
  });
  if (!response.ok) throw new Error(`token exchange with ${adminOrigin} for ${shop} failed: ${response.status} ${await response.text()}`);
  const { access_token: accessToken, scope } = (await response.json()) as { access_token: string; scope: string };

  const ordersResponse = await undiciFetch(`https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
    method: "POST",
    dispatcher,
    headers: { "content-type": "application/json", "x-shopify-access-token": accessToken },
    // Every order (the most a page holds): --simulate adds 120 older ones, which sort first.
    body: JSON.stringify({ query: "{ orders(first: 250) { nodes { name } } }" }),
  });
  const orders = (await ordersResponse.json()) as { data?: { orders: { nodes: { name: string }[] } } };

  // The app's modules read the environment when first imported.
  Object.assign(process.env, env);
  const { saveWakilniCredentials } = await import("../app/settings/shop-settings.server");
  const { checkWakilniConnection } = await import("../app/settings/wakilni-connection.server");
  const { sessionStorage } = await import("../app/shopify.server");
  const { Session } = await import("@shopify/shopify-app-remix/server");
  // Through the app's session storage, which seals the token as a real install would.
  await sessionStorage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, scope, accessToken }));
  const webhookSecret = randomBytes(24).toString("base64url");
  const row = await saveWakilniCredentials(shop, { secret: webhookSecret, appToken: DEMO_WAKILNI_ACCOUNT.appToken }, new Date());
  // As saving credentials on the settings page would: the page opens on "Connected to Wakilni".
  await checkWakilniConnection(shop);
  return {
    shop,
    webhookUrl: wakilniWebhookUrl(appUrl, row.endpointKey),
    webhookSecret,
    orders: orders.data?.orders.nodes.map((order) => order.name) ?? [],
    accessToken,
  };
}

/** What `demo-ready` tells of each shop. */
interface InstalledShop {
  shop: string;
  webhookUrl: string;
  webhookSecret: string;
  orders: string[];
  /** The emulator's offline token: the frame's order pages read the store with it; never printed. */
  accessToken: string;
}

/** The settings page's reconciliation switch for the demo's shop (installApp put the app's environment in place). */
async function switchReconciliation(on: boolean): Promise<void> {
  const { prisma } = await import("../app/db.server");
  await prisma.shop.update({ where: { shop }, data: { reconcileEnabled: on } });
  await prisma.$disconnect();
}

/** Shows the app server's log in the demo's, line by line, prefixed so it reads apart. */
function relayLog(app: AppServer): void {
  let pending = app.output();
  const relay = (chunk: Buffer | string) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) say(`  [app] ${line}`);
  };
  relay("");
  app.child.stdout!.on("data", relay);
  app.child.stderr!.on("data", relay);
}

const running: {
  emulator?: ShopifyAdminEmulator;
  wakilniApi?: WakilniApiEmulator;
  frame?: AdminFrame;
  tunnel?: AppTunnel;
  app?: AppServer;
} = {};
let stopping = false;

async function stop(reason: string, exitCode: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  say(`\n${reason}: stopping the demo…`);
  if (running.app) {
    const exited = running.app.stop("SIGTERM");
    const timer = setTimeout(() => void running.app?.stop("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await Promise.all([running.tunnel?.close(), running.frame?.close(), running.emulator?.close(), running.wakilniApi?.close()]);
  say(`Demo stopped (exit code ${exitCode}).`);
  process.exit(exitCode);
}
process.on("SIGINT", () => void stop("SIGINT", 0));
process.on("SIGTERM", () => void stop("SIGTERM", 0));

async function main(): Promise<void> {
  say("Checking the build (npx remix build when app/ changed)…");
  ensureBuild();
  say(`Creating a fresh demo database in ${path.relative(ROOT, DEMO_DIR)}…`);
  freshDatabase();
  const encryptionKeys = `demo:${randomBytes(32).toString("base64")}`;
  running.wakilniApi = await startWakilniApiEmulator({ accounts: [DEMO_WAKILNI_ACCOUNT] });
  say(`Wakilni API emulator at ${running.wakilniApi.origin} with the demo's Wakilni account.`);
  const env = {
    ...appEnvironment({ databaseUrl, encryptionKeys, appUrl, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET }),
    // One shop, a handful of events: check the inbox often so the screens follow quickly.
    WORKER_POLL_MS: "200",
    // Reconciliation every few seconds, so what it heals shows while the merchant watches.
    RECONCILE_INTERVAL_SECONDS: "3",
    // Every Wakilni API call (Test connection, refresh, reconciliation) goes to the emulator.
    WAKILNI_API_BASE_URL: running.wakilniApi.origin,
  };

  let adminOrigin = args["admin-origin"];
  let historyOrderNames: string[] = [];
  if (!adminOrigin) {
    // Each shop its own bucket at Shopify's standard limits, as each install has on Shopify.
    running.emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: 2000, restoreRate: 100 } });
    historyOrderNames = seedStore(running.emulator, shop, "Beirut Bazaar (demo)", args.simulate ? HISTORY_ORDERS : 0);
    for (const [index, other] of shops.slice(1).entries()) seedStore(running.emulator, other, `Demo shop ${index + 2}`, 0);
    // So the attention queue shows "failed to apply to Shopify" too: Shopify refuses one order's
    // fulfillment with its own userError (its fulfillment order put on hold as the app fulfils it).
    if (args.simulate) running.emulator.store.holdBeforeNextFulfillment(shop, SIMULATED_REFUSED_ORDER);
    adminOrigin = running.emulator.origin;
    say(`Shopify Admin emulator at ${adminOrigin} with ${shops.join(", ")} and ${20 + historyOrderNames.length} orders in the first.`);
  } else {
    say(`Using the Admin API server at ${adminOrigin} (no orders seeded).`);
  }

  say("Bundling the order page's and the buyer's page's UI extensions…");
  const extensionsBundled = bundleExtensions();
  const installedShops: InstalledShop[] = [];
  for (const each of shops) installedShops.push(await installApp(adminOrigin, env, each));
  const { prisma } = await import("../app/db.server");
  await prisma.$disconnect();
  const installed = installedShops[0];
  running.frame = await startAdminFrame({
    appUrl,
    shop,
    apiKey: DEMO_API_KEY,
    apiSecret: DEMO_API_SECRET,
    pages: APP_PAGES,
    orders: createDemoOrders({ adminOrigin, shop, accessToken: installed.accessToken }),
    extensions: await extensionsBundled,
  });
  const internalPort = await freePort();
  try {
    running.tunnel = await startAppTunnel({
      port,
      target: `http://127.0.0.1:${internalPort}`,
      adminFrameOrigin: running.frame.origin,
      appBridgeUrl: running.frame.appBridgeUrl,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") return stop(`port ${port} is in use (pick another with --port)`, 1);
    throw error;
  }
  say("Starting the app (production build)…");
  running.app = await startAppServer({ port: internalPort, adminApiOrigin: adminOrigin, env });
  relayLog(running.app);
  running.app.child.once("exit", (code, signal) => void stop(`the app's server exited (${signal ?? code})`, 1));

  const adminUrl = running.frame.url("/app", "en");
  const state: DemoState = {
    databaseUrl,
    encryptionKeys,
    appUrl,
    adminUrl,
    adminOrigin,
    shop,
    webhookUrl: installed.webhookUrl,
    webhookSecret: installed.webhookSecret,
    apiKey: DEMO_API_KEY,
    apiSecret: DEMO_API_SECRET,
    wakilniApiOrigin: running.wakilniApi.origin,
  };
  writeDemoState(state);

  say();
  say("Wakilni Delivery Sync demo is running.");
  say(`  Open the app as a merchant sees it:  ${adminUrl}`);
  say(`  The store's orders (order page, buyer's page): ${running.frame.origin}/orders`);
  say(`  Wakilni Delivery URL:                ${installed.webhookUrl}`);
  say(`  Wakilni webhook secret:              ${installed.webhookSecret}`);
  say(`  Wakilni API (emulated):              ${running.wakilniApi.origin}  app token ${DEMO_WAKILNI_ACCOUNT.appToken}`);
  say(`  Store ${shop}, orders ${installed.orders[0] ?? "(none)"}…${installed.orders.at(-1) ?? ""}`);
  for (const other of installedShops.slice(1))
    say(`  Store ${other.shop}: Delivery URL ${other.webhookUrl}, secret ${other.webhookSecret}`);
  say('  In another terminal:  npm run wakilni -- send "Order Created" --waybill "#1001"');
  say("  Stop with Ctrl-C.");
  const ready = {
    appUrl,
    adminUrl,
    shop,
    webhookUrl: state.webhookUrl,
    webhookSecret: state.webhookSecret,
    adminOrigin,
    wakilniApiOrigin: running.wakilniApi.origin,
    orders: installed.orders,
    shops: installedShops.map(({ accessToken: _, ...shown }) => shown),
  };
  say(`demo-ready ${JSON.stringify(ready)}`);

  if (args.simulate) {
    // Switched off while the traffic goes in, so what reconciliation heals is only what was dropped.
    await switchReconciliation(false);
    say("Simulating Wakilni traffic…");
    const result = await simulateTraffic({
      webhookUrl: installed.webhookUrl,
      secret: installed.webhookSecret,
      orderNames: installed.orders.filter((name) => !historyOrderNames.includes(name)),
      historyOrderNames,
      timeZone: "Asia/Beirut",
      wakilniApi: { origin: running.wakilniApi.origin, account: DEMO_WAKILNI_ACCOUNT.id },
      log: say,
    });
    say(`Dropped on purpose (only Wakilni's API knows): ${result.dropped.join(", ")}.`);
    await switchReconciliation(true);
    say("Reconciliation switched on: within seconds the home page shows those orders healed.");
    say(`Simulation done: ${result.sent} events sent, ${result.refused} refused.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  void stop("error", 1);
});
