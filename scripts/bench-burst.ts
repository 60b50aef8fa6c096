// `npm run bench:burst [-- --deliveries 2000]` (SQLite, the engine where a burst hurts most)
//
// Wakilni coming back after an outage: N signed deliveries sent at once, each on its own
// connection, to the production build (`node server.mjs`, worker thread on, Shopify emulated
// at its standard limits). Every one must be answered — 200, or 503 with Retry-After, which
// Wakilni retries — none reset or left unanswered, and every event answered 200 stored exactly
// once. Prints the answers by status, the latency p50/p99/max and the load average, and a
// final JSON line.
import http from "node:http";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { useThrowawayEnvironment } from "../sandbox/throwaway-environment";
import { wakilniWebhookUrl } from "../app/inbox/wakilni-webhook-path";
import { specPayload, wakilniHeaders } from "../sandbox/wakilni-sender";
import { ensureBuild, freePort, startAppServer } from "../sandbox/app-server";
import { startShopifyAdminEmulator } from "../sandbox/shopify-admin-emulator";

const { values: options } = parseArgs({
  options: {
    deliveries: { type: "string", default: "2000" },
  },
});
const DELIVERIES = Number(options.deliveries);
if (!Number.isInteger(DELIVERIES) || DELIVERIES <= 0) throw new Error("--deliveries must be a positive whole number");
const SECRET = "bench-burst-secret";
const SHOP = "burst-shop.myshopify.com";

useThrowawayEnvironment("bench-burst");
const { prisma } = await import("../app/db.server");
const { ensureShop, saveWakilniCredentials } = await import("../app/settings/shop-settings.server");
const { installShop } = await import("../tests/helpers/shopify");

ensureBuild();
const emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: 2000, restoreRate: 100 } });
const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
emulator.store.createShop({ shop: SHOP, accessToken });
const { endpointKey } = await ensureShop(SHOP);
await saveWakilniCredentials(SHOP, { secret: SECRET }, new Date());
await installShop(SHOP, { accessToken });

const server = await startAppServer({ port: await freePort(), adminApiOrigin: emulator.origin, startTimeoutMs: 180_000 });
const url = new URL(wakilniWebhookUrl(server.url, endpointKey));
// Each delivery on its own connection, as many senders retrying at once would come.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

interface Outcome {
  eventId: string;
  status: number | null;
  retryAfter: string | null;
  error: string | null;
  ms: number;
}

function deliver(index: number): Promise<Outcome> {
  const payload = specPayload({ topic: "completed", waybill: `#BURST${index}` });
  const eventId = String(payload.event_id);
  const body = JSON.stringify(payload);
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: wakilniHeaders(body, SECRET, String(payload.event)) },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({
            eventId,
            status: response.statusCode ?? null,
            retryAfter: (response.headers["retry-after"] as string | undefined) ?? null,
            error: null,
            ms: performance.now() - started,
          }),
        );
        response.on("error", (error) =>
          resolve({ eventId, status: null, retryAfter: null, error: error.message, ms: performance.now() - started }),
        );
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ eventId, status: null, retryAfter: null, error: error.code ?? error.message, ms: performance.now() - started }),
    );
    request.end(body);
  });
}

const loadBefore = os.loadavg()[0];
console.log(`Sending ${DELIVERIES} signed deliveries at once, one connection each (load average ${loadBefore.toFixed(2)})…`);
const began = performance.now();
const outcomes = await Promise.all(Array.from({ length: DELIVERIES }, (_, index) => deliver(index)));
const wallMs = performance.now() - began;

const byStatus = new Map<string, number>();
for (const outcome of outcomes) {
  const key = outcome.status === null ? `error ${outcome.error}` : String(outcome.status);
  byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
}
const accepted = outcomes.filter((outcome) => outcome.status === 200);
const deferred = outcomes.filter((outcome) => outcome.status === 503 && outcome.retryAfter !== null);
const unanswered = outcomes.filter((outcome) => outcome.status !== 200 && !(outcome.status === 503 && outcome.retryAfter !== null));
const rows = await prisma.inboxEvent.findMany({ where: { shop: SHOP }, select: { eventId: true, receiptCount: true } });
const receipts = new Map(rows.map((row) => [row.eventId, row.receiptCount]));
const storedOnce = accepted.every((outcome) => receipts.get(outcome.eventId) === 1);
const deferredStored = deferred.filter((outcome) => receipts.has(outcome.eventId)).length;

const sorted = Float64Array.from(outcomes.map((outcome) => outcome.ms)).sort();
const percentile = (p: number) => Number((sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN).toFixed(1));
const figures = {
  deliveries: DELIVERIES,
  answers: Object.fromEntries(byStatus),
  accepted: accepted.length,
  deferredWithRetryAfter: deferred.length,
  unansweredOrReset: unanswered.length,
  acceptedStoredExactlyOnce: storedOnce,
  deferredButStored: deferredStored,
  p50Ms: percentile(0.5),
  p99Ms: percentile(0.99),
  maxMs: percentile(1),
  wallMs: Math.round(wallMs),
  loadAverage: [loadBefore, os.loadavg()[0]].map((load) => Number(load.toFixed(2))),
  cpu: `${os.cpus()[0]?.model.trim() ?? "unknown"} × ${os.cpus().length}`,
  node: process.version,
};
console.table({
  "answered 200": accepted.length,
  "answered 503 with Retry-After": deferred.length,
  "reset, refused or unanswered (target 0)": unanswered.length,
  "every 200 stored exactly once": storedOnce,
  "latency p50 / p99 / max ms": `${figures.p50Ms} / ${figures.p99Ms} / ${figures.maxMs}`,
  "load average before / after": figures.loadAverage.join(" / "),
});
console.log(`bench-burst ${JSON.stringify(figures)}`);

await server.stop("SIGTERM");
await emulator.close();
await prisma.$disconnect();
process.exit(unanswered.length === 0 && storedOnce ? 0 : 1);
