import { describe, expect, it } from "vitest";
import { HistoryPruner, type HistoryPruningStore } from "./history-pruner";

const NOW = new Date("2026-12-01T12:00:00Z");

function storeWith(backlog: number): HistoryPruningStore & { calls: { before: Date; limit: number }[] } {
  let left = backlog;
  const calls: { before: Date; limit: number }[] = [];
  return {
    calls,
    async prune(before, _now, limit) {
      calls.push({ before, limit });
      const pruned = Math.min(left, limit);
      left -= pruned;
      return pruned;
    },
  };
}

const pruner = (store: HistoryPruningStore, retentionDays = 30) =>
  new HistoryPruner({ store, retentionDays, batchSize: 100, intervalMs: 10, now: () => NOW, onError: () => {} });

describe("HistoryPruner.runOnce", () => {
  it("prunes in batches until one comes back short, older than the retention period", async () => {
    const store = storeWith(250);
    expect(await pruner(store, 30).runOnce()).toBe(250);
    expect(store.calls.map((call) => call.limit)).toEqual([100, 100, 100]);
    expect(store.calls[0].before.toISOString()).toBe("2026-11-01T12:00:00.000Z");
  });

  it("asks once when there is nothing to prune", async () => {
    const store = storeWith(0);
    expect(await pruner(store).runOnce()).toBe(0);
    expect(store.calls).toHaveLength(1);
  });

  it("stops a run after a bounded number of batches, leaving the rest to the next run", async () => {
    const store = storeWith(1_000_000);
    expect(await pruner(store).runOnce()).toBe(10_000);
  });
});
