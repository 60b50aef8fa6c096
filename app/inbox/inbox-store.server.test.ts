// The inbox store's state changes on the real database (SQLite or PostgreSQL, as the run is
// configured): each one changes only events in the state it changes from, and records a
// transition for exactly the events it changed.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";
import { timelineMessage } from "../delivery/timeline-messages";
import { INBOX_STATES, type InboxState } from "./inbox-states";
import { listShopEvents, prismaInboxStore, requeueForRetry, requeueParkedEvents, shopOfEvent } from "./inbox-store.server";

const t0 = new Date("2026-11-28T10:00:00Z");
const now = new Date("2026-11-29T10:00:00Z");
const later = new Date("2026-12-31T00:00:00Z");
const linked = timelineMessage("linkedToOrder", { order: "#1001" });
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

/** A stored event put in `state` as the worker would have left it. */
async function eventIn(shop: string, state: InboxState, waybill = "W1", minute = 0) {
  const stored = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill, occurredAt: minutes(minute) }), minutes(minute));
  return prisma.inboxEvent.update({
    where: { id: stored.id },
    data: {
      state,
      attempts: 7,
      lastError: "order not found",
      nextAttemptAt: later,
      leaseOwner: state === "processing" ? "worker-x" : null,
    },
  });
}

const snapshot = (id: number) =>
  prisma.inboxEvent.findUniqueOrThrow({ where: { id }, include: { transitions: { orderBy: { id: "asc" } } } });

describe("requeueParkedEvents", () => {
  it("queues again, due now and with a fresh attempt budget, only the waybill's parked events", async () => {
    const shop = uniqueShop();
    const byState = new Map<InboxState, number>();
    for (const [minute, state] of INBOX_STATES.entries()) byState.set(state, (await eventIn(shop, state, "W1", minute)).id);
    const otherWaybill = await eventIn(shop, "parked", "W2");
    const otherShop = await eventIn(uniqueShop("other"), "parked", "W1");
    const untouched = await Promise.all([...byState.entries()].filter(([state]) => state !== "parked").map(([, id]) => snapshot(id)));
    const others = await Promise.all([snapshot(otherWaybill.id), snapshot(otherShop.id)]);

    expect(await requeueParkedEvents(shop, "W1", now, linked)).toBe(1);

    const parked = await snapshot(byState.get("parked")!);
    expect(parked).toMatchObject({ state: "received", nextAttemptAt: now, attempts: 0, requeuedAt: now, lastError: "order not found" });
    expect(parked.transitions.at(-1)).toMatchObject({
      state: "received",
      at: now,
      detail: "Linked to order #1001; its waiting Wakilni events are applied again",
      messageKey: "linkedToOrder",
      messageValues: JSON.stringify({ order: "#1001" }),
    });
    for (const before of [...untouched, ...others]) expect(await snapshot(before.id)).toEqual(before);
  });

  it("changes nothing and counts nothing when no event is parked", async () => {
    const shop = uniqueShop();
    const processing = await eventIn(shop, "processing");
    const before = await snapshot(processing.id);
    expect(await requeueParkedEvents(shop, "W1", now, linked)).toBe(0);
    expect(await snapshot(processing.id)).toEqual(before);
  });
});

describe("requeueForRetry", () => {
  it("changes only a retryable event of the shop, and answers why not otherwise", async () => {
    const shop = uniqueShop();
    for (const state of INBOX_STATES) {
      const event = await eventIn(shop, state);
      const before = await snapshot(event.id);
      const result = await requeueForRetry(shop, event.id, now);
      if (["parked", "failed", "dead"].includes(state)) {
        expect(result, state).toEqual({ ok: true });
        expect(await snapshot(event.id)).toMatchObject({
          state: "received",
          attempts: 0,
          requeuedAt: now,
          nextAttemptAt: now,
          lastError: "order not found",
        });
      } else {
        expect(result, state).toEqual({ ok: false, reason: "not_retryable" });
        expect(await snapshot(event.id)).toEqual(before);
      }
    }
    const foreign = await eventIn(uniqueShop("other"), "dead");
    expect(await requeueForRetry(shop, foreign.id, now)).toEqual({ ok: false, reason: "not_found" });
    expect((await snapshot(foreign.id)).state).toBe("dead");
  });
});

describe("the worker's store", () => {
  const claimAndStart = async (shop: string, owner: string, at: Date) => {
    const key = { shop, waybill: "W1" };
    expect(await prismaInboxStore.claim(key, owner, at, 60_000)).toBe(true);
    return { key, batch: await prismaInboxStore.startBatch(key, owner, at, 50) };
  };

  it("knows an event retried by the merchant was attempted before, though its attempt count starts again", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "W1", occurredAt: t0 }), t0);
    const first = await claimAndStart(shop, "worker-1", t0);
    expect(first.batch.map((pending) => [pending.id, pending.previouslyAttempted])).toEqual([[event.id, false]]);
    await prismaInboxStore.finish(first.key, "worker-1", [{ id: event.id, state: "dead", error: "Shopify timed out" }], t0);
    await prismaInboxStore.release(first.key, "worker-1");

    expect(await requeueForRetry(shop, event.id, now)).toEqual({ ok: true });
    const second = await claimAndStart(shop, "worker-2", now);
    expect(second.batch).toEqual([expect.objectContaining({ id: event.id, attempts: 0, previouslyAttempted: true })]);
  });

  it("records a result only for an event still processing under the worker", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "W1", occurredAt: t0 }), t0);
    const { key } = await claimAndStart(shop, "worker-1", t0);
    // Another writer moved the event on meanwhile; the worker's lease is still valid.
    await prisma.inboxEvent.update({ where: { id: event.id }, data: { state: "applied", leaseOwner: null } });
    const before = await snapshot(event.id);

    expect(await prismaInboxStore.finish(key, "worker-1", [{ id: event.id, state: "failed", error: "late answer" }], t0)).toBe(true);

    expect(await snapshot(event.id)).toEqual(before);
  });
});

describe("queries", () => {
  it("list a shop's events newest first, by state and by page", async () => {
    const shop = uniqueShop();
    const parked = await eventIn(shop, "parked", "W1", 1);
    const dead = await eventIn(shop, "dead", "W2", 2);
    const applied = await eventIn(shop, "applied", "W3", 3);
    await eventIn(uniqueShop("other"), "dead", "W2", 4);

    expect((await listShopEvents(shop, { take: 10 })).map((event) => event.id)).toEqual([applied.id, dead.id, parked.id]);
    expect((await listShopEvents(shop, { state: "dead", take: 10 })).map((event) => event.id)).toEqual([dead.id]);
    expect((await listShopEvents(shop, { skip: 1, take: 1 })).map((event) => event.id)).toEqual([dead.id]);
  });

  it("name the shop of an event, so the operator needs only its id", async () => {
    const shop = uniqueShop();
    const event = await eventIn(shop, "failed");
    expect(await shopOfEvent(event.id)).toBe(shop);
    expect(await shopOfEvent(2_000_000_000)).toBeNull();
    expect(await shopOfEvent(Number.NaN)).toBeNull();
  });
});

describe("what a state change says, for the operator and for the merchant", () => {
  const columnsOf = (transition: { detail: string | null; messageKey: string | null; messageValues: string | null }) => [
    transition.detail,
    transition.messageKey,
    transition.messageValues === null ? null : JSON.parse(transition.messageValues),
  ];

  it("stores each kind of detail as English text and as a message key with its values", async () => {
    const shop = uniqueShop();
    // Receipt of a topic the app does not know.
    const known = wakilniEvent({ topic: "assigned", waybill: "W0", occurredAt: t0 });
    const unknown = await storeEvent(shop, { ...known, topic: null, topicName: "teleported" }, t0);
    expect(columnsOf((await snapshot(unknown.id)).transitions[0])).toEqual([
      'unknown topic "teleported"',
      "unsupported",
      { topicName: "teleported" },
    ]);

    // A worker's lease that ran out: the next worker says it picked the event up again.
    const event = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "W1", occurredAt: t0 }), t0);
    const key = { shop, waybill: "W1" };
    await prismaInboxStore.claim(key, "worker-1", t0, 60_000);
    await prismaInboxStore.startBatch(key, "worker-1", t0, 50);
    await prismaInboxStore.claim(key, "worker-2", now, 60_000);
    await prismaInboxStore.startBatch(key, "worker-2", now, 50);
    expect(columnsOf((await snapshot(event.id)).transitions.at(-1)!)).toEqual([
      "picked up again after an expired lease",
      "leaseExpired",
      {},
    ]);

    // The worker's result: the transition and the event's last error both carry the message.
    const refused = timelineMessage("shopifyRefused", { error: "Fulfillment order is closed" });
    await prismaInboxStore.finish(
      key,
      "worker-2",
      [{ id: event.id, state: "failed", error: "Fulfillment order is closed", message: refused }],
      now,
    );
    const failed = await snapshot(event.id);
    expect(columnsOf(failed.transitions.at(-1)!)).toEqual(["Fulfillment order is closed", "shopifyRefused", refused.values]);
    expect([failed.lastError, failed.lastErrorKey, failed.lastErrorValues]).toEqual([
      "Fulfillment order is closed",
      "shopifyRefused",
      JSON.stringify(refused.values),
    ]);

    // The merchant's retry: said in their words; the last error stays until the next attempt.
    expect(await requeueForRetry(shop, event.id, later)).toEqual({ ok: true });
    const retried = await snapshot(event.id);
    expect(columnsOf(retried.transitions.at(-1)!)).toEqual(["manual retry (last error: Fulfillment order is closed)", "manualRetry", {}]);
    expect(retried.lastErrorKey).toBe("shopifyRefused");

    // Applied clears the last error, message and all.
    await prismaInboxStore.release(key, "worker-2");
    await prismaInboxStore.claim(key, "worker-3", later, 60_000);
    await prismaInboxStore.startBatch(key, "worker-3", later, 50);
    const applied = timelineMessage("applied", { status: "assigned" });
    await prismaInboxStore.finish(
      key,
      "worker-3",
      [{ id: event.id, state: "applied", detail: "Applied: Assigned", message: applied }],
      later,
    );
    const done = await snapshot(event.id);
    expect(columnsOf(done.transitions.at(-1)!)).toEqual(["Applied: Assigned", "applied", { status: "assigned" }]);
    expect([done.lastError, done.lastErrorKey, done.lastErrorValues]).toEqual([null, null, null]);
  });

  it("leaves the message empty when a result has none (the pages then show the English text)", async () => {
    const shop = uniqueShop();
    const event = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "W1", occurredAt: t0 }), t0);
    const key = { shop, waybill: "W1" };
    await prismaInboxStore.claim(key, "worker-1", t0, 60_000);
    await prismaInboxStore.startBatch(key, "worker-1", t0, 50);
    await prismaInboxStore.finish(key, "worker-1", [{ id: event.id, state: "dead", error: "socket hang up" }], t0);
    const dead = await snapshot(event.id);
    expect(columnsOf(dead.transitions.at(-1)!)).toEqual(["socket hang up", null, null]);
    expect([dead.lastError, dead.lastErrorKey]).toEqual(["socket hang up", null]);
  });
});
