// What runs beside the HTTP server for the life of the process: a preparation step before the
// first request (sealing any Shopify token still stored in plain text or under a retired key),
// and the worker that applies stored Wakilni events to Shopify. The worker runs in a worker
// thread of its own, off the HTTP event loop, so a backlog being applied does not slow the
// webhook endpoint down (docs/decisions/014-ingest-group-commit-and-worker-thread.md).
// server.mjs starts it after listening and stops it on SIGTERM, so no event is left
// half-applied by a deploy; the thread runs inbox-worker.mjs, which calls runInboxWorkerThread.
import { hostname } from "node:os";
import { setTimeout as pause } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import { MessageChannel, Worker, isMainThread, type MessagePort } from "node:worker_threads";
import { databaseReady, prisma, sqliteWriteLock, sqliteWriteLockMemory } from "./db.server";
import { env } from "./env.server";
import { InboxWorker } from "./inbox/worker";
import { pruneInboxHistory, prismaInboxStore } from "./inbox/inbox-store.server";
import { HistoryPruner } from "./inbox/history-pruner";
import { inboxSignal } from "./inbox/inbox-signal.server";
import { DEFAULT_RETRY_POLICY } from "./inbox/retry-policy";
import { leaveBudgetToMerchant, merchantRequests, syncEngine } from "./sync/sync.server";
import { sealStoredSessionTokens } from "./settings/sealed-session-storage.server";
import { secretBox } from "./settings/sealing.server";
import { logger } from "./logging/logger.server";
import { countObservations, forwardObservations, workerSlotsFreed, type Observation } from "./logging/metrics.server";
import { observedInboxStore } from "./logging/observed-inbox-store.server";
import { ReconcileJob } from "./reconcile/reconcile-job";
import { prismaReconcileStore } from "./reconcile/reconcile-store.server";
import { refreshDelivery } from "./reconcile/refresh.server";
import { connectedWakilniApi } from "./reconcile/refresh-from-wakilni.server";
import type { WorkerStatus } from "./http/readiness";

/**
 * Between the HTTP thread and the worker thread (which also posts what it observed, for /metrics).
 * A merchant's Shopify request on the HTTP thread is announced by a hold, ended by its release.
 */
type WorkerMessage = "wake" | "stop" | { merchantHold: { id: number; shop: string; cost: number } } | { merchantRelease: number };
type ThreadMessage = "ready" | "stopped" | { observations: Observation[] };

/** A worker thread that died is started again after this long, not in a tight loop. */
const RESTART_DELAY_MS = 1000;

/** What the HTTP thread holds of the worker: a worker thread, or a port to the worker in this thread. */
interface WorkerHandle {
  postMessage(message: WorkerMessage): void;
  on(event: "message", listener: (message: ThreadMessage) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  once(event: "exit", listener: () => void): unknown;
  terminate(): Promise<unknown>;
}

let thread: WorkerHandle | null = null;
/** The thread has loaded the app and listens; before that it holds no waybill and is simply ended. */
let threadReady = false;
let stopping = false;
let unsubscribe: (() => void) | null = null;
let nextMerchantHold = 0;

/** The worker thread's client spends the same shops' budgets: it leaves a merchant's points while the request runs. */
function announceMerchantRequest(shop: string, cost: number): () => void {
  const id = (nextMerchantHold += 1);
  const announcedTo = thread;
  announcedTo?.postMessage({ merchantHold: { id, shop, cost } });
  // A thread started since never heard of the hold: nothing to release there.
  return () => {
    if (thread === announcedTo) announcedTo?.postMessage({ merchantRelease: id });
  };
}

/**
 * WORKER_THREAD=false runs the worker in this thread, over the same messages: for hosts whose
 * preloaded modules cannot follow into a thread.
 */
function startInThisThread(): WorkerHandle {
  const { port1, port2 } = new MessageChannel();
  runInboxWorkerThread(port2);
  // A port has no "exit" or "error": it closes when the worker side is done.
  const portEvent = (event: string) => (event === "exit" ? "close" : event);
  return {
    postMessage: (message) => port1.postMessage(message),
    on: (event: string, listener: Parameters<typeof port1.on>[1]) => port1.on(portEvent(event), listener),
    once: (event: string, listener: () => void) => port1.once(portEvent(event), listener),
    terminate: async () => port1.close(),
  };
}

function startThread(script: URL): void {
  // The thread's SQLite connection takes the same write lock as this thread's (app/thread-write-lock.ts).
  const started = env.WORKER_THREAD ? new Worker(script, { workerData: { sqliteWriteLock: sqliteWriteLockMemory } }) : startInThisThread();
  thread = started;
  // Read now: a Worker's threadId reads -1 once it has exited.
  const startedThreadId = started instanceof Worker ? started.threadId : null;
  threadReady = false;
  started.on("message", (message: ThreadMessage) => {
    if (typeof message === "object") countObservations(message.observations);
    else if (message === "ready" && thread === started) threadReady = true;
  });
  started.on("error", (error) => logger.error({ err: error }, "inbox worker thread failed"));
  started.on("exit", (code) => {
    workerSlotsFreed();
    if (startedThreadId !== null) sqliteWriteLock.releaseForEndedThread(startedThreadId);
    if (thread !== started) return;
    thread = null;
    if (stopping) return;
    logger.error({ code, restartInMs: RESTART_DELAY_MS }, "inbox worker thread exited; starting it again");
    setTimeout(() => {
      if (!stopping && !thread) startThread(script);
    }, RESTART_DELAY_MS).unref();
  });
}

/** New events in the inbox: one wake-up message per turn of the event loop, however many arrived. */
let wakePending = false;
function wakeThread(): void {
  if (wakePending) return;
  wakePending = true;
  setImmediate(() => {
    wakePending = false;
    thread?.postMessage("wake" satisfies WorkerMessage);
  });
}

export const serverRuntime = {
  /** Before serving: no request may find a token that is not sealed with the current key. */
  async prepare(): Promise<void> {
    await databaseReady;
    const sealed = await sealStoredSessionTokens(prisma, secretBox);
    if (sealed > 0) logger.info({ sessions: sealed }, "sealed the stored Shopify tokens with the current key");
  },
  /** Starts the worker thread from `workerScript` (inbox-worker.mjs), unless WORKER_ENABLED is false. */
  start(workerScript: URL): void {
    if (!env.WORKER_ENABLED) return;
    stopping = false;
    const unsubscribers = [inboxSignal.subscribe(wakeThread)];
    // Without a thread the worker shares this thread's Shopify client, which gives merchants their turn itself.
    if (env.WORKER_THREAD) unsubscribers.push(merchantRequests.subscribe(announceMerchantRequest));
    unsubscribe = () => unsubscribers.forEach((unsubscribeOne) => unsubscribeOne());
    startThread(workerScript);
  },
  /** For /readyz: an instance that runs a worker is not ready while its thread is loading or restarting. */
  workerStatus(): WorkerStatus {
    if (!env.WORKER_ENABLED) return "disabled";
    if (thread && threadReady) return "running";
    return thread ? "starting" : "down";
  },
  async stop(): Promise<void> {
    stopping = true;
    unsubscribe?.();
    const running = thread;
    if (running && !threadReady) await running.terminate();
    else if (running) {
      // The thread finishes the waybills in hand, then says so; a thread that hangs is ended.
      const stopped = new Promise<void>((resolve) => {
        running.on("message", (message: ThreadMessage) => message === "stopped" && resolve());
        running.once("exit", () => resolve());
      });
      running.postMessage("stop" satisfies WorkerMessage);
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, env.WORKER_LEASE_SECONDS * 1000).unref())]);
      await running.terminate();
    }
    await prisma.$disconnect();
  },
};

/** How many shops the reconciliation job works for at once. */
const RECONCILE_CONCURRENCY = 2;

/** The worker thread's whole life: applies events until the HTTP thread says stop. */
export function runInboxWorkerThread(port: MessagePort): void {
  // In a thread of its own, its figures go to the main thread's registry; in the main thread they are counted there.
  if (!isMainThread) forwardObservations((observations) => port.postMessage({ observations } satisfies ThreadMessage));
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const worker = new InboxWorker({
    store: observedInboxStore(prismaInboxStore),
    processor: syncEngine,
    owner,
    concurrency: env.WORKER_CONCURRENCY,
    leaseMs: env.WORKER_LEASE_SECONDS * 1000,
    pollMs: env.WORKER_POLL_MS,
    batchLimit: 50,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: env.WORKER_MAX_ATTEMPTS },
    now: () => new Date(),
    random: Math.random,
    // Errors may quote event text (a waybill, a driver's name) that came in a payload.
    onError: (error) => logger.error({ err: error }, "inbox worker failed"),
  });
  const historyPruner = new HistoryPruner({
    store: { prune: pruneInboxHistory },
    retentionDays: env.INBOX_RETENTION_DAYS,
    batchSize: 500,
    intervalMs: 10 * 60 * 1000,
    now: () => new Date(),
    onError: (error) => logger.error({ err: error }, "inbox retention failed"),
  });
  // Heals missed webhooks by asking Wakilni's API about silent deliveries (docs/decisions/021).
  const reconcileJob = new ReconcileJob({
    store: prismaReconcileStore,
    async refresh(shop, waybill, now) {
      const api = await connectedWakilniApi(shop);
      if (api) return refreshDelivery(shop, waybill, api, now);
      // The credentials went, or a new check failed, since the shop was picked: stop until a check passes.
      return { ok: false, failure: { kind: "refused", status: 0, detail: "no passed connection check" } };
    },
    wake: () => worker.wake(),
    owner,
    concurrency: RECONCILE_CONCURRENCY,
    leaseMs: env.WORKER_LEASE_SECONDS * 1000,
    intervalMs: env.RECONCILE_INTERVAL_SECONDS * 1000,
    retry: DEFAULT_RETRY_POLICY,
    now: () => new Date(),
    sleep: (ms) => pause(ms),
    random: Math.random,
    onError: (error) => logger.error({ err: error }, "reconciliation failed"),
  });
  const merchantHolds = new Map<number, () => void>();
  port.on("message", (message: WorkerMessage) => {
    if (message === "wake") return worker.wake();
    if (typeof message === "object") {
      if ("merchantHold" in message) {
        const { id, shop, cost } = message.merchantHold;
        merchantHolds.set(id, leaveBudgetToMerchant(shop, cost));
      } else {
        merchantHolds.get(message.merchantRelease)?.();
        merchantHolds.delete(message.merchantRelease);
      }
      return;
    }
    void Promise.all([worker.stop(), historyPruner.stop(), reconcileJob.stop()])
      .then(() => prisma.$disconnect())
      .finally(() => {
        port.postMessage("stopped" satisfies ThreadMessage);
        port.close();
      });
  });
  port.postMessage("ready" satisfies ThreadMessage);
  void databaseReady.then(() => {
    worker.start();
    historyPruner.start();
    reconcileJob.start();
  });
}
