// `npm run bench:retention [-- --history 1000000 --runs 30]` (PostgreSQL)
//
// Retention's promise at size: the worker's due-work query and the history pruner take as long
// with a million applied events in the inbox as with none, because their indexes lead them
// past the history (InboxEvent's [state, nextAttemptAt] and the partial InboxEvent_prunable_finishedAt_idx).
// The same working set — 2,000 due events over 400 waybills of 20 shops, and 3,000 applied
// events past the retention period — is measured on an empty history, then again after a
// history of applied events is added with bulk SQL: spread over 60 days, the older half
// already pruned (no body, no transitions), the younger half still whole, each with its
// `applied` transition. Prints median and p95 per query and the ratio at size / empty.
import os from "node:os";
import { parseArgs } from "node:util";
import type { Prisma as PrismaTypes } from "@prisma/client";
import { createBenchDatabase, migrateBenchDatabase } from "./bench-database";

const { values: options } = parseArgs({
  options: {
    history: { type: "string", default: "1000000" },
    runs: { type: "string", default: "30" },
  },
});
const HISTORY = Number(options.history);
const RUNS = Number(options.runs);
if (!Number.isInteger(HISTORY) || HISTORY <= 0 || !Number.isInteger(RUNS) || RUNS <= 0)
  throw new Error("--history and --runs must be positive whole numbers");
const RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;
const DUE_SHOPS = 20;
const DUE_WAYBILLS_PER_SHOP = 20;
const DUE_EVENTS_PER_WAYBILL = 5;
const PRUNABLE = 3000;
const PRUNE_BATCH = 100;
/** What the worker asks for per poll (8 slots, a few waybills per shop). */
const DUE_LIMIT = 32;
const DUE_PER_SHOP = 4;

const database = await createBenchDatabase("postgres", `${Date.now().toString(36)}_${process.pid}`);
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  SHOPIFY_API_KEY: "bench-retention",
  SHOPIFY_API_SECRET: "bench-retention-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:1",
  SECRETS_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 9).toString("base64")}`,
});
migrateBenchDatabase(process.env);
const { Prisma } = await import("@prisma/client");
const { prisma } = await import("../app/db.server");
const { prismaInboxStore, pruneInboxHistory } = await import("../app/inbox/inbox-store.server");

const now = new Date();
const body = JSON.stringify({
  event_id: "x".repeat(36),
  event: "Order Completed",
  timestamp: "2026-11-01 10:00:00",
  data: { waybill: "W" },
});

/**
 * `count` events in one statement, named after `label` (shops, event ids, waybills); `columns`,
 * a query over the series number g, gives each its time, finish time and whether it is pruned.
 */
async function insertEvents(label: string, count: number, state: "received" | "applied", columns: PrismaTypes.Sql): Promise<void> {
  await prisma.$executeRaw(Prisma.sql`
    INSERT INTO "InboxEvent" ("shop", "eventId", "topic", "topicName", "waybill", "wakilniOrderId", "occurredAtText", "occurredAt",
      "timestampText", "wakilniZone", "rawBody", "receivedAt", "lastReceivedAt", "state", "nextAttemptAt", "finishedAt", "prunedAt")
    SELECT ${label}::text || '-' || (g % ${DUE_SHOPS}) || '.myshopify.com', ${label}::text || '-' || g, 'completed', 'Order Completed',
      ${label}::text || '-W' || (g / ${DUE_SHOPS * DUE_EVENTS_PER_WAYBILL}) || '-' || (g % ${DUE_SHOPS}), g::text,
      '2026-11-01 10:00:00', c."at", '2026-11-01 10:00:00', 'Asia/Beirut', CASE WHEN c."pruned" THEN '' ELSE ${body}::text END,
      c."at", c."at", ${state}::text, c."at", c."finished", CASE WHEN c."pruned" THEN ${now}::timestamp ELSE NULL END
    FROM generate_series(0, ${count - 1}) g, LATERAL (${columns}) c`);
  // Every whole final event has its `applied` transition, as the worker leaves it.
  await prisma.$executeRaw(Prisma.sql`
    INSERT INTO "InboxEventTransition" ("inboxEventId", "state", "at")
    SELECT "id", 'applied', "finishedAt" FROM "InboxEvent"
    WHERE "eventId" LIKE ${`${label}-%`} AND "state" = 'applied' AND "prunedAt" IS NULL`);
}

const at = (daysAgo: PrismaTypes.Sql) => Prisma.sql`${now}::timestamp - (${daysAgo}) * interval '1 day'`;

/** The working set: due events (pending) and applied events past retention (prunable). */
async function seedWorkingSet(label: string): Promise<void> {
  await insertEvents(
    `${label}-due`,
    DUE_SHOPS * DUE_WAYBILLS_PER_SHOP * DUE_EVENTS_PER_WAYBILL,
    "received",
    Prisma.sql`SELECT ${at(Prisma.sql`0.01 + g * 0.00001`)} AS "at", NULL::timestamp AS "finished", false AS "pruned"`,
  );
  await insertEvents(
    `${label}-old`,
    PRUNABLE,
    "applied",
    Prisma.sql`SELECT ${at(Prisma.sql`${RETENTION_DAYS + 10} + g * 0.001`)} AS "at", ${at(Prisma.sql`${RETENTION_DAYS + 10} + g * 0.001`)} AS "finished", false AS "pruned"`,
  );
  // As autovacuum would have left a table that grew over weeks, not a bulk load's aftermath.
  await prisma.$executeRawUnsafe('VACUUM ANALYZE "InboxEvent", "InboxEventTransition"');
}

function summary(samples: number[]): { medianMs: number; p95Ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2));
  return { medianMs: pick(0.5), p95Ms: pick(0.95) };
}

async function measure(): Promise<{ due: { medianMs: number; p95Ms: number }; prune: { medianMs: number; p95Ms: number } }> {
  const due: number[] = [];
  for (let run = 0; run < RUNS + 3; run += 1) {
    const started = performance.now();
    const waybills = await prismaInboxStore.dueWaybills(now, DUE_LIMIT, DUE_PER_SHOP);
    if (run >= 3) due.push(performance.now() - started);
    if (waybills.length !== DUE_LIMIT) throw new Error(`due-work query returned ${waybills.length} waybills, not ${DUE_LIMIT}`);
  }
  const prune: number[] = [];
  const before = new Date(now.getTime() - RETENTION_DAYS * DAY_MS);
  for (let batch = 0; batch < PRUNABLE / PRUNE_BATCH; batch += 1) {
    const started = performance.now();
    const pruned = await pruneInboxHistory(before, now, PRUNE_BATCH);
    prune.push(performance.now() - started);
    if (pruned !== PRUNE_BATCH) throw new Error(`a prune batch removed ${pruned} events, not ${PRUNE_BATCH}`);
  }
  if ((await pruneInboxHistory(before, now, PRUNE_BATCH)) !== 0) throw new Error("the pruner found more than the working set");
  return { due: summary(due), prune: summary(prune) };
}

try {
  console.log(`machine: ${os.cpus()[0]?.model.trim()}, ${os.cpus().length} cores; Node ${process.version}; PostgreSQL`);
  await seedWorkingSet("empty");
  const empty = { ...(await measure()), loadAverage: Number(os.loadavg()[0].toFixed(1)) };

  console.error(`adding ${HISTORY} applied events of history…`);
  const seedStarted = performance.now();
  await prisma.$executeRaw(Prisma.sql`DELETE FROM "InboxEvent" WHERE "eventId" LIKE 'empty-%'`);
  // 60 days of history: older than the retention period already pruned, the rest still whole.
  await insertEvents(
    "history",
    HISTORY,
    "applied",
    Prisma.sql`SELECT ${at(Prisma.sql`(g % 60) + 0.5`)} AS "at", ${at(Prisma.sql`(g % 60) + 0.5`)} AS "finished", (g % 60) >= ${RETENTION_DAYS} AS "pruned"`,
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await seedWorkingSet("sized");
  const sized = { ...(await measure()), loadAverage: Number(os.loadavg()[0].toFixed(1)) };
  const events = await prisma.inboxEvent.count();

  const ratio = (pick: (figures: typeof empty) => number) => Number((pick(sized) / pick(empty)).toFixed(2));
  console.table({
    "due-work query (median / p95 ms)": {
      "empty history": `${empty.due.medianMs} / ${empty.due.p95Ms}`,
      [`${HISTORY} applied`]: `${sized.due.medianMs} / ${sized.due.p95Ms}`,
      "at size / empty (median)": ratio((figures) => figures.due.medianMs),
    },
    [`pruner, ${PRUNE_BATCH} events a batch (median / p95 ms)`]: {
      "empty history": `${empty.prune.medianMs} / ${empty.prune.p95Ms}`,
      [`${HISTORY} applied`]: `${sized.prune.medianMs} / ${sized.prune.p95Ms}`,
      "at size / empty (median)": ratio((figures) => figures.prune.medianMs),
    },
    "load average": { "empty history": empty.loadAverage, [`${HISTORY} applied`]: sized.loadAverage, "at size / empty (median)": "" },
  });
  console.log(
    `bench-retention ${JSON.stringify({
      history: HISTORY,
      eventsInTable: events,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      runs: RUNS,
      empty,
      sized,
      dueRatio: ratio((figures) => figures.due.medianMs),
      pruneRatio: ratio((figures) => figures.prune.medianMs),
    })}`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.drop();
}
