// `npm run bench:fairness`: one worker, five shops on the Shopify Admin emulator, each with its
// own bucket at Shopify's standard limit (2,000 points, 100 points/s). Shop A has a backlog
// (default 2,000 events over 400 orders); shops B–E each receive one live event per second.
// Prints B–E's webhook-to-Shopify latency (stored → applied, p50/p95) while A drains, and the
// share of A's budget A used over the same window (goal: p95 < 2 s, A ≥ 85%).
//
//   npm run bench:fairness [-- --orders 400 --seconds 60 --concurrency 8]
import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { setGlobalDispatcher } from "undici";
import { useThrowawayEnvironment } from "../sandbox/throwaway-environment";

const { values: options } = parseArgs({
  options: {
    orders: { type: "string", default: "400" },
    seconds: { type: "string", default: "60" },
    concurrency: { type: "string", default: "8" },
  },
});
const ORDERS = Number(options.orders);
const SECONDS = Number(options.seconds);
const RESTORE_RATE = 100;
const BUCKET = 2000;
const JOURNEY = ["created", "confirmed", "assigned", "processed", "completed"] as const;

useThrowawayEnvironment("bench-fairness");

// App modules read the environment when they load, so they are imported after it is set.
const { prisma } = await import("../app/db.server");
const { ensureShop } = await import("../app/settings/shop-settings.server");
const { installShop } = await import("../tests/helpers/shopify");
const { storeEvent, wakilniEvent } = await import("../sandbox/inbox-events");
const { syncWorker } = await import("../sandbox/sync-worker");
const { startShopifyAdminEmulator, createEmulatorDispatcher } = await import("../sandbox/shopify-admin-emulator");

const emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: BUCKET, restoreRate: RESTORE_RATE } });
setGlobalDispatcher(createEmulatorDispatcher(emulator.origin));
const shops = ["a", "b", "c", "d", "e"].map((letter) => `bench-fair-${letter}.myshopify.com`);
const [busy, ...quiet] = shops;
for (const shop of shops) {
  const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
  emulator.store.createShop({ shop, accessToken });
  await ensureShop(shop);
  await installShop(shop, { accessToken });
}

const start = Date.parse("2026-11-28T06:00:00Z");
for (let index = 0; index < ORDERS; index += 1) emulator.store.createOrder(busy, { lineItems: [{ title: "Soap", quantity: 1 }] });
for (const [step, topic] of JOURNEY.entries()) {
  for (let index = 0; index < ORDERS; index += 1) {
    const occurredAt = new Date(start + index * 1000 + step * 3_600_000);
    await storeEvent(busy, wakilniEvent({ topic, waybill: `#${1001 + index}`, wakilniOrderId: String(90000 + index), occurredAt }));
  }
}
for (const shop of quiet) {
  for (let index = 0; index < SECONDS; index += 1) emulator.store.createOrder(shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
}

const worker = syncWorker({ owner: "bench-fairness", concurrency: Number(options.concurrency) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const busyBucket = () => emulator.stats.snapshot().shops[busy].bucket.currentlyAvailable;
console.log(`Shop A: ${ORDERS * JOURNEY.length} events over ${ORDERS} orders; shops B–E: one event per second each for ${SECONDS} s…`);
worker.start();
// A first spends the bucket it starts with, so the window measures A at its restore rate (at most 60 s).
for (const warmUpEnd = Date.now() + 60_000; busyBucket() > 300 && Date.now() < warmUpEnd;) await sleep(100);

emulator.stats.reset();
const windowStart = performance.now();
const sent: number[] = [];
for (let second = 0; second < SECONDS; second += 1) {
  const tick = performance.now();
  for (const shop of quiet) {
    const event = wakilniEvent({
      topic: "assigned",
      waybill: `#${1001 + second}`,
      wakilniOrderId: String(70000 + second),
      occurredAt: new Date(),
    });
    sent.push((await storeEvent(shop, event, new Date())).id);
  }
  worker.wake();
  await sleep(Math.max(0, 1000 - (performance.now() - tick)));
}
const windowSeconds = (performance.now() - windowStart) / 1000;
const busyStats = emulator.stats.snapshot().shops[busy];

// Let the last live events land, then stop (A's backlog is left where it is).
for (let waited = 0; waited < 30_000; waited += 200) {
  if ((await prisma.inboxEvent.count({ where: { id: { in: sent }, state: "applied" } })) === sent.length) break;
  await sleep(200);
}
await worker.stop();

const live = await prisma.inboxEvent.findMany({ where: { id: { in: sent } }, select: { state: true, receivedAt: true, finishedAt: true } });
const latencies = live
  .filter((event) => event.state === "applied" && event.finishedAt)
  .map((event) => event.finishedAt!.getTime() - event.receivedAt.getTime())
  .sort((a, b) => a - b);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const busyApplied = await prisma.inboxEvent.count({ where: { shop: busy, state: "applied" } });
const figures = {
  liveEvents: sent.length,
  liveApplied: latencies.length,
  liveP50Ms: percentile(50),
  liveP95Ms: percentile(95),
  liveMaxMs: latencies.at(-1) ?? NaN,
  windowSeconds: Number(windowSeconds.toFixed(1)),
  busyPointsSpent: busyStats.pointsSpent,
  busyBudgetUse: Number((busyStats.pointsSpent / (RESTORE_RATE * windowSeconds)).toFixed(3)),
  busyThrottled: busyStats.throttled,
  busyApplied: `${busyApplied} / ${ORDERS * JOURNEY.length}`,
  concurrency: Number(options.concurrency),
  cpu: `${cpus()[0]?.model ?? "unknown"} × ${cpus().length}`,
  node: process.version,
};
console.table({
  "B–E live events applied": `${figures.liveApplied} / ${figures.liveEvents}`,
  "B–E webhook → Shopify p50 / p95 / max (goal p95 < 2 s)": `${figures.liveP50Ms} / ${figures.liveP95Ms} / ${figures.liveMaxMs} ms`,
  "A's budget used over the window (goal ≥ 85%)": `${(figures.busyBudgetUse * 100).toFixed(1)}% (${figures.busyPointsSpent} points in ${figures.windowSeconds} s)`,
  "A's THROTTLED answers": figures.busyThrottled,
  "A's events applied by the end": figures.busyApplied,
});
console.log(`bench-fairness ${JSON.stringify(figures)}`);

await prisma.$disconnect();
await emulator.close();
process.exit(figures.liveApplied === figures.liveEvents ? 0 : 1);
