// `npm run bench:sync`: drains a backlog of Wakilni events (default 2,000 over 400 orders)
// through the real worker and sync engine against the Shopify Admin emulator at Shopify's
// standard rate limit (100 points/s, 2,000-point bucket), and prints how well the app uses
// Shopify: Admin requests per event, the share of the available cost budget it used, wall
// time against a perfect pacer's, and THROTTLED answers that reached the app unhandled.
//
//   npm run bench:sync [-- --orders 400 --restore-rate 100 --concurrency 8]
import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { setGlobalDispatcher } from "undici";
import { useThrowawayEnvironment } from "../sandbox/throwaway-environment";

const { values: options } = parseArgs({
  options: {
    orders: { type: "string", default: "400" },
    "restore-rate": { type: "string", default: "100" },
    concurrency: { type: "string", default: "8" },
  },
});
const ORDERS = Number(options.orders);
const RESTORE_RATE = Number(options["restore-rate"]);
const BUCKET = 2000;
const JOURNEY = ["created", "confirmed", "assigned", "processed", "completed"] as const;

useThrowawayEnvironment("bench-sync");

// App modules read the environment when they load, so they are imported after it is set.
const { prisma } = await import("../app/db.server");
const { ensureShop } = await import("../app/settings/shop-settings.server");
const { installShop } = await import("../tests/helpers/shopify");
const { storeEvent, wakilniEvent } = await import("../sandbox/inbox-events");
const { AdminGraphqlClient } = await import("../app/sync/admin-graphql.server");
const { syncWorker } = await import("../sandbox/sync-worker");
const { startShopifyAdminEmulator, createEmulatorDispatcher } = await import("../sandbox/shopify-admin-emulator");

const shop = "bench-store.myshopify.com";
const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
const emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: BUCKET, restoreRate: RESTORE_RATE } });
emulator.store.createShop({ shop, accessToken });
setGlobalDispatcher(createEmulatorDispatcher(emulator.origin));
await ensureShop(shop);
await installShop(shop, { accessToken });

const start = Date.parse("2026-11-28T06:00:00Z");
for (let index = 0; index < ORDERS; index += 1) {
  emulator.store.createOrder(shop, { lineItems: [{ title: "Soap", quantity: 1 + (index % 3) }] });
}
for (const [step, topic] of JOURNEY.entries()) {
  for (let index = 0; index < ORDERS; index += 1) {
    const occurredAt = new Date(start + index * 1000 + step * 3_600_000);
    await storeEvent(shop, wakilniEvent({ topic, waybill: `#${1001 + index}`, wakilniOrderId: String(90000 + index), occurredAt }));
  }
}
const eventCount = ORDERS * JOURNEY.length;

const client = new AdminGraphqlClient();
const worker = syncWorker({ owner: "bench", concurrency: Number(options.concurrency), client });

emulator.stats.reset();
console.log(`Draining ${eventCount} events over ${ORDERS} orders at ${RESTORE_RATE} points/s (bucket ${BUCKET})…`);
const began = performance.now();
await worker.drain();
const wallSeconds = (performance.now() - began) / 1000;

const stats = emulator.stats.snapshot();
const states = await prisma.inboxEvent.groupBy({ by: ["state"], _count: true });
const applied = states.find((row) => row.state === "applied")?._count ?? 0;
const budget = BUCKET + RESTORE_RATE * wallSeconds;
const figures = {
  events: eventCount,
  orders: ORDERS,
  applied,
  wallSeconds: Number(wallSeconds.toFixed(1)),
  adminRequests: client.stats.requests,
  requestsPerEvent: Number((client.stats.requests / eventCount).toFixed(3)),
  pointsSpent: stats.pointsSpent,
  budgetUse: Number((stats.pointsSpent / budget).toFixed(3)),
  perfectPacerSeconds: Number((Math.max(0, stats.pointsSpent - BUCKET) / RESTORE_RATE).toFixed(1)),
  throttledAnswers: stats.throttled,
  throttledRetriedByApp: client.stats.throttledAndRetried,
  throttledUnhandled: client.stats.throttledUnhandled,
  restoreRate: RESTORE_RATE,
  concurrency: Number(options.concurrency),
  cpu: `${cpus()[0]?.model ?? "unknown"} × ${cpus().length}`,
  node: process.version,
};
console.table({
  "events applied": `${applied} / ${eventCount}`,
  "Admin requests per event (target ≤ 1.2)": figures.requestsPerEvent,
  "cost budget used (target ≥ 85%)": `${(figures.budgetUse * 100).toFixed(1)}%`,
  "wall time": `${figures.wallSeconds} s (a perfect pacer: ${figures.perfectPacerSeconds} s)`,
  "THROTTLED answers reaching the app unhandled (target 0)": figures.throttledUnhandled,
  "THROTTLED answers retried by the client": figures.throttledRetriedByApp,
});
console.log(`bench-sync ${JSON.stringify(figures)}`);

await prisma.$disconnect();
await emulator.close();
process.exit(applied === eventCount ? 0 : 1);
