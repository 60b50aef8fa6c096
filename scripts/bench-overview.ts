// `npm run bench:overview`: the overview's queries on a shop with 100,000 deliveries, all within
// the last 30 days (the heaviest the 30-day chart can get), on SQLite and on PostgreSQL. The rows
// go in by bulk SQL, deliveries with their milestones as the sync repository writes them; the
// per-day counts are then rebuilt from the inbox as a shop's first overview does (timed too).
// With `--history N`, N more delivered parcels of the year before those 30 days (their events,
// milestones and cash too): the queries should not grow with a shop's history.
// Each query runs a few times after a warm-up; the figures are its median and slowest time, and
// its ratio to a baseline in the same process: counting the same 30 days' Delivered events by an
// index, what the queries cost before the rollup began (docs/decisions/018). Goal: under 50 ms
// per chart query.
//
// `--keep` leaves the seeded databases behind (their URLs printed) to look at plans with EXPLAIN.
//
//   npm run bench:overview [-- --deliveries 100000 --history 0 --runs 15 --engines sqlite,postgres --keep]
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";
import { projectRoot, useThrowawayEnvironment } from "../sandbox/throwaway-environment";

const { values: options } = parseArgs({
  options: {
    deliveries: { type: "string", default: "100000" },
    history: { type: "string", default: "0" },
    runs: { type: "string", default: "15" },
    engines: { type: "string", default: "sqlite,postgres" },
    keep: { type: "boolean", default: false },
    "postgres-url": { type: "string", default: process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const DELIVERIES = Number(options.deliveries);
const HISTORY = Number(options.history);
const RUNS = Number(options.runs);
const ZONE = "Asia/Beirut";
const shop = "bench-overview.myshopify.com";

const { databaseUrl: sqliteUrl } = useThrowawayEnvironment("bench-overview");

// App modules read the environment when they load, so they are imported after it is set.
const { connectDatabase } = await import("../app/db.server");
const { createOverviewQueries } = await import("../app/overview/overview-queries.server");
const { ensureOutcomeDays } = await import("../app/overview/overview-rollup.server");
const { nextMilestones } = await import("../app/overview/milestones");
const { cashCollectedPerDay } = await import("../app/delivery/cash-per-day.server");
const { lastLocalDays, periodRange, CHART_DAYS } = await import("../app/overview/periods");
const { seededRandom } = await import("../sandbox/seeded-random");
type Database = Awaited<ReturnType<typeof connectDatabase>>;

const now = new Date();
const HOUR = 3_600_000;

interface Journey {
  waybill: string;
  steps: [string, number][];
  status: string;
  needsAttention: boolean;
  /** Cash on delivery, collected when Wakilni delivered: amount and currency. */
  cash: [string, string] | null;
}

/**
 * A shop's month: every parcel created, most assigned and delivered, some failed once, returned,
 * canceled, a few still out; two in three delivered parcels paid cash at the door. Then its
 * history: parcels of the year before the month, all delivered.
 */
function* journeys(): Generator<Journey> {
  const random = seededRandom(42);
  const windowStart = periodRange("30d", now, ZONE).from.getTime();
  const cashOf = (delivered: boolean): [string, string] | null => {
    if (!delivered || random() >= 2 / 3) return null;
    return random() < 0.9 ? [(5 + random() * 120).toFixed(2), "USD"] : [String(100_000 * Math.ceil(random() * 40)), "LBP"];
  };
  for (let index = 0; index < DELIVERIES; index += 1) {
    const createdAt = windowStart + random() * (now.getTime() - windowStart - 3 * HOUR);
    const steps: [string, number][] = [["created", createdAt]];
    let at = createdAt + (1 + random() * 10) * HOUR;
    const push = (topic: string, hours: number) => {
      at += hours * HOUR;
      if (at < now.getTime()) steps.push([topic, at]);
    };
    push("assigned", 0);
    push("processed", 2 + random() * 20);
    const roll = random();
    if (roll < 0.8) push("completed", 1 + random() * 6);
    else if (roll < 0.87) {
      push("failed", 2);
      push("completed", 24);
    } else if (roll < 0.93) push("completed_rejected", 3);
    else if (roll < 0.97) push("canceled", 1);
    const status = steps[steps.length - 1][0];
    yield {
      waybill: `WK${100000 + index}`,
      steps,
      status,
      needsAttention: roll >= 0.87 && roll < 0.93,
      cash: cashOf(status === "completed"),
    };
  }
  const historyStart = windowStart - 365 * 24 * HOUR;
  for (let index = 0; index < HISTORY; index += 1) {
    const createdAt = historyStart + random() * (windowStart - historyStart - 48 * HOUR);
    const assignedAt = createdAt + (1 + random() * 10) * HOUR;
    const processedAt = assignedAt + (2 + random() * 20) * HOUR;
    const completedAt = processedAt + (1 + random() * 6) * HOUR;
    const steps: [string, number][] = [
      ["created", createdAt],
      ["assigned", assignedAt],
      ["processed", processedAt],
      ["completed", completedAt],
    ];
    yield { waybill: `WH${100000 + index}`, steps, status: "completed", needsAttention: false, cash: cashOf(true) };
  }
}

/**
 * Rows go in as multi-row INSERTs of literal values (all generated here), in one transaction:
 * Prisma's createMany, or one implicit transaction per statement, would take many minutes.
 */
async function seed(db: Database, engine: "sqlite" | "postgres") {
  const instant = (at: number | null) => {
    if (at === null) return "NULL";
    const iso = new Date(at).toISOString();
    // The text each engine's Prisma adapter writes: ISO 8601 with an offset on SQLite, a timestamp on PostgreSQL.
    return `'${engine === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "")}'`;
  };
  const nullable = (value: number | null) => (value === null ? "NULL" : String(value));
  const body = JSON.stringify({ event_id: "x".repeat(36), event: "Order Completed", data: { order_id: 5001, waybill: "WK100000" } });
  const attention = (value: boolean) => (engine === "sqlite" ? (value ? "1" : "0") : String(value));
  let eventNumber = 0;
  await db.$executeRawUnsafe(
    `INSERT INTO "Shop" ("shop", "endpointKey", "wakilniZone", "updatedAt") VALUES ('${shop}', 'bench', '${ZONE}', ${instant(now.getTime())})`,
  );
  await db.$transaction(
    async (tx) => {
      let events: string[] = [];
      let deliveries: string[] = [];
      const flush = async () => {
        await tx.$executeRawUnsafe(`INSERT INTO "InboxEvent" ("shop", "eventId", "topic", "topicName", "waybill", "wakilniOrderId",
          "occurredAtText", "occurredAt", "timestampText", "wakilniZone", "rawBody", "receivedAt", "lastReceivedAt", "state", "nextAttemptAt")
          VALUES ${events.join(",")}`);
        await tx.$executeRawUnsafe(`INSERT INTO "Delivery" ("shop", "waybill", "orderId", "status", "needsAttention", "lastEventAt", "createdAt", "updatedAt",
          "createdEventAt", "assignedEventAt", "deliveredEventAt", "secondsFromCreated", "secondsFromAssigned",
          "cashCollectedAmount", "cashCollectedCurrency", "cashCollectedAt")
          VALUES ${deliveries.join(",")}`);
        events = [];
        deliveries = [];
      };
      for (const journey of journeys()) {
        for (const [topic, at] of journey.steps) {
          const text = new Date(at).toISOString().slice(0, 19).replace("T", " ");
          eventNumber += 1;
          events.push(
            `('${shop}', 'evt-${eventNumber}', '${topic}', '${topic}', '${journey.waybill}', '5001', '${text}', ${instant(at)}, '${text}', '${ZONE}', '${body}', ${instant(at)}, ${instant(at)}, 'applied', ${instant(at)})`,
          );
        }
        const milestones = nextMilestones(
          { createdEventAt: null, assignedEventAt: null, deliveredEventAt: null },
          journey.steps.map(([topic, at]) => ({ topic, occurredAt: new Date(at) })),
        )!;
        const last = journey.steps[journey.steps.length - 1][1];
        const time = (at: Date | null) => instant(at ? at.getTime() : null);
        // The app marks the order paid a moment after it applies Delivered.
        const cash = journey.cash ? `'${journey.cash[0]}', '${journey.cash[1]}', ${instant(last + 60_000)}` : "NULL, NULL, NULL";
        deliveries.push(
          `('${shop}', '${journey.waybill}', 'gid://shopify/Order/${journey.waybill}', '${journey.status}', ${attention(journey.needsAttention)}, ${instant(last)}, ${instant(journey.steps[0][1])}, ${instant(last)}, ` +
            `${time(milestones.createdEventAt)}, ${time(milestones.assignedEventAt)}, ${time(milestones.deliveredEventAt)}, ${nullable(milestones.secondsFromCreated)}, ${nullable(milestones.secondsFromAssigned)}, ${cash})`,
        );
        if (events.length >= 2000) await flush();
      }
      if (deliveries.length > 0) await flush();
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  return eventNumber;
}

async function time<T>(run: () => Promise<T>): Promise<{ medianMs: number; maxMs: number }> {
  await run();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { medianMs: round(samples[Math.floor(samples.length / 2)]), maxMs: round(samples[samples.length - 1]) };
}

async function benchmark(engine: "sqlite" | "postgres", url: string) {
  const db = await connectDatabase(url);
  const seedStart = performance.now();
  const events = await seed(db, engine);
  // Fresh statistics for the rebuild's plans, as the app's lifetime would have gathered.
  await db.$executeRawUnsafe("ANALYZE");
  const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
  const rebuildStart = performance.now();
  await ensureOutcomeDays(db, shop, now);
  const rebuildSeconds = Math.round((performance.now() - rebuildStart) / 100) / 10;
  // Then statistics of the rollup and, on PostgreSQL, the dead rows of the rebuild's updates
  // cleared and the visibility map set (index-only scans), as autovacuum would have done.
  await db.$executeRawUnsafe(engine === "postgres" ? "VACUUM ANALYZE" : "ANALYZE");
  const queries = createOverviewQueries(db);
  const month = periodRange("30d", now, ZONE);
  const week = periodRange("7d", now, ZONE);
  const days = lastLocalDays(now, ZONE, CHART_DAYS);
  const baseline = await time(
    () => db.$queryRaw`
    SELECT COUNT(*) FROM "InboxEvent" WHERE "shop" = ${shop} AND "topic" = ${"completed"}
      AND "occurredAt" >= ${month.from} AND "occurredAt" < ${month.to}`,
  );
  const measured = {
    "chart: outcomes per day (30 days)": await time(() => queries.outcomesPerDay(shop, days)),
    "chart + medians: time to deliver (30 days)": await time(() => queries.timeToDeliver(shop, month)),
    "figures: outcomes (30 days)": await time(() => queries.periodOutcomes(shop, month.fromDate, month.toDate)),
    "figures: time to deliver (7 days)": await time(() => queries.timeToDeliver(shop, week)),
    "chart: cash collected per day (30 days)": await time(() => cashCollectedPerDay(db, shop, days[0].date, days[days.length - 1].date)),
    "figures: now (in transit, out for delivery, attention)": await time(() => queries.currentCounts(shop)),
    "connection: last webhook": await time(() => queries.lastWebhookAt(shop)),
  };
  await db.$disconnect();
  const results = Object.fromEntries(
    Object.entries(measured).map(([name, figures]) => [
      name,
      { ...figures, ratio: Math.round((figures.medianMs / baseline.medianMs) * 100) / 100 },
    ]),
  );
  return { engine, deliveries: DELIVERIES, history: HISTORY, events, seedSeconds, rebuildSeconds, baseline, results };
}

const engines = (options.engines ?? "").split(",");
if (options.keep && engines.includes("sqlite")) console.log(`kept: ${sqliteUrl}`);
const report = [];
if (engines.includes("sqlite")) report.push(await benchmark("sqlite", sqliteUrl));
if (engines.includes("postgres")) {
  const server = options["postgres-url"] as string;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const name = `bench_overview_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url.toString() },
      stdio: "ignore",
    });
    report.push(await benchmark("postgres", url.toString()));
  } finally {
    if (options.keep) console.log(`kept: ${url.toString()}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

for (const { engine, deliveries, history, events, seedSeconds, rebuildSeconds, baseline, results } of report) {
  console.log(
    `\n${engine}: ${deliveries} deliveries in 30 days and ${history} before, ${events} events (seeded in ${seedSeconds} s, per-day counts rebuilt in ${rebuildSeconds} s); baseline ${baseline.medianMs} ms`,
  );
  for (const [name, figures] of Object.entries(results)) {
    console.log(
      `  ${name.padEnd(58)} median ${String(figures.medianMs).padStart(7)} ms  max ${String(figures.maxMs).padStart(7)} ms  ×${figures.ratio}`,
    );
  }
}
console.log(JSON.stringify(report));
