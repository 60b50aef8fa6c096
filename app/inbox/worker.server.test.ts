// The worker over the real Prisma inbox (SQLite or PostgreSQL, as the run is configured),
// with a recording processor standing in for the sync engine.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { prismaInboxStore } from "./inbox-store.server";
import { BatchRefusedError, InboxWorker, type EventResult, type PendingEvent, type WaybillKey, type WaybillProcessor } from "./worker";
import { DEFAULT_RETRY_POLICY } from "./retry-policy";
import { timelineMessage } from "../delivery/timeline-messages";
import { retryInboxEvent } from "./manual-retry.server";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";

class RecordingProcessor implements WaybillProcessor {
  readonly batches: { key: WaybillKey; ids: number[] }[] = [];
  /** The events the worker gave up on, per call. */
  readonly gaveUpOn: number[][] = [];
  constructor(private readonly decide: (event: PendingEvent) => EventResult["kind"] = () => "applied") {}
  async process(key: WaybillKey, events: PendingEvent[]): Promise<EventResult[]> {
    this.batches.push({ key, ids: events.map((event) => event.id) });
    return events.map((event) => {
      const kind = this.decide(event);
      if (kind === "applied") return { id: event.id, kind, detail: "ok" };
      if (kind === "parked") return { id: event.id, kind, reason: "order not found" };
      return { id: event.id, kind, error: `${kind} failure` };
    });
  }
  async gaveUp(_key: WaybillKey, events: PendingEvent[]): Promise<void> {
    this.gaveUpOn.push(events.map((event) => event.id));
  }
}

function worker(processor: WaybillProcessor, clock: { now: Date }, options: Partial<ConstructorParameters<typeof InboxWorker>[0]> = {}) {
  return new InboxWorker({
    store: prismaInboxStore,
    processor,
    owner: `test-${Math.random()}`,
    concurrency: 4,
    leaseMs: 30_000,
    pollMs: 10,
    batchLimit: 50,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
    now: () => clock.now,
    random: () => 0.5,
    onError: (error) => {
      throw error;
    },
    ...options,
  });
}

const t0 = new Date("2026-11-28T10:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe("InboxWorker on the real inbox", () => {
  it("applies each waybill's events in Wakilni time order, whatever order they arrived in", async () => {
    const shop = uniqueShop();
    const late = await storeEvent(shop, wakilniEvent({ topic: "completed", waybill: "A", occurredAt: minutes(30) }), t0);
    const early = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "A", occurredAt: minutes(10) }), t0);
    const other = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "B", occurredAt: minutes(5) }), t0);
    const processor = new RecordingProcessor();
    await worker(processor, { now: minutes(60) }).drain();

    const batchA = processor.batches.find((batch) => batch.key.waybill === "A" && batch.key.shop === shop);
    expect(batchA?.ids).toEqual([early.id, late.id]);
    expect(processor.batches.some((batch) => batch.ids.includes(other.id))).toBe(true);
    const states = await prisma.inboxEvent.findMany({ where: { shop }, select: { state: true, attempts: true, finishedAt: true } });
    expect(states.every((row) => row.state === "applied" && row.attempts === 1 && row.finishedAt)).toBe(true);
    const transitions = await prisma.inboxEventTransition.findMany({ where: { inboxEventId: early.id }, orderBy: { id: "asc" } });
    expect(transitions.map((transition) => transition.state)).toEqual(["received", "processing", "applied"]);
    expect(await prisma.waybillLease.count({ where: { shop } })).toBe(0);
  });

  it("retries transient failures with backoff, marks the event dead after the last attempt and tells the processor", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "processed", waybill: "T", occurredAt: t0 }), t0);
    const clock = { now: minutes(1) };
    const processor = new RecordingProcessor(() => "transient");
    const instance = worker(processor, clock);

    await instance.drain();
    let row = await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({ state: "received", attempts: 1, lastError: "transient failure" });
    expect(row.nextAttemptAt.getTime() - clock.now.getTime()).toBe(500); // full jitter, random 0.5 of 1 s

    await instance.drain(); // not due yet: nothing happens
    expect(processor.batches.filter((batch) => batch.key.shop === shop)).toHaveLength(1);

    for (const _ of [2, 3]) {
      expect(processor.gaveUpOn).toEqual([]);
      clock.now = new Date(clock.now.getTime() + 60_000);
      await instance.drain();
    }
    row = await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({ state: "dead", attempts: 3, lastError: "transient failure" });
    expect(processor.gaveUpOn).toEqual([[event.id]]);
    const states = (await prisma.inboxEventTransition.findMany({ where: { inboxEventId: event.id }, orderBy: { id: "asc" } })).map(
      (t) => t.state,
    );
    expect(states).toEqual(["received", "processing", "received", "processing", "received", "processing", "dead"]);
  });

  it("gives a dead event a fresh attempt budget when the merchant retries it", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "processed", waybill: "R", occurredAt: t0 }), t0);
    const clock = { now: minutes(1) };
    const instance = worker(new RecordingProcessor(() => "transient"), clock);
    for (const _ of [1, 2, 3]) {
      await instance.drain();
      clock.now = new Date(clock.now.getTime() + 60_000);
    }
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ state: "dead", attempts: 3 });

    expect(await retryInboxEvent(shop, event.id, clock.now)).toEqual({ ok: true });
    await instance.drain();
    // One more transient failure is retried again, not the end of the event.
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ state: "received", attempts: 1 });
  });

  it("records permanent failures once and does not retry them", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "processed", waybill: "P", occurredAt: t0 }), t0);
    const processor = new RecordingProcessor(() => "permanent");
    const instance = worker(processor, { now: minutes(1) });
    await instance.drain();
    await instance.drain();
    expect(processor.batches.filter((batch) => batch.key.shop === shop)).toHaveLength(1);
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      state: "failed",
      lastError: "permanent failure",
    });
  });

  it("parks events whose order is missing and keeps the first parking time", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "created", waybill: "NOPE", occurredAt: t0 }), t0);
    const clock = { now: minutes(1) };
    const instance = worker(new RecordingProcessor(() => "parked"), clock);
    await instance.drain();
    const first = await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(first).toMatchObject({ state: "parked", lastError: "order not found" });
    expect(first.parkedSince).toEqual(clock.now);
    clock.now = new Date(first.nextAttemptAt.getTime() + 1);
    await instance.drain();
    const second = await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(second.parkedSince).toEqual(first.parkedSince);
    expect(second.attempts).toBe(2);
  });

  it("never lets two workers hold the same waybill, and takes over an expired lease", async () => {
    const shop = uniqueShop();
    const key = { shop, waybill: "L" };
    const now = minutes(0);
    expect(await prismaInboxStore.claim(key, "worker-1", now, 30_000)).toBe(true);
    expect(await prismaInboxStore.claim(key, "worker-2", now, 30_000)).toBe(false);
    expect(await prismaInboxStore.claim(key, "worker-2", minutes(1), 30_000)).toBe(true);
    // The first worker lost its lease: its results are not recorded.
    expect(await prismaInboxStore.finish(key, "worker-1", [], minutes(1))).toBe(false);
    expect(await prismaInboxStore.finish(key, "worker-2", [], minutes(1))).toBe(true);
  });

  it("takes a refused batch apart: the event at fault fails at once, the waybill's other events are applied", async () => {
    const shop = uniqueShop();
    const assigned = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "X", occurredAt: minutes(10) }), t0);
    const poison = await storeEvent(shop, wakilniEvent({ topic: "processed", waybill: "X", occurredAt: minutes(20) }), t0);
    const completed = await storeEvent(shop, wakilniEvent({ topic: "completed", waybill: "X", occurredAt: minutes(30) }), t0);
    const seen: { ids: number[]; previouslyAttempted: boolean[] }[] = [];
    // Stands in for the sync engine whose database refuses the poisoned event's text, whatever batch it is in.
    const processor: WaybillProcessor = {
      async process(key, events) {
        if (key.shop !== shop) return events.map((event) => ({ id: event.id, kind: "applied", detail: "another test's" }));
        seen.push({ ids: events.map((event) => event.id), previouslyAttempted: events.map((event) => event.previouslyAttempted) });
        if (events.some((event) => event.id === poison.id)) throw new BatchRefusedError("the database refused the event's data");
        return events.map((event) => ({ id: event.id, kind: "applied", detail: "ok" }));
      },
    };
    await worker(processor, { now: minutes(60) }).drain();

    expect(seen).toEqual([
      { ids: [assigned.id, poison.id, completed.id], previouslyAttempted: [false, false, false] },
      { ids: [assigned.id], previouslyAttempted: [true] },
      { ids: [poison.id], previouslyAttempted: [true] },
      { ids: [completed.id], previouslyAttempted: [true] },
    ]);
    const rows = await prisma.inboxEvent.findMany({ where: { shop }, orderBy: { occurredAt: "asc" } });
    expect(rows.map((row) => [row.state, row.attempts, row.lastError])).toEqual([
      ["applied", 1, null],
      ["failed", 1, "the database refused the event's data"],
      ["applied", 1, null],
    ]);
  });

  it("fails a refused batch of one event at once, without spending its retries", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "Y", occurredAt: t0 }), t0);
    let calls = 0;
    const processor: WaybillProcessor = {
      async process() {
        calls += 1;
        throw new BatchRefusedError("refused");
      },
    };
    await worker(processor, { now: minutes(1) }).drain();
    expect(calls).toBe(1);
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ state: "failed", attempts: 1 });
  });

  it("holds the waybill's later events back behind a transient failure while taking a refused batch apart", async () => {
    const shop = uniqueShop();
    const first = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "Z", occurredAt: minutes(10) }), t0);
    const poison = await storeEvent(shop, wakilniEvent({ topic: "processed", waybill: "Z", occurredAt: minutes(20) }), t0);
    const later = await storeEvent(shop, wakilniEvent({ topic: "completed", waybill: "Z", occurredAt: minutes(30) }), t0);
    const processor: WaybillProcessor = {
      async process(_key, events) {
        if (events.length > 1) throw new BatchRefusedError("refused");
        if (events[0].id === first.id) throw new Error("Shopify is down");
        return [{ id: events[0].id, kind: "applied", detail: "ok" }];
      },
    };
    await worker(processor, { now: minutes(60) }).drain();
    const states = await prisma.inboxEvent.findMany({ where: { shop }, orderBy: { occurredAt: "asc" }, select: { id: true, state: true } });
    expect(states).toEqual([
      { id: first.id, state: "received" },
      { id: poison.id, state: "received" },
      { id: later.id, state: "received" },
    ]);
  });

  it("says in message keys why it did not apply an event: a failure, a refusal with its reason, an earlier event waited for", async () => {
    const shop = uniqueShop();
    const first = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "M", occurredAt: minutes(10) }), t0);
    const second = await storeEvent(shop, wakilniEvent({ topic: "processed", waybill: "M", occurredAt: minutes(20) }), t0);
    const refusedAlone = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "N", occurredAt: minutes(10) }), t0);
    const failing = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "O", occurredAt: minutes(10) }), t0);
    const refusal = timelineMessage("shopifyRefused", { error: "Fulfillment order 7 has an unfulfillable status= on_hold." });
    const unmatched = timelineMessage("unmatchedOrder", { waybill: "M" });
    const processor: WaybillProcessor = {
      async process(key, events) {
        if (key.waybill === "N") throw new BatchRefusedError("Fulfillment order 7 has an unfulfillable status= on_hold.", refusal);
        if (key.waybill === "O") throw new Error("socket hang up");
        if (events.length > 1) throw new BatchRefusedError("refused");
        return [{ id: events[0].id, kind: "parked", reason: "no order", message: unmatched }];
      },
    };
    await worker(processor, { now: minutes(60) }).drain();
    const said = async (id: number) => {
      const row = await prisma.inboxEvent.findUniqueOrThrow({
        where: { id },
        include: { transitions: { orderBy: { id: "desc" }, take: 1 } },
      });
      return [row.state, row.lastErrorKey, row.lastErrorValues, row.transitions[0].messageKey, row.transitions[0].messageValues];
    };
    const json = (message: { values: object }) => JSON.stringify(message.values);
    expect(await said(first.id)).toEqual(["parked", "unmatchedOrder", json(unmatched), "unmatchedOrder", json(unmatched)]);
    expect(await said(second.id)).toEqual(["received", "waitingForEarlierEvent", "{}", "waitingForEarlierEvent", "{}"]);
    expect(await said(refusedAlone.id)).toEqual(["failed", "shopifyRefused", json(refusal), "shopifyRefused", json(refusal)]);
    const failure = JSON.stringify({ error: "socket hang up" });
    expect(await said(failing.id)).toEqual(["received", "temporaryFailure", failure, "temporaryFailure", failure]);
  });
});
