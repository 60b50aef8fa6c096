// `npm run bench:ingest [-- --database postgres] [--worker-busy] [--seconds N] [--rate N] [--concurrency N] [--profile] [--app-node-flags "…"]`
//
// Measures what the Wakilni webhook endpoint costs on top of the work it cannot avoid: it must
// keep up with bursts of deliveries, and the framework around it (Remix on Express) must not
// eat most of the machine while the worker shares it. The yardstick is a bare
// node:http server doing the same checks and the same durable insert with the app's own
// modules (scripts/bench-ingest-baseline.ts). The target on the 2-core reference machine: the
// app reaches at least 75% of the baseline's throughput, and its p99 stays under 25 ms at
// 500 requests/s.
//
// Both servers run as child processes on a fresh database (SQLite by default, or a PostgreSQL
// database created for the run); this process generates the load. By default the app's worker
// is off, so only ingestion is measured. With --worker-busy the app runs as production does,
// its worker thread on against the Shopify Admin emulator (in this process) at Shopify's
// standard limits, and busy throughout the measurement: a backlog of 2,000 events over 400
// orders, 500 waybills no order matches (searched, parked, retried) and every delivery the load
// sends (unmatched too). The baseline stays bare, so the ratio shows what a busy worker costs
// the endpoint. Either way the baseline commits each request on its own while the app's
// endpoint shares commits between concurrent deliveries (group commit, decision 014), so the
// closed-loop ratio is also group commit's gain over per-request commits. Each target gets a closed loop (N clients sending back to back:
// the throughput) and an open loop (a fixed rate: the latency a sender at that rate sees,
// measured from each request's scheduled time so a stalled server is not flattered).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { wakilniWebhookPath, wakilniWebhookUrl } from "../app/inbox/wakilni-webhook-path";
import { specPayload, wakilniHeaders } from "../sandbox/wakilni-sender";
import { startShopifyAdminEmulator } from "../sandbox/shopify-admin-emulator";
import { benchEngine, createBenchDatabase, migrateBenchDatabase } from "./bench-database";

const root = path.resolve(import.meta.dirname, "..");
const WARM_UP_SECONDS = 3;
const SHOP = "bench-shop.myshopify.com";
const WEBHOOK_SECRET = "bench-webhook-secret";

const { values: options } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite" },
    seconds: { type: "string", default: "10" },
    rate: { type: "string", default: "500" },
    concurrency: { type: "string", default: "32" },
    "worker-busy": { type: "boolean", default: false },
    // Writes V8 CPU profiles of both servers to .cache/bench/profiles-<run>/ (open them in Chrome's DevTools).
    profile: { type: "boolean", default: false },
    // Node flags for the app's server only (a garbage collector's setting, say), space-separated.
    "app-node-flags": { type: "string", default: "" },
  },
});
const engine = benchEngine(options.database);
const seconds = positive("seconds");
const rate = positive("rate");
const concurrency = positive("concurrency");
const workerBusy = options["worker-busy"];
const appNodeFlags = options["app-node-flags"].split(" ").filter(Boolean);
const BACKLOG_SHOP = "bench-backlog.myshopify.com";
const BACKLOG_ORDERS = 400;
const BACKLOG_JOURNEY = ["created", "confirmed", "assigned", "processed", "completed"] as const;
const PARKED_SHOP = "bench-parked.myshopify.com";
const PARKED_WAYBILLS = 500;

function positive(name: "seconds" | "rate" | "concurrency"): number {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Clean-up: whatever happens (an error, Ctrl-C), the servers stop and the database goes.

const cleanups: (() => Promise<void> | void)[] = [];
let cleaningUp: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const step of cleanups.reverse()) {
      await Promise.resolve()
        .then(step)
        .catch((error: unknown) => console.error("clean-up:", error));
    }
  })();
  return cleaningUp;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers and removing the benchmark database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// The app's build and a fresh, migrated database.

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  execFileSync(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Builds only when there is no build: rebuilding a tree someone is editing may fail or measure
 * half-made code. A build older than app/ is measured as it is, with a warning.
 */
function ensureBuild(): void {
  const build = path.join(root, "build/index.js");
  if (!existsSync(build)) {
    console.error("no build/: running `npx remix build`");
    run("npx", ["remix", "build"]);
    return;
  }
  const builtAt = statSync(build).mtimeMs;
  const newer = readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" })
    .map((file) => path.join("app", file))
    .filter((file) => !file.includes(".test.") && statSync(path.join(root, file)).mtimeMs > builtAt);
  if (newer.length > 0) {
    console.error(
      `warning: build/ is older than ${newer.length} file(s) under app/ (e.g. ${newer[0]}); \`npm run build\` to measure the current code`,
    );
  }
}

const runId = `${Date.now().toString(36)}_${process.pid}`;
const logDirectory = path.join(root, ".cache/bench", `ingest-${runId}`);
mkdirSync(logDirectory, { recursive: true });

async function createDatabase(): Promise<string> {
  const database = await createBenchDatabase(engine, runId);
  cleanups.push(() => database.drop());
  return database.url;
}

// ---------------------------------------------------------------------------------------------
// The two servers.

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Target {
  name: "baseline" | "app";
  label: string;
  origin: string;
}

/** Starts a server, its output going to a file, and resolves once it answers HTTP. */
async function startServer(name: Target["name"], label: string, args: string[], env: NodeJS.ProcessEnv): Promise<Target> {
  const port = await freePort();
  // A folder per server: tsx's loader thread writes a profile of its own next to the main thread's.
  const profiling = options.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(root, ".cache/bench", `profiles-${runId}`, name)}`] : [];
  // Straight to a file: relaying a log line per request through this process would spend the load generator's CPU.
  const logFile = path.join(logDirectory, `${name}.log`);
  const log = openSync(logFile, "w");
  const child: ChildProcess = spawn(process.execPath, [...profiling, ...args], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", SHOPIFY_APP_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  console.error(`${name}: output in ${path.relative(root, logFile)}`);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    // Unref'd, so a server that stops in time does not hold this process for the rest of it.
    await Promise.race([exited, sleep(5000, undefined, { ref: false }).then(() => child.kill("SIGKILL"))]);
  });

  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode} before answering (see ${path.relative(root, logFile)})`);
    // Any answer will do (both refuse a GET with 405): the server is listening and routing.
    const answered = await fetch(wakilniWebhookUrl(origin, "ready-check")).then(
      (response) => response.arrayBuffer().then(() => true),
      () => false,
    );
    if (answered) return { name, label, origin };
    await sleep(100);
  }
  throw new Error(`${name} did not answer on ${origin} within 30 s`);
}

// ---------------------------------------------------------------------------------------------
// Load generation.

interface Sample {
  latencies: number[];
  failures: number;
  elapsedMs: number;
}

interface Figures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: number;
}

/** A new signed delivery each time: a repeated event_id would only exercise the duplicate path. */
function delivery(sequence: number): { body: string; headers: Record<string, string> } {
  const payload = specPayload({ topic: "completed", eventId: randomUUID(), waybill: `#B${sequence % 1000}`, orderId: sequence });
  const body = JSON.stringify(payload);
  return { body, headers: wakilniHeaders(body, WEBHOOK_SECRET, String(payload.event)) };
}

let sequence = 0;

/** Sends one delivery; resolves whether it got a 2xx (its body is read, so the socket is reused). */
async function send(pool: Pool, webhookPath: string): Promise<boolean> {
  const { body, headers } = delivery(sequence++);
  try {
    const response = await pool.request({ path: webhookPath, method: "POST", headers, body });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < 300;
  } catch {
    return false;
  }
}

/** `clients` senders, each sending its next request as soon as the previous one is answered. */
async function closedLoop(pool: Pool, webhookPath: string, clients: number, durationMs: number): Promise<Sample> {
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const sentAt = performance.now();
        if (!(await send(pool, webhookPath))) failures++;
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  return { latencies, failures, elapsedMs: performance.now() - start };
}

/**
 * Requests at a fixed rate whatever the server does, each timed from when it was due, not from
 * when it left: a server that stalls for 100 ms shows 100 ms on every request due meanwhile.
 */
async function openLoop(pool: Pool, webhookPath: string, perSecond: number, durationMs: number): Promise<Sample> {
  const latencies: number[] = [];
  let failures = 0;
  const total = Math.round((perSecond * durationMs) / 1000);
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const dueAt = (index: number) => start + (index * 1000) / perSecond;
  let sent = 0;
  while (sent < total) {
    while (sent < total && dueAt(sent) <= performance.now()) {
      const due = dueAt(sent++);
      inFlight.push(
        send(pool, webhookPath).then((ok) => {
          if (!ok) failures++;
          latencies.push(performance.now() - due);
        }),
      );
    }
    if (sent < total) await sleep(Math.max(0, dueAt(sent) - performance.now()));
  }
  await Promise.all(inFlight);
  return { latencies, failures, elapsedMs: performance.now() - start };
}

function figures(sample: Sample): Figures {
  const sorted = Float64Array.from(sample.latencies).sort();
  const percentile = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  const round = (value: number, digits = 2) => Number(value.toFixed(digits));
  return {
    requests: sorted.length,
    requestsPerSecond: round(sorted.length / (sample.elapsedMs / 1000), 1),
    p50Ms: round(percentile(0.5)),
    p99Ms: round(percentile(0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    failures: sample.failures,
  };
}

// ---------------------------------------------------------------------------------------------
// The run.

async function main(): Promise<void> {
  ensureBuild();
  const databaseUrl = await createDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    // Throwaway placeholders: nothing here talks to Shopify, and the database dies with the run.
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: "bench-secret",
    SHOPIFY_APP_URL: "http://127.0.0.1",
    SECRETS_ENCRYPTION_KEYS: `bench:${createHash("sha256").update("wakilni-bench").digest("base64")}`,
    WORKER_ENABLED: "false",
  };
  migrateBenchDatabase(env);

  // The shop is seeded with the app's own functions, so its secret is sealed exactly as the
  // settings page seals it. They validate the environment when imported, hence the late import.
  Object.assign(process.env, env);
  const { ensureShop, saveWakilniCredentials } = await import("../app/settings/shop-settings.server");
  const { prisma } = await import("../app/db.server");
  const { endpointKey } = await ensureShop(SHOP);
  await saveWakilniCredentials(SHOP, { secret: WEBHOOK_SECRET }, new Date());
  const busy = workerBusy ? await busyWorkerWorld() : null;
  await prisma.$disconnect();
  const webhookPath = wakilniWebhookPath(endpointKey);

  const targets = [
    await startServer("baseline", "baseline (node:http)", ["--import", "tsx", "scripts/bench-ingest-baseline.ts"], env),
    busy
      ? await startServer(
          "app",
          "app (server.mjs, worker busy)",
          [...appNodeFlags, "--import", "./sandbox/admin-api-preload.mjs", "server.mjs"],
          {
            ...env,
            WORKER_ENABLED: "true",
            ADMIN_API_ORIGIN: busy.emulator.origin,
          },
        )
      : await startServer("app", "app (server.mjs)", [...appNodeFlags, "server.mjs"], env),
  ];
  if (busy) {
    // Measure only once the worker is at it.
    for (const deadline = Date.now() + 60_000; busy.emulator.stats.snapshot().requests === 0 && Date.now() < deadline;) await sleep(100);
    busy.emulator.stats.reset();
  }
  const pools = new Map(targets.map((target) => [target.name, new Pool(target.origin, { connections: concurrency, pipelining: 1 })]));
  cleanups.push(() => Promise.all([...pools.values()].map((pool) => pool.close())).then(() => undefined));

  const cpu = os.cpus();
  const machine = { cpu: cpu[0]?.model.trim() ?? "unknown", cores: cpu.length, node: process.version, database: engine };
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores; Node ${machine.node}; database ${engine}`);
  if (appNodeFlags.length) console.log(`app's Node flags: ${appNodeFlags.join(" ")}`);
  console.log(
    `phases: ${WARM_UP_SECONDS} s warm-up, then ${seconds} s closed loop with ${concurrency} clients, then ${seconds} s open loop at ${rate} req/s; baseline first`,
  );

  // Alternating phase by phase keeps slow drifts (disk, a growing table) from favouring one side.
  const results = { baseline: {} as Record<"closed" | "open", Figures>, app: {} as Record<"closed" | "open", Figures> };
  const measuredFrom = new Date();
  for (const target of targets) await closedLoop(pools.get(target.name)!, webhookPath, concurrency, WARM_UP_SECONDS * 1000);
  for (const target of targets) {
    console.error(`closed loop: ${target.label}…`);
    results[target.name].closed = figures(await closedLoop(pools.get(target.name)!, webhookPath, concurrency, seconds * 1000));
  }
  for (const target of targets) {
    console.error(`open loop: ${target.label}…`);
    results[target.name].open = figures(await openLoop(pools.get(target.name)!, webhookPath, rate, seconds * 1000));
  }

  const ratio = Number((results.app.closed.requestsPerSecond / results.baseline.closed.requestsPerSecond).toFixed(3));
  const failures =
    results.baseline.closed.failures + results.baseline.open.failures + results.app.closed.failures + results.app.open.failures;
  const verdict = {
    throughputAtLeast75Percent: ratio >= 0.75,
    p99Under25MsAtRate: results.app.open.p99Ms < 25,
    rateKeptUp: results.app.open.requestsPerSecond >= rate * 0.95,
    noFailures: failures === 0,
  };

  printTable(results, ratio);
  const worker = busy ? await busy.activity(measuredFrom) : null;
  if (worker) {
    console.log(
      `worker during the measurement: ${worker.shopifyRequests} Shopify requests (${worker.throttled} THROTTLED), ` +
        `${worker.eventsApplied} events applied, ${worker.eventsParked} parked; load average ${os.loadavg()[0].toFixed(1)}`,
    );
  }
  console.log(
    `targets: app/baseline ${(ratio * 100).toFixed(1)}% (≥ 75%: ${yesNo(verdict.throughputAtLeast75Percent)}), ` +
      `app p99 at ${rate} req/s ${results.app.open.p99Ms} ms (< 25 ms: ${yesNo(verdict.p99Under25MsAtRate)}), ` +
      `non-2xx or failed requests: ${failures}`,
  );
  const mode = workerBusy ? "worker-busy" : "worker-off";
  const loadAverage = Number(os.loadavg()[0].toFixed(1));
  console.log(
    `bench-ingest ${JSON.stringify({ machine, mode, seconds, concurrency, rate, ...results, ratio, verdict, worker, loadAverage })}`,
  );
  if (failures > 0) process.exitCode = 1;
}

/**
 * --worker-busy: the emulator with a backlog shop and a shop of unmatched waybills, their events
 * stored before the app starts, and the load's own shop installed on it; `activity` says what
 * the worker did since a moment (so a reader can see it was busy, not idle).
 */
async function busyWorkerWorld() {
  const emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: 2000, restoreRate: 100 } });
  cleanups.push(() => emulator.close());
  const { installShop } = await import("../tests/helpers/shopify");
  const { ensureShop } = await import("../app/settings/shop-settings.server");
  const { storeEvent, wakilniEvent } = await import("../sandbox/inbox-events");
  const { prisma } = await import("../app/db.server");
  for (const shop of [SHOP, BACKLOG_SHOP, PARKED_SHOP]) {
    const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
    emulator.store.createShop({ shop, accessToken });
    await ensureShop(shop);
    await installShop(shop, { accessToken });
  }
  const start = Date.now() - 6 * 3_600_000;
  for (let index = 0; index < BACKLOG_ORDERS; index += 1)
    emulator.store.createOrder(BACKLOG_SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] });
  for (const [step, topic] of BACKLOG_JOURNEY.entries()) {
    for (let index = 0; index < BACKLOG_ORDERS; index += 1) {
      const occurredAt = new Date(start + index * 1000 + step * 600_000);
      await storeEvent(
        BACKLOG_SHOP,
        wakilniEvent({ topic, waybill: `#${1001 + index}`, wakilniOrderId: String(60_000 + index), occurredAt }),
      );
    }
  }
  for (let index = 0; index < PARKED_WAYBILLS; index += 1) {
    const occurredAt = new Date(start + index * 1000);
    await storeEvent(
      PARKED_SHOP,
      wakilniEvent({ topic: "assigned", waybill: `WK-STRAY-${index}`, wakilniOrderId: String(70_000 + index), occurredAt }),
    );
  }
  return {
    emulator,
    async activity(since: Date) {
      const stats = emulator.stats.snapshot();
      const eventsApplied = await prisma.inboxEvent.count({ where: { state: "applied", finishedAt: { gte: since } } });
      const eventsParked = await prisma.inboxEvent.count({ where: { state: "parked", parkedSince: { gte: since } } });
      await prisma.$disconnect();
      return { shopifyRequests: stats.requests, throttled: stats.throttled, eventsApplied, eventsParked };
    },
  };
}

function yesNo(value: boolean): string {
  return value ? "yes" : "NO";
}

function printTable(results: Record<Target["name"], Record<"closed" | "open", Figures>>, ratio: number): void {
  const rows: [string, (figures: Record<"closed" | "open", Figures>) => number, string][] = [
    [`closed loop, ${concurrency} clients: req/s`, (f) => f.closed.requestsPerSecond, `${(ratio * 100).toFixed(1)}%`],
    ["  p50 ms", (f) => f.closed.p50Ms, ""],
    ["  p99 ms", (f) => f.closed.p99Ms, ""],
    [`open loop at ${rate} req/s: achieved req/s`, (f) => f.open.requestsPerSecond, ""],
    ["  p50 ms", (f) => f.open.p50Ms, ""],
    ["  p99 ms", (f) => f.open.p99Ms, ""],
    ["  max ms", (f) => f.open.maxMs, ""],
    ["non-2xx or failed requests", (f) => f.closed.failures + f.open.failures, ""],
  ];
  const line = (cells: string[]) =>
    cells[0].padEnd(42) +
    cells
      .slice(1)
      .map((cell) => cell.padStart(16))
      .join("");
  console.log("");
  console.log(line(["", "baseline", "app", "app/baseline"]));
  for (const [label, pick, extra] of rows) console.log(line([label, String(pick(results.baseline)), String(pick(results.app)), extra]));
  console.log("");
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
  const profiles = path.join(".cache/bench", `profiles-${runId}`);
  if (existsSync(path.join(root, profiles))) console.error(`CPU profiles: ${profiles}/`);
}
