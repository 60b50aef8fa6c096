// What the home page says about reconciliation, from the Shop row: off, waiting for a passed
// connection check, stopped by a refusal, not run yet, or its last run and what it healed. Pure.
import type { WakilniApiFailure } from "../wakilni/api/wakilni-api";

export interface ReconcileFacts {
  enabled: boolean;
  /** When a connection check last passed; null when none has (or the last one failed). */
  connectionPassedAt: Date | null;
  refusedAt: Date | null;
  lastRunAt: Date | null;
  lastChecked: number;
  lastHealed: number;
  lastFailure: WakilniApiFailure | null;
}

export type ReconcileSummary =
  | { kind: "off" | "waiting" | "refused" | "never" }
  | { kind: "ran"; minutesAgo: number; checked: number; healed: number; problem: WakilniApiFailure | null };

/** The job runs for a shop only when this holds (and the shop is not waiting out a backoff). */
export function reconcileMayRun(facts: Pick<ReconcileFacts, "enabled" | "connectionPassedAt" | "refusedAt">): boolean {
  return facts.enabled && facts.connectionPassedAt !== null && (facts.refusedAt === null || facts.refusedAt < facts.connectionPassedAt);
}

export function reconcileSummary(facts: ReconcileFacts, now: Date): ReconcileSummary {
  if (!facts.enabled) return { kind: "off" };
  if (facts.connectionPassedAt === null) return { kind: "waiting" };
  if (!reconcileMayRun(facts)) return { kind: "refused" };
  if (facts.lastRunAt === null) return { kind: "never" };
  return {
    kind: "ran",
    minutesAgo: Math.max(0, Math.floor((now.getTime() - facts.lastRunAt.getTime()) / 60_000)),
    checked: facts.lastChecked,
    healed: facts.lastHealed,
    problem: facts.lastFailure,
  };
}
