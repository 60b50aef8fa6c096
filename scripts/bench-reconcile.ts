// `npm run bench:reconcile`: what healing missed webhooks costs (issue 13). One shop's parcels
// (default 1,000) went Created → Assigned → Processed by webhook and were applied; their "Order
// Completed" webhook never came. The Wakilni API emulator knows each one's full history. The
// reconciliation job (two instances, sharing the shop's token bucket in its row) asks about every
// silent delivery through the app's HTTP adapter, and the real worker applies what it found
// against the Shopify Admin emulator at Shopify's standard limits, until every parcel is
// delivered in Shopify. Prints Wakilni calls per reconciled delivery, Shopify requests and cost
// points per delivery, THROTTLED answers, Wakilni 429s, whether the shop's configured rate held
// (the look-ups' measured rate against it), and the wall time.
//
//   npm run bench:reconcile [-- --deliveries 1000 --per-minute 300 --restore-rate 100]
import { cpus, loadavg } from "node:os";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { setTimeout as pause } from "node:timers/promises";
import { setGlobalDispatcher } from "undici";
import { useThrowawayEnvironment } from "../sandbox/throwaway-environment";

const { values: options } = parseArgs({
  options: {
    deliveries: { type: "string", default: "1000" },
    "per-minute": { type: "string", default: "300" },
    "restore-rate": { type: "string", default: "100" },
  },
});
const DELIVERIES = Number(options.deliveries);
const PER_MINUTE = Number(options["per-minute"]);
const RESTORE_RATE = Number(options["restore-rate"]);
const BUCKET = 2000;
/** The Wakilni account's own limit (the emulator's default): 20 at once, 10 a second. */
const WAKILNI_LIMIT = { burst: 20, perSecond: 10 };
const ARRIVED = ["created", "assigned", "processed"] as const;
const HOUR_MS = 3_600_000;

useThrowawayEnvironment("bench-reconcile");

// App modules read the environment when they load, so they are imported after it is set.
const { prisma } = await import("../app/db.server");
const { ensureShop } = await import("../app/settings/shop-settings.server");
const { installShop } = await import("../tests/helpers/shopify");
const { storeEvent, wakilniEvent } = await import("../sandbox/inbox-events");
const { syncWorker } = await import("../sandbox/sync-worker");
const { DEFAULT_RETRY_POLICY } = await import("../app/inbox/retry-policy");
const { AdminGraphqlClient } = await import("../app/sync/admin-graphql.server");
const { HttpWakilniApi, WakilniBearerTokens } = await import("../app/wakilni/api/http-wakilni-api");
const { ReconcileJob } = await import("../app/reconcile/reconcile-job");
const { prismaReconcileStore } = await import("../app/reconcile/reconcile-store.server");
const { refreshDelivery } = await import("../app/reconcile/refresh.server");
const { startShopifyAdminEmulator, createEmulatorDispatcher } = await import("../sandbox/shopify-admin-emulator");
const { LeakyBucket } = await import("../sandbox/shopify-admin-emulator/bucket");
const { startWakilniApiEmulator } = await import("../sandbox/wakilni-api-emulator");

const shop = "bench-reconcile.myshopify.com";
const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
const appToken = `token-${randomUUID()}`;
const admin = await startShopifyAdminEmulator();
// The parcels' past is set up without Shopify's limit (it is not what is measured); the shop's
// bucket is put at Shopify's standard limit before reconciliation starts.
admin.store.createShop({ shop, accessToken, throttle: { maximumAvailable: 1e9, restoreRate: 1e9 } });
setGlobalDispatcher(createEmulatorDispatcher(admin.origin));
const wakilni = await startWakilniApiEmulator({ seed: 13 });
wakilni.store.createAccount({ id: shop, name: "Bench Bazaar", appToken, rateLimit: WAKILNI_LIMIT });
await ensureShop(shop);
await installShop(shop, { accessToken });

const wakilniText = (at: Date) => at.toISOString().replace("T", " ").slice(0, 19);
const journeyStart = Date.parse("2026-11-20T06:00:00Z");
console.log(`Setting up ${DELIVERIES} parcels that missed their Order Completed webhook…`);
for (let index = 0; index < DELIVERIES; index += 1) {
  const waybill = `#${10_001 + index}`;
  admin.store.createOrder(shop, { name: waybill, lineItems: [{ title: "Soap", quantity: 1 + (index % 3) }] });
  const at = (step: number) => new Date(journeyStart + index * 1000 + step * HOUR_MS);
  const order = wakilni.store.createOrder({ account: shop, waybill, at: wakilniText(at(0)), wakilniOrderId: 900_000 + index });
  for (const [step, topic] of ARRIVED.entries()) {
    if (step > 0) wakilni.store.advance(shop, { waybill }, { status: topic, at: wakilniText(at(step)) });
    await storeEvent(shop, wakilniEvent({ topic, waybill, wakilniOrderId: String(order.wakilniOrderId), occurredAt: at(step) }));
  }
  wakilni.store.advance(shop, { waybill }, { status: "completed", at: wakilniText(at(ARRIVED.length)) });
}
await syncWorker({ owner: "bench-set-up", concurrency: 8 }).drain();
const notArrived = await prisma.delivery.count({ where: { shop, status: { not: "processed" } } });
if (notArrived > 0) throw new Error(`set-up: ${notArrived} parcels are not out for delivery`);

// The merchant's settings: the connection check passed, the shop's rate, the emulator's zone (UTC).
await prisma.shop.update({
  where: { shop },
  data: { wakilniZone: "UTC", wakilniApiOutcome: "ok", wakilniApiCheckedAt: new Date(), reconcilePerMinute: PER_MINUTE },
});
(admin.store.shopData(shop) as unknown as { bucket: unknown }).bucket = new LeakyBucket(
  { maximumAvailable: BUCKET, restoreRate: RESTORE_RATE },
  Date.now,
);
admin.stats.reset();
wakilni.stats.reset();

const api = new HttpWakilniApi({
  credentials: { region: "test", appToken, apiKey: null, apiSecret: null },
  baseUrl: wakilni.origin,
  fetch: globalThis.fetch,
  now: Date.now,
  timeoutMs: 5000,
  tokens: new WakilniBearerTokens(),
});
/** When each order look-up was sent, to measure the rate the instances kept together. */
const lookupsAt: number[] = [];
const countedApi: typeof api = Object.assign(Object.create(api) as typeof api, {
  fetchOrder: (reference: Parameters<typeof api.fetchOrder>[0]) => {
    lookupsAt.push(performance.now());
    return api.fetchOrder(reference);
  },
});

const client = new AdminGraphqlClient();
const applier = syncWorker({ owner: "bench-worker", concurrency: 8, client });
const instances = ["bench-instance-a", "bench-instance-b"].map(
  (owner) =>
    new ReconcileJob({
      store: prismaReconcileStore,
      refresh: (shopName, waybill, now) => refreshDelivery(shopName, waybill, countedApi, now),
      wake: () => applier.wake(),
      owner,
      concurrency: 2,
      leaseMs: 60_000,
      intervalMs: 250,
      retry: DEFAULT_RETRY_POLICY,
      now: () => new Date(),
      sleep: (ms) => pause(ms),
      random: Math.random,
      onError: (error) => console.error(error),
    }),
);

const loadAtStart = loadavg()[0];
console.log(`Reconciling at ${PER_MINUTE} look-ups a minute, Shopify at ${RESTORE_RATE} points/s (bucket ${BUCKET})…`);
const began = performance.now();
applier.start();
for (const instance of instances) instance.start();
let healed = 0;
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  healed = await prisma.delivery.count({ where: { shop, status: "completed" } });
  const pending = await prisma.inboxEvent.count({ where: { shop, state: { in: ["received", "processing", "retrying"] } } });
  if (healed === DELIVERIES && pending === 0) break;
  if (performance.now() - began > 3 * HOUR_MS) throw new Error(`not healed after 3 hours: ${healed} / ${DELIVERIES}`);
}
const wallSeconds = (performance.now() - began) / 1000;
await Promise.all(instances.map((instance) => instance.stop()));
await applier.stop();

// A fulfillment event is applied once per change however it arrived.
const delivered = Array.from({ length: DELIVERIES }, (_, index) => {
  const order = admin.store.getOrder(shop, `#${10_001 + index}`)!;
  return order.fulfillments.flatMap((fulfillment) => fulfillment.events).filter((event) => event.status === "DELIVERED").length;
});
const deliveredTwice = delivered.filter((count) => count > 1).length;
const deliveredOnce = delivered.filter((count) => count === 1).length;

/** The most look-ups sent in any 60 s; the bucket allows its minute's worth at once plus a minute's refill. */
function busiestMinute(times: number[]): number {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last += 1) {
    while (times[last] - times[first] > 60_000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
// After the first minute's burst the bucket refills at the configured rate: the steady rate.
const afterBurst = lookupsAt.slice(PER_MINUTE);
const steadyPerMinute = afterBurst.length > 1 ? ((afterBurst.length - 1) / ((afterBurst.at(-1)! - afterBurst[0]) / 1000)) * 60 : null;
const lookupSeconds = lookupsAt.length > 1 ? (lookupsAt.at(-1)! - lookupsAt[0]) / 1000 : 0;

const wakilniStats = wakilni.stats.snapshot();
const adminStats = admin.stats.snapshot();
const figures = {
  deliveries: DELIVERIES,
  healed,
  deliveredOnce,
  deliveredTwice,
  wakilniCalls: wakilniStats.requests,
  wakilniCallsPerDelivery: Number((wakilniStats.requests / DELIVERIES).toFixed(3)),
  wakilniLookups: lookupsAt.length,
  wakilni429: wakilniStats.rateLimited,
  configuredPerMinute: PER_MINUTE,
  busiestMinute: busiestMinute(lookupsAt),
  busiestMinuteBound: 2 * PER_MINUTE,
  steadyPerMinute: steadyPerMinute === null ? null : Number(steadyPerMinute.toFixed(1)),
  lookupSeconds: Number(lookupSeconds.toFixed(1)),
  shopifyRequests: client.stats.requests,
  shopifyRequestsPerDelivery: Number((client.stats.requests / DELIVERIES).toFixed(3)),
  shopifyPoints: adminStats.pointsSpent,
  shopifyPointsPerDelivery: Number((adminStats.pointsSpent / DELIVERIES).toFixed(1)),
  throttledAnswers: adminStats.throttled,
  throttledUnhandled: client.stats.throttledUnhandled,
  wallSeconds: Number(wallSeconds.toFixed(1)),
  shopifyPacerSeconds: Number((Math.max(0, adminStats.pointsSpent - BUCKET) / RESTORE_RATE).toFixed(1)),
  restoreRate: RESTORE_RATE,
  loadAverage: { atStart: Number(loadAtStart.toFixed(2)), atEnd: Number(loadavg()[0].toFixed(2)) },
  cpu: `${cpus()[0]?.model ?? "unknown"} × ${cpus().length}`,
  node: process.version,
};
console.table({
  "deliveries healed": `${healed} / ${DELIVERIES}`,
  "DELIVERED fulfillment event once / twice": `${deliveredOnce} / ${deliveredTwice}`,
  "Wakilni API calls per reconciled delivery": `${figures.wakilniCallsPerDelivery} (${wakilniStats.requests} calls)`,
  "Wakilni 429 answers": figures.wakilni429,
  "look-up rate: configured / steady after the first burst": `${PER_MINUTE} / ${figures.steadyPerMinute ?? "-"} a minute`,
  "look-ups in the busiest 60 s (bound: burst + a minute)": `${figures.busiestMinute} (≤ ${figures.busiestMinuteBound})`,
  "Shopify requests per delivery": `${figures.shopifyRequestsPerDelivery} (${client.stats.requests})`,
  "Shopify cost points per delivery": `${figures.shopifyPointsPerDelivery} (${adminStats.pointsSpent} points)`,
  "THROTTLED answers (unhandled)": `${figures.throttledAnswers} (${figures.throttledUnhandled})`,
  "wall time": `${figures.wallSeconds} s (look-ups over ${figures.lookupSeconds} s; Shopify's pacer alone: ${figures.shopifyPacerSeconds} s)`,
  "load average (start → end)": `${figures.loadAverage.atStart} → ${figures.loadAverage.atEnd}`,
});
console.log(`bench-reconcile ${JSON.stringify(figures)}`);

await prisma.$disconnect();
await wakilni.close();
await admin.close();
const rateHeld = figures.busiestMinute <= figures.busiestMinuteBound;
process.exit(healed === DELIVERIES && deliveredTwice === 0 && rateHeld ? 0 : 1);
