// What runs beside the HTTP server for the life of the process: a preparation step before the
// first request (sealing any Shopify token still stored in plain text or under a retired key),
// and the worker that applies stored Wakilni events to Shopify. The worker runs in a worker
// thread of its own, off the HTTP event loop, so a backlog being applied does not slow the
// webhook endpoint down (docs/decisions/014-ingest-group-commit-and-worker-thread.md).
// server.mjs starts it after listening and stops it on SIGTERM, so no event is left
// half-applied by a deploy; the thread runs inbox-worker.mjs, which calls runInboxWorkerThread.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { Worker, type MessagePort } from "node:worker_threads";
import { databaseReady, prisma } from "./db.server";
import { env } from "./env.server";
import { InboxWorker } from "./inbox/worker";
import { prismaInboxStore } from "./inbox/inbox-store.server";
import { inboxSignal } from "./inbox/inbox-signal.server";
import { DEFAULT_RETRY_POLICY } from "./inbox/retry-policy";
import { syncEngine } from "./sync/sync.server";
import { sealStoredSessionTokens } from "./settings/sealed-session-storage.server";
import { secretBox } from "./settings/sealing.server";
import { printableError } from "./log-text";

/** Between the HTTP thread and the worker thread. */
type WorkerMessage = "wake" | "stop";
type ThreadMessage = "ready" | "stopped";

/** A worker thread that died is started again after this long, not in a tight loop. */
const RESTART_DELAY_MS = 1000;

let thread: Worker | null = null;
/** The thread has loaded the app and listens; before that it holds no waybill and is simply ended. */
let threadReady = false;
let stopping = false;
let unsubscribe: (() => void) | null = null;

function startThread(script: URL): void {
  const started = new Worker(script);
  thread = started;
  threadReady = false;
  started.on("message", (message: ThreadMessage) => {
    if (message === "ready" && thread === started) threadReady = true;
  });
  started.on("error", (error) => console.error("inbox worker thread:", printableError(error)));
  started.on("exit", (code) => {
    if (thread !== started) return;
    thread = null;
    if (stopping) return;
    console.error(`inbox worker thread exited (code ${code}); starting it again in ${RESTART_DELAY_MS} ms`);
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
    if (sealed > 0) console.log(`sealed the Shopify tokens of ${sealed} stored session(s) with the current key`);
  },
  /** Starts the worker thread from `workerScript` (inbox-worker.mjs), unless WORKER_ENABLED is false. */
  start(workerScript: URL): void {
    if (!env.WORKER_ENABLED) return;
    stopping = false;
    unsubscribe = inboxSignal.subscribe(wakeThread);
    startThread(workerScript);
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

/** The worker thread's whole life: applies events until the HTTP thread says stop. */
export function runInboxWorkerThread(port: MessagePort): void {
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
  port.on("message", (message: WorkerMessage) => {
    if (message === "wake") return worker.wake();
    void worker
      .stop()
      .then(() => prisma.$disconnect())
      .finally(() => {
        port.postMessage("stopped" satisfies ThreadMessage);
        port.close();
      });
  });
  port.postMessage("ready" satisfies ThreadMessage);
  void databaseReady.then(() => worker.start());
}
