// The app's Prometheus metrics (prom-client), one registry that GET /metrics serves
// (metrics-endpoint.server.ts). Code that sees something happen reports an Observation; the main
// thread's registry counts it. The worker runs in a worker thread (decision 014), whose module copy
// has a registry nobody scrapes: there, observations are posted to the main thread in batches
// instead (forwardObservations, called by runInboxWorkerThread), so one scrape sees both threads
// and a restarted thread does not reset any counter (docs/decisions/019-logs-and-metrics.md).
//
// Labels are bounded: outcomes and states are fixed lists, Shopify operations are the app's own
// documents, and the per-shop slot gauge shows only the busiest shops.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { isMainThread } from "node:worker_threads";
import type { EventUpdate } from "../inbox/worker";
import type { AdminRequestReport } from "../sync/admin-graphql.server";

/** What became of an event the worker ran: its new state, a transient failure being "retry". */
export type EventOutcome = "applied" | "parked" | "retry" | "failed" | "dead";

export const EVENT_OUTCOME_OF_STATE: Record<EventUpdate["state"], EventOutcome> = {
  applied: "applied",
  parked: "parked",
  received: "retry",
  failed: "failed",
  dead: "dead",
};

/**
 * What the HTTP server did with a connection over its cap: closed an idle one to make room
 * ("displaced"), answered the newcomer 503 with Retry-After ("refused"), or closed it unanswered
 * ("reset", past four times the cap).
 */
export type ShedAction = "displaced" | "refused" | "reset";

/** Something that happened, as plain data: a worker thread posts these to the main thread. */
export type Observation =
  | { kind: "webhook"; outcome: string; seconds: number }
  | { kind: "shed"; action: ShedAction }
  | { kind: "event"; outcome: EventOutcome }
  | ({ kind: "shopify" } & AdminRequestReport)
  | { kind: "slot"; shop: string; change: 1 | -1 };

/** The per-shop slot gauge names this many shops, the busiest; the rest are summed under "_other". */
export const SLOT_GAUGE_TOP_SHOPS = 10;

export const metricsRegistry = new Registry();
const registers = [metricsRegistry];

const webhooks = new Counter({
  name: "wakilni_webhooks_total",
  help: "Wakilni webhook deliveries answered, by outcome: accepted, duplicate, or the refusal's reason",
  labelNames: ["outcome"] as const,
  registers,
});

const ingestSeconds = new Histogram({
  name: "wakilni_webhook_duration_seconds",
  help: "Time from a Wakilni delivery's arrival to its answer (the event committed, for a 200)",
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
});

const shedConnections = new Counter({
  name: "wakilni_http_connections_shed_total",
  help: "Connections over HTTP_MAX_CONNECTIONS, by what was done: displaced (an idle one closed), refused (503), reset",
  labelNames: ["action"] as const,
  registers,
});

const events = new Counter({
  name: "wakilni_events_total",
  help: "Events the worker finished a run of, by outcome: applied, parked, retry, failed, dead",
  labelNames: ["outcome"] as const,
  registers,
});

const shopifyRequests = new Counter({
  name: "wakilni_shopify_requests_total",
  help: "Admin API requests sent, by operation and outcome (ok, throttled, error)",
  labelNames: ["operation", "outcome"] as const,
  registers,
});

const shopifyPoints = new Counter({
  name: "wakilni_shopify_cost_points_total",
  help: "Admin API cost points Shopify charged (actualQueryCost), by operation",
  labelNames: ["operation"] as const,
  registers,
});

/** Slots each shop's waybills hold in this instance's worker now. */
const busySlots = new Map<string, number>();

new Gauge({
  name: "wakilni_worker_slots_busy",
  help: `Worker slots busy per shop in this instance: the ${SLOT_GAUGE_TOP_SHOPS} busiest shops, the rest summed as "_other"`,
  labelNames: ["shop"] as const,
  registers,
  collect() {
    this.reset();
    const ranked = [...busySlots].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [shop, busy] of ranked.slice(0, SLOT_GAUGE_TOP_SHOPS)) this.set({ shop }, busy);
    const rest = ranked.slice(SLOT_GAUGE_TOP_SHOPS).reduce((sum, [, busy]) => sum + busy, 0);
    if (rest > 0) this.set({ shop: "_other" }, rest);
  },
});

function count(observation: Observation): void {
  switch (observation.kind) {
    case "webhook":
      webhooks.inc({ outcome: observation.outcome });
      ingestSeconds.observe(observation.seconds);
      return;
    case "shed":
      shedConnections.inc({ action: observation.action });
      return;
    case "event":
      events.inc({ outcome: observation.outcome });
      return;
    case "shopify":
      shopifyRequests.inc({ operation: observation.operationName, outcome: observation.outcome });
      if (observation.pointsSpent > 0) shopifyPoints.inc({ operation: observation.operationName }, observation.pointsSpent);
      return;
    case "slot": {
      const busy = (busySlots.get(observation.shop) ?? 0) + observation.change;
      if (busy > 0) busySlots.set(observation.shop, busy);
      else busySlots.delete(observation.shop);
      return;
    }
  }
}

let report: (observation: Observation) => void = count;

/** Reports something that happened; counted here, or posted to the main thread from a worker thread. */
export function observe(observation: Observation): void {
  report(observation);
}

/** The Admin client's report of one request (AdminClientOptions.onRequest), as the app wires it. */
export function observeShopifyRequest(report: AdminRequestReport): void {
  observe({ kind: "shopify", ...report });
}

/** In the main thread: what the worker thread observed (see forwardObservations). */
export function countObservations(batch: readonly Observation[]): void {
  for (const observation of batch) count(observation);
}

/** The worker thread ended (or restarts): the slots it held are free. */
export function workerSlotsFreed(): void {
  busySlots.clear();
}

/**
 * In a worker thread: observations go to `post` (a message to the main thread), gathered over one
 * turn of the event loop so a busy worker posts a few messages, not one per request.
 */
export function forwardObservations(post: (batch: Observation[]) => void): void {
  let pending: Observation[] = [];
  report = (observation) => {
    if (pending.push(observation) > 1) return;
    setImmediate(() => {
      const batch = pending;
      pending = [];
      post(batch);
    });
  };
}

// The process's own figures (CPU, memory, event-loop delay, handles) from the thread that serves /metrics.
if (isMainThread) collectDefaultMetrics({ register: metricsRegistry });
