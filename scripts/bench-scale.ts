// `npm run bench:scale [-- --shops 20 --orders 10 --instances 1,2,3 --database postgres]`
//
// Several app instances on one database, as a deployment serving many merchants runs: 1, then
// 2, then 3 instances of the production build (`node server.mjs`, each a process of its own with
// its worker thread on) drain the same backlog — every shop's orders through Created →
// Confirmed → Assigned → Processed → Completed — against the Shopify Admin emulator at Shopify's
// standard limits, each shop with its own bucket. Prints the throughput per instance count, and
// checks what leases and fencing promise (docs/decisions/006): no event applied twice (one
// `applied` transition per event, one fulfillment event per status on each emulated order) and
// no waybill applied out of Wakilni's time order (the inbox's finish times and the emulator's
// fulfillment events both in the journey's order).
//
// Each instance count gets fresh shops with the same backlog. The backlog is stored first behind
// waybill leases this script holds, then released in one statement once every instance reports
// its worker running (/readyz), so all instances start on it at the same moment.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { ensureBuild, freePort, startAppServer, type AppServer } from "../sandbox/app-server";
import { startShopifyAdminEmulator, type ShopifyAdminEmulator } from "../sandbox/shopify-admin-emulator";
import { benchEngine, createBenchDatabase, migrateBenchDatabase, type BenchDatabase } from "./bench-database";

const { values: options } = parseArgs({
  options: {
    database: { type: "string", default: "postgres" },
    shops: { type: "string", default: "20" },
    orders: { type: "string", default: "10" },
    instances: { type: "string", default: "1,2,3" },
  },
});
const engine = benchEngine(options.database);
const SHOPS = positive(options.shops, "--shops");
const ORDERS = positive(options.orders, "--orders");
const INSTANCE_COUNTS = options.instances.split(",").map((count) => positive(count, "--instances"));
const JOURNEY = ["created", "confirmed", "assigned", "processed", "completed"] as const;
/** What the emulator's fulfillment shows after the journey: anything else is a repeat or a reorder. */
const FULFILLMENT_EVENTS = ["CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED"];
const GATE_OWNER = "bench-scale-gate";
const DRAIN_TIMEOUT_MS = 15 * 60_000;

function positive(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be positive whole numbers, not ${value}`);
  return number;
}

const runId = `${Date.now().toString(36)}_${process.pid}`;
const instances: AppServer[] = [];
const running: { emulator?: ShopifyAdminEmulator; database?: BenchDatabase } = {};

async function cleanUp(): Promise<void> {
  await Promise.all(instances.map((instance) => instance.stop("SIGTERM")));
  await running.emulator?.close();
  await running.database?.drop();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
}

ensureBuild();
const database = await createBenchDatabase(engine, runId);
running.database = database;
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  // Throwaway placeholders: Shopify is the emulator, and the database dies with the run.
  SHOPIFY_API_KEY: "bench-scale",
  SHOPIFY_API_SECRET: "bench-scale-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:1",
  SECRETS_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString("base64")}`,
  WORKER_POLL_MS: "200",
});
migrateBenchDatabase(process.env);

// App modules validate the environment when they load, so they are imported after it is set.
const { prisma } = await import("../app/db.server");
const { ensureShop } = await import("../app/settings/shop-settings.server");
const { installShop } = await import("../tests/helpers/shopify");
const { storeEvent, wakilniEvent } = await import("../sandbox/inbox-events");

const emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: 2000, restoreRate: 100 } });
running.emulator = emulator;

/** Fresh shops with ORDERS orders each, their whole backlog stored behind leases the gate holds. */
async function seedBacklog(label: string): Promise<string[]> {
  const shops = Array.from({ length: SHOPS }, (_, index) => `scale-${label}-${String(index + 1).padStart(2, "0")}.myshopify.com`);
  const start = Date.now() - 6 * 3_600_000;
  for (const shop of shops) {
    const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
    emulator.store.createShop({ shop, accessToken });
    await ensureShop(shop);
    await installShop(shop, { accessToken });
    const waybills = Array.from(
      { length: ORDERS },
      () => emulator.store.createOrder(shop, { lineItems: [{ title: "Soap", quantity: 1 }] }).name,
    );
    await prisma.waybillLease.createMany({
      data: waybills.map((waybill) => ({ shop, waybill, owner: GATE_OWNER, expiresAt: new Date(Date.now() + 3_600_000) })),
    });
    for (const [step, topic] of JOURNEY.entries()) {
      for (const [index, waybill] of waybills.entries()) {
        const occurredAt = new Date(start + index * 1000 + step * 600_000);
        await storeEvent(shop, wakilniEvent({ topic, waybill, wakilniOrderId: String(50_000 + index), occurredAt }));
      }
    }
  }
  return shops;
}

async function startInstance(): Promise<void> {
  const instance = await startAppServer({ port: await freePort(), adminApiOrigin: emulator.origin, startTimeoutMs: 180_000 });
  instances.push(instance);
  for (const deadline = Date.now() + 120_000; ; await sleep(200)) {
    const ready = await fetch(`${instance.url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`instance ${instance.url} not ready:\n${instance.output()}`);
  }
}

interface RunFigures {
  instances: number;
  events: number;
  applied: number;
  seconds: number;
  eventsPerSecond: number;
  appliedTwice: number;
  waybillsOutOfOrder: number;
  ordersNotAsJourney: number;
  loadAverage: number;
}

async function drain(count: number): Promise<RunFigures> {
  while (instances.length < count) await startInstance();
  const shops = await seedBacklog(`i${count}`);
  const events = SHOPS * ORDERS * JOURNEY.length;
  console.error(`${count} instance(s): ${events} events over ${SHOPS} shops stored; releasing…`);
  const released = new Date();
  await prisma.waybillLease.deleteMany({ where: { owner: GATE_OWNER } });
  for (const deadline = Date.now() + DRAIN_TIMEOUT_MS; ; await sleep(250)) {
    const unfinished = await prisma.inboxEvent.count({ where: { shop: { in: shops }, state: { not: "applied" } } });
    if (unfinished === 0) break;
    if (Date.now() > deadline) throw new Error(`${unfinished} events not applied after ${DRAIN_TIMEOUT_MS / 1000} s`);
  }
  const loadAverage = Number(os.loadavg()[0].toFixed(1));
  const last = await prisma.inboxEvent.aggregate({ where: { shop: { in: shops } }, _max: { finishedAt: true } });
  const seconds = (last._max.finishedAt!.getTime() - released.getTime()) / 1000;

  // Exactly once: one `applied` transition per event.
  const appliedTransitions = await prisma.inboxEventTransition.groupBy({
    by: ["inboxEventId"],
    where: { state: "applied", event: { shop: { in: shops } } },
    _count: { _all: true },
  });
  const appliedTwice = appliedTransitions.filter((row) => row._count._all > 1).length;
  // In order: along Wakilni's time, each waybill's events finished no earlier than the one before.
  const rows = await prisma.inboxEvent.findMany({
    where: { shop: { in: shops } },
    select: { shop: true, waybill: true, finishedAt: true, topic: true },
    orderBy: [{ shop: "asc" }, { waybill: "asc" }, { occurredAt: "asc" }],
  });
  const outOfOrder = new Set<string>();
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (previous && previous.shop === row.shop && previous.waybill === row.waybill && previous.finishedAt! > row.finishedAt!)
      outOfOrder.add(`${row.shop} ${row.waybill}`);
  });
  // And on Shopify's side: one fulfillment, its events once each, in the journey's order, ending delivered.
  let ordersNotAsJourney = 0;
  for (const shop of shops) {
    for (let index = 0; index < ORDERS; index += 1) {
      const order = emulator.store.getOrder(shop, `#${1001 + index}`)!;
      const statuses = order.fulfillments.flatMap((fulfillment) => fulfillment.events.map((event) => event.status));
      if (order.fulfillments.length !== 1 || statuses.join() !== FULFILLMENT_EVENTS.join()) ordersNotAsJourney += 1;
    }
  }
  return {
    instances: count,
    events,
    applied: await prisma.inboxEvent.count({ where: { shop: { in: shops }, state: "applied" } }),
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Number((events / seconds).toFixed(1)),
    appliedTwice,
    waybillsOutOfOrder: outOfOrder.size,
    ordersNotAsJourney,
    loadAverage,
  };
}

try {
  const cpu = os.cpus();
  console.log(`machine: ${cpu[0]?.model.trim() ?? "unknown"}, ${cpu.length} cores; Node ${process.version}; database ${engine}`);
  const runs: RunFigures[] = [];
  for (const count of INSTANCE_COUNTS) runs.push(await drain(count));
  const baseline = runs[0].eventsPerSecond;
  console.table(
    runs.map((run) => ({
      instances: run.instances,
      "events applied": `${run.applied} / ${run.events}`,
      seconds: run.seconds,
      "events/s": run.eventsPerSecond,
      [`× ${runs[0].instances} instance(s)`]: Number((run.eventsPerSecond / baseline).toFixed(2)),
      "applied twice": run.appliedTwice,
      "waybills out of order": run.waybillsOutOfOrder,
      "orders not as the journey": run.ordersNotAsJourney,
      "load average": run.loadAverage,
    })),
  );
  console.log(`bench-scale ${JSON.stringify({ engine, shops: SHOPS, orders: ORDERS, node: process.version, cores: cpu.length, runs })}`);
  if (runs.some((run) => run.appliedTwice + run.waybillsOutOfOrder + run.ordersNotAsJourney > 0)) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await cleanUp();
}
