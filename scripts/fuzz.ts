// `npm run fuzz`: sends malformed requests (default 10,000) to the production build — Wakilni
// deliveries to the webhook endpoint, huge bodies and slow headers to every route — and checks
// that every one is refused with a 4xx within a second, that the server stays up, and that no
// event row is written.
//
//   npm run fuzz [-- --count 10000 --seed 1 --concurrency 4]
import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { useThrowawayEnvironment } from "../sandbox/throwaway-environment";

const { values: options } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    concurrency: { type: "string", default: "4" },
  },
});

useThrowawayEnvironment("fuzz");

const { prisma } = await import("../app/db.server");
const { ensureShop, saveWakilniCredentials } = await import("../app/settings/shop-settings.server");
const { ensureBuild, freePort, startAppServer } = await import("../sandbox/app-server");
const { fuzzCases } = await import("../sandbox/fuzz-cases");
const { runFuzz } = await import("../sandbox/fuzz-runner");
const { wakilniWebhookUrl } = await import("../app/inbox/wakilni-webhook-path");

const shop = "fuzz-store.myshopify.com";
const secret = randomUUID();
const { endpointKey } = await ensureShop(shop);
await saveWakilniCredentials(shop, { secret }, new Date());
ensureBuild();
const server = await startAppServer({ port: await freePort(), adminApiOrigin: "http://127.0.0.1:9" });

const count = Number(options.count);
console.log(`Sending ${count} malformed requests to ${server.url} (seed ${options.seed})…`);
const began = performance.now();
const summary = await runFuzz(server.url, fuzzCases(count, Number(options.seed), { endpointKey, secret }), Number(options.concurrency));
const seconds = (performance.now() - began) / 1000;
const alive = (await fetch(wakilniWebhookUrl(server.url, endpointKey)).catch(() => null))?.status === 405;
const rows = await prisma.inboxEvent.count();
await server.stop();

console.table(summary.byKind);
console.table(summary.byStatus);
const figures = {
  sent: summary.sent,
  refusedWithin1s: summary.sent - summary.failures.length,
  failures: summary.failures.length,
  p99Ms: summary.p99Ms,
  maxMs: summary.maxMs,
  seconds: Number(seconds.toFixed(1)),
  serverUp: alive,
  eventRowsWritten: rows,
  cpu: `${cpus()[0]?.model ?? "unknown"} × ${cpus().length}`,
  node: process.version,
};
if (summary.failures.length) console.log("first failures:", summary.failures.slice(0, 10));
console.log(`fuzz ${JSON.stringify(figures)}`);
await prisma.$disconnect();
process.exit(summary.failures.length === 0 && alive && rows === 0 ? 0 : 1);
