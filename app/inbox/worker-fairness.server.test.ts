// The worker's fair share over the real inbox (SQLite or PostgreSQL, as the run is configured):
// a shop with a backlog does not hold back a quiet shop's event, and a shop whose Shopify
// budget is spent gives its slots to the others.
import { describe, expect, it } from "vitest";
import { prismaInboxStore } from "./inbox-store.server";
import { InboxWorker, type EventResult, type PendingEvent, type WaybillKey, type WaybillProcessor } from "./worker";
import type { WorkLane } from "./fair-share";
import { DEFAULT_RETRY_POLICY } from "./retry-policy";
import { prisma } from "../db.server";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";

const t0 = new Date("2026-11-28T10:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

/** Applies everything after a short pause (a Shopify round trip), noting the order waybills started in. */
class SlowProcessor implements WaybillProcessor {
  readonly started: WaybillKey[] = [];
  constructor(private readonly budgetDelay: (shop: string, lane: WorkLane) => number = () => 0) {}
  async process(key: WaybillKey, events: PendingEvent[]): Promise<EventResult[]> {
    this.started.push(key);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return events.map((event) => ({ id: event.id, kind: "applied", detail: "ok" }));
  }
  budgetDelayMs(shop: string, lane: WorkLane): number {
    return this.budgetDelay(shop, lane);
  }
}

function worker(processor: WaybillProcessor, concurrency: number) {
  return new InboxWorker({
    store: prismaInboxStore,
    processor,
    owner: `fair-${Math.random()}`,
    concurrency,
    leaseMs: 30_000,
    pollMs: 5,
    batchLimit: 50,
    retry: DEFAULT_RETRY_POLICY,
    now: () => minutes(120),
    random: () => 0.5,
    onError: (error) => {
      throw error;
    },
  });
}

async function backlog(shop: string, waybills: number) {
  // One shop's day of events, all received (and so due) before the quiet shop's one.
  for (let start = 0; start < waybills; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, waybills - start) }, (_, offset) =>
        storeEvent(shop, wakilniEvent({ topic: "processed", waybill: `B${start + offset}`, occurredAt: t0 }), t0),
      ),
    );
  }
}

describe("the worker's fair share", () => {
  it("applies a quiet shop's event while a busy shop's backlog drains, not after it", async () => {
    const busy = uniqueShop("busy");
    const quiet = uniqueShop("quiet");
    await backlog(busy, 40);
    await storeEvent(quiet, wakilniEvent({ topic: "assigned", waybill: "Q1", occurredAt: minutes(30) }), minutes(30));

    const processor = new SlowProcessor();
    await worker(processor, 2).drain();

    const ours = processor.started.filter((key) => key.shop === busy || key.shop === quiet);
    expect(ours).toHaveLength(41);
    // Oldest-first over all shops would start the quiet shop's waybill last (position 40).
    expect(ours.findIndex((key) => key.shop === quiet)).toBeLessThan(2);
  });

  it("gives the slots of a shop whose Shopify budget is spent to another shop, and comes back to it", async () => {
    const spent = uniqueShop("spent");
    const other = uniqueShop("other");
    await backlog(spent, 6);
    await storeEvent(other, wakilniEvent({ topic: "assigned", waybill: "O1", occurredAt: minutes(30) }), minutes(30));
    await storeEvent(other, wakilniEvent({ topic: "assigned", waybill: "O2", occurredAt: minutes(30) }), minutes(30));

    // The spent shop's bucket refills 40 ms after the worker first looks.
    const refillsAt = Date.now() + 40;
    const processor = new SlowProcessor((shop) => (shop === spent ? Math.max(0, refillsAt - Date.now()) : 0));
    await worker(processor, 4).drain();

    const ours = processor.started.filter((key) => key.shop === spent || key.shop === other);
    expect(ours.slice(0, 2).map((key) => key.shop)).toEqual([other, other]);
    expect(ours.filter((key) => key.shop === spent)).toHaveLength(6);
  });

  it("retries a parked waybill's events together: one batch (one order search), one next attempt", async () => {
    const shop = uniqueShop("parked");
    for (const [topic, minute] of [
      ["created", 1],
      ["confirmed", 2],
      ["assigned", 3],
    ] as const)
      await storeEvent(shop, wakilniEvent({ topic, waybill: "P1", occurredAt: minutes(minute) }), minutes(minute));
    const batches: number[] = [];
    const processor: WaybillProcessor = {
      async process(key, events) {
        if (key.shop === shop) batches.push(events.length);
        return events.map((event) => ({ id: event.id, kind: "parked", reason: "order not found" }));
      },
    };
    // Jitter differs per event: without one shared time the waybill would come due three times.
    const randoms = [0.1, 0.9, 0.5];
    const instance = new InboxWorker({
      store: prismaInboxStore,
      processor,
      owner: `parked-${Math.random()}`,
      concurrency: 2,
      leaseMs: 30_000,
      pollMs: 5,
      batchLimit: 50,
      retry: DEFAULT_RETRY_POLICY,
      now: () => minutes(10),
      random: () => randoms.shift() ?? 0.5,
      onError: (error) => {
        throw error;
      },
    });
    await instance.drain();
    const rows = await prisma.inboxEvent.findMany({ where: { shop }, select: { state: true, nextAttemptAt: true } });
    expect(batches).toEqual([3]);
    expect(rows.every((row) => row.state === "parked")).toBe(true);
    expect(new Set(rows.map((row) => row.nextAttemptAt.getTime())).size).toBe(1);
  });
});
