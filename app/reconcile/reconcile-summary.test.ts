import { describe, expect, it } from "vitest";
import { reconcileMayRun, reconcileSummary, type ReconcileFacts } from "./reconcile-summary";

const now = new Date("2026-12-01T12:00:00Z");
const passed = new Date("2026-12-01T08:00:00Z");
const facts: ReconcileFacts = {
  enabled: true,
  connectionPassedAt: passed,
  refusedAt: null,
  lastRunAt: new Date("2026-12-01T11:55:00Z"),
  lastChecked: 4,
  lastHealed: 1,
  lastFailure: null,
};

describe("reconcileSummary", () => {
  it("tells the last run, how long ago, what it checked and healed and the last problem", () => {
    expect(reconcileSummary(facts, now)).toEqual({ kind: "ran", minutesAgo: 5, checked: 4, healed: 1, problem: null });
    const problem = { kind: "server_error", status: 502 } as const;
    expect(reconcileSummary({ ...facts, lastFailure: problem }, now)).toMatchObject({ kind: "ran", problem });
    expect(reconcileSummary({ ...facts, lastRunAt: null }, now)).toEqual({ kind: "never" });
  });

  it("is off when switched off, waits for a passed check, and stays stopped after a refusal until a later check passes", () => {
    expect(reconcileSummary({ ...facts, enabled: false }, now)).toEqual({ kind: "off" });
    expect(reconcileSummary({ ...facts, connectionPassedAt: null }, now)).toEqual({ kind: "waiting" });
    const refusedAt = new Date("2026-12-01T09:00:00Z");
    expect(reconcileSummary({ ...facts, refusedAt }, now)).toEqual({ kind: "refused" });
    expect(reconcileMayRun({ ...facts, refusedAt })).toBe(false);
    expect(reconcileMayRun({ ...facts, refusedAt, connectionPassedAt: new Date("2026-12-01T10:00:00Z") })).toBe(true);
  });
});
