// The inbox as /metrics shows it: how many events wait in each open state, and how long the oldest
// due event has waited (the worker's lag). Read from the database at scrape time, so every instance
// reports the same shared inbox (take max(), not sum(), across instances), with a short cache so
// frequent or concurrent scrapes cost one round of queries. Each query is an index range on
// (state, nextAttemptAt): applied history, however large, is never counted.
import { Gauge } from "prom-client";
import { prisma } from "../db.server";
import { PENDING_STATES, PRUNABLE_STATES, INBOX_STATES, type InboxState } from "../inbox/inbox-states";
import { logger } from "./logger.server";
import { metricsRegistry } from "./metrics.server";

/** States that hold work or a person's attention; final history (applied, unsupported) is left out. */
export const OPEN_STATES = INBOX_STATES.filter((state) => !PRUNABLE_STATES.includes(state));

/** A scrape within this long of the last one is answered from its figures. */
export const INBOX_GAUGES_CACHE_MS = 5000;

export interface InboxFigures {
  depth: Record<string, number>;
  /** Seconds since the oldest due event of each pending state became due; 0 when none is due. */
  oldestDueSeconds: Record<string, number>;
}

export async function readInboxFigures(now: Date): Promise<InboxFigures> {
  const [counts, oldest] = await Promise.all([
    prisma.inboxEvent.groupBy({ by: ["state"], where: { state: { in: OPEN_STATES } }, _count: { _all: true } }),
    Promise.all(
      PENDING_STATES.map((state: InboxState) =>
        prisma.inboxEvent.aggregate({ where: { state, nextAttemptAt: { lte: now } }, _min: { nextAttemptAt: true } }),
      ),
    ),
  ]);
  const depth = Object.fromEntries(OPEN_STATES.map((state) => [state, 0]));
  for (const row of counts) depth[row.state] = row._count._all;
  const oldestDueSeconds = Object.fromEntries(
    PENDING_STATES.map((state, index) => {
      const due = oldest[index]._min.nextAttemptAt;
      return [state, due ? Math.max(0, (now.getTime() - due.getTime()) / 1000) : 0];
    }),
  );
  return { depth, oldestDueSeconds };
}

let cached: { at: number; figures: Promise<InboxFigures | null> } | null = null;

/**
 * The figures of the last INBOX_GAUGES_CACHE_MS, read again when older. A database that does not
 * answer leaves the two gauges out of the scrape (logged once per read) rather than failing the
 * whole scrape: the webhook counters matter most exactly then.
 */
function currentFigures(): Promise<InboxFigures | null> {
  const now = Date.now();
  if (!cached || now - cached.at >= INBOX_GAUGES_CACHE_MS) {
    const figures = readInboxFigures(new Date(now)).catch((error: unknown) => {
      logger.warn({ err: error }, "metrics: could not read the inbox figures");
      return null;
    });
    cached = { at: now, figures };
  }
  return cached.figures;
}

new Gauge({
  name: "wakilni_inbox_events",
  help: "Events in the inbox by open state (received, processing, parked, failed, dead); shared by every instance",
  labelNames: ["state"] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const figures = await currentFigures();
    for (const [state, value] of Object.entries(figures?.depth ?? {})) this.set({ state }, value);
  },
});

new Gauge({
  name: "wakilni_inbox_oldest_due_seconds",
  help: "Seconds since the oldest due event of each pending state became due (0 when none is); shared by every instance",
  labelNames: ["state"] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const figures = await currentFigures();
    for (const [state, value] of Object.entries(figures?.oldestDueSeconds ?? {})) this.set({ state }, value);
  },
});
