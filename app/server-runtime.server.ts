// What runs beside the HTTP server for the life of the process: a preparation step before the
// first request (sealing any Shopify token still stored in plain text or under a retired key),
// and the worker that applies stored Wakilni events to Shopify. server.mjs starts the worker
// after listening and stops it on SIGTERM, so no event is left half-applied by a deploy.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { databaseReady, prisma } from "./db.server";
import { env } from "./env.server";
import { InboxWorker } from "./inbox/worker";
import { pruneInboxHistory, prismaInboxStore } from "./inbox/inbox-store.server";
import { HistoryPruner } from "./inbox/history-pruner";
import { inboxSignal } from "./inbox/inbox-signal.server";
import { DEFAULT_RETRY_POLICY } from "./inbox/retry-policy";
import { syncEngine } from "./sync/sync.server";
import { sealStoredSessionTokens } from "./settings/sealed-session-storage.server";
import { secretBox } from "./settings/sealing.server";
import { printableError } from "./log-text";
import type { WorkerStatus } from "./http/readiness";

const worker = new InboxWorker({
  store: prismaInboxStore,
  processor: syncEngine,
  owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  concurrency: env.WORKER_CONCURRENCY,
  leaseMs: env.WORKER_LEASE_SECONDS * 1000,
  pollMs: env.WORKER_POLL_MS,
  batchLimit: 50,
  retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: env.WORKER_MAX_ATTEMPTS },
  now: () => new Date(),
  random: Math.random,
  // Errors may quote event text (a waybill, a driver's name) that came in a payload.
  onError: (error) => console.error("inbox worker:", printableError(error)),
});

const historyPruner = new HistoryPruner({
  store: { prune: pruneInboxHistory },
  retentionDays: env.INBOX_RETENTION_DAYS,
  batchSize: 500,
  intervalMs: 10 * 60 * 1000,
  now: () => new Date(),
  onError: (error) => console.error("inbox retention:", printableError(error)),
});

let unsubscribe: (() => void) | null = null;
let workerStarted = false;

export const serverRuntime = {
  /** Before serving: no request may find a token that is not sealed with the current key. */
  async prepare(): Promise<void> {
    await databaseReady;
    const sealed = await sealStoredSessionTokens(prisma, secretBox);
    if (sealed > 0) console.log(`sealed the Shopify tokens of ${sealed} stored session(s) with the current key`);
  },
  start(): void {
    if (!env.WORKER_ENABLED) return;
    unsubscribe = inboxSignal.subscribe(() => worker.wake());
    worker.start();
    historyPruner.start();
    workerStarted = true;
  },
  /** For /readyz: an instance that runs a worker is not ready until it runs. */
  workerStatus(): WorkerStatus {
    if (!env.WORKER_ENABLED) return "disabled";
    return workerStarted ? "running" : "starting";
  },
  async stop(): Promise<void> {
    workerStarted = false;
    unsubscribe?.();
    await historyPruner.stop();
    await worker.stop();
    await prisma.$disconnect();
  },
};
