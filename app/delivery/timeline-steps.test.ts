import { describe, expect, it } from "vitest";
import { buildTimeline, parseMessageValues, type StoredInboxEvent, type StoredTimelineEntry } from "./timeline-steps";

const T = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));

let nextEntryId = 1;
function entry(fields: Partial<StoredTimelineEntry> & Pick<StoredTimelineEntry, "outcome" | "recordedAt">): StoredTimelineEntry {
  return {
    id: nextEntryId++,
    inboxEventId: null,
    topic: null,
    messageKey: null,
    messageValues: null,
    message: null,
    occurredAt: null,
    undoneAt: null,
    ...fields,
  };
}

function event(id: number, topic: string, occurredAt: Date, fields: Partial<StoredInboxEvent> = {}): StoredInboxEvent {
  return {
    id,
    topic,
    topicName: topic,
    occurredAt,
    receivedAt: occurredAt,
    state: "applied",
    attempts: 1,
    receiptCount: 1,
    lastError: null,
    lastErrorKey: null,
    lastErrorValues: null,
    ...fields,
  };
}

function applied(inboxEventId: number, topic: string, occurredAt: Date, recordedAt: Date, extra: Partial<StoredTimelineEntry> = {}) {
  return entry({
    inboxEventId,
    topic,
    occurredAt,
    recordedAt,
    outcome: "applied",
    messageKey: "applied",
    messageValues: JSON.stringify({ status: topic }),
    ...extra,
  });
}

describe("buildTimeline", () => {
  it("makes one step per Wakilni event, newest Wakilni time first, with what the app did folded inside", () => {
    const steps = buildTimeline(
      [applied(1, "created", T(0), T(1)), applied(2, "assigned", T(5), T(6))],
      [event(1, "created", T(0)), event(2, "assigned", T(5))],
    );
    expect(steps.map((step) => step.id)).toEqual(["event-2", "event-1"]);
    expect(steps[0]).toMatchObject({
      kind: "event",
      inboxEventId: 2,
      topic: "assigned",
      occurredAt: T(5).toISOString(),
      outcome: "applied",
      undone: false,
      message: { key: "applied", values: { status: "assigned" } },
      inbox: { state: "applied", attempts: 1, receiptCount: 1 },
    });
    expect(steps[0].actions).toHaveLength(1);
  });

  it("orders by Wakilni's time, not by arrival or processing: a late-arriving older event sits below, skipped as stale", () => {
    const steps = buildTimeline(
      [
        applied(1, "assigned", T(5), T(6)),
        entry({
          inboxEventId: 2,
          topic: "confirmed",
          occurredAt: T(3),
          recordedAt: T(20),
          outcome: "stale",
          messageKey: "stale",
          messageValues: JSON.stringify({ lastAppliedAt: T(5).toISOString() }),
        }),
      ],
      [event(1, "assigned", T(5)), event(2, "confirmed", T(3), { receivedAt: T(19) })],
    );
    expect(steps.map((step) => [step.topic, step.outcome])).toEqual([
      ["assigned", "applied"],
      ["confirmed", "stale"],
    ]);
  });

  it("keeps the inbox's order for events Wakilni dated alike", () => {
    const steps = buildTimeline([], [event(7, "processed", T(5)), event(9, "completed", T(5)), event(8, "picked_up", T(5))]);
    expect(steps.map((step) => step.inboxEventId)).toEqual([9, 8, 7]);
  });

  it("folds retries into one step: failures then the success, the success deciding", () => {
    const steps = buildTimeline(
      [
        entry({
          inboxEventId: 1,
          topic: "assigned",
          occurredAt: T(0),
          recordedAt: T(1),
          outcome: "failed",
          messageKey: "shopifyRefused",
          messageValues: '{"error":"boom"}',
        }),
        applied(1, "assigned", T(0), T(4)),
      ],
      [event(1, "assigned", T(0), { attempts: 2 })],
    );
    expect(steps).toHaveLength(1);
    expect(steps[0].outcome).toBe("applied");
    expect(steps[0].actions.map((action) => action.outcome)).toEqual(["failed", "applied"]);
  });

  it("shows a duplicate status (two events of one topic) as two steps, each with its own outcome", () => {
    const steps = buildTimeline(
      [
        applied(1, "assigned", T(0), T(1)),
        entry({
          inboxEventId: 2,
          topic: "assigned",
          occurredAt: T(0),
          recordedAt: T(2),
          outcome: "stale",
          messageKey: "stale",
          messageValues: "{}",
        }),
      ],
      [event(1, "assigned", T(0)), event(2, "assigned", T(0), { receiptCount: 3 })],
    );
    expect(steps.map((step) => [step.inboxEventId, step.outcome, step.inbox?.receiptCount])).toEqual([
      [2, "stale", 3],
      [1, "applied", 1],
    ]);
  });

  it("shows a step an unlink took back as undone, not as applied; a later link's application stands", () => {
    const undoneAt = T(10);
    const unlinked = buildTimeline(
      [
        applied(1, "assigned", T(0), T(1), { undoneAt }),
        entry({
          recordedAt: undoneAt,
          outcome: "note",
          messageKey: "unlinkedFromOrder",
          messageValues: JSON.stringify({ order: "#1001", undone: ["tags"] }),
        }),
      ],
      [event(1, "assigned", T(0), { state: "parked" })],
    );
    expect(unlinked.map((step) => [step.kind, step.outcome, step.undone])).toEqual([
      ["note", "note", false],
      ["event", "applied", true],
    ]);

    const relinked = buildTimeline(
      [applied(1, "assigned", T(0), T(1), { undoneAt }), applied(1, "assigned", T(0), T(12))],
      [event(1, "assigned", T(0))],
    );
    expect(relinked[0]).toMatchObject({ outcome: "applied", undone: false });
    expect(relinked[0].actions.map((action) => action.undoneAt)).toEqual([undoneAt.toISOString(), null]);
  });

  it("makes the app's notes without an event their own steps at the time they were recorded", () => {
    const steps = buildTimeline(
      [
        applied(1, "created", T(0), T(30)),
        entry({ recordedAt: T(29), outcome: "note", messageKey: "linkedToOrder", messageValues: '{"order":"#1001"}' }),
      ],
      [event(1, "created", T(0), { receivedAt: T(1) })],
    );
    expect(steps.map((step) => [step.kind, step.at])).toEqual([
      ["note", T(29).toISOString()],
      ["event", T(0).toISOString()],
    ]);
    expect(steps[0]).toMatchObject({
      topic: null,
      occurredAt: null,
      message: { key: "linkedToOrder", values: { order: "#1001" } },
      inbox: null,
    });
  });

  it("folds the engine's notes about an event into its step without letting them decide its outcome", () => {
    const steps = buildTimeline(
      [
        applied(1, "assigned", T(0), T(1)),
        entry({
          inboxEventId: 1,
          topic: "assigned",
          occurredAt: T(0),
          recordedAt: T(1),
          outcome: "note",
          messageKey: "adoptedLatestFulfillment",
          messageValues: "{}",
        }),
      ],
      [event(1, "assigned", T(0))],
    );
    expect(steps).toHaveLength(1);
    expect(steps[0].outcome).toBe("applied");
    expect(steps[0].message).toEqual({ key: "applied", values: { status: "assigned" } });
    expect(steps[0].actions.map((action) => action.outcome)).toEqual(["applied", "note"]);
  });

  it("shows an event the worker has not reached yet as a step without an outcome", () => {
    const [step] = buildTimeline([], [event(3, "processed", T(2), { state: "received", attempts: 0 })]);
    expect(step).toMatchObject({ outcome: null, undone: false, message: null, actions: [], inbox: { state: "received", attempts: 0 } });
  });

  it("shows a parked event as waiting, with why", () => {
    const [step] = buildTimeline(
      [
        entry({
          inboxEventId: 4,
          topic: "created",
          occurredAt: T(0),
          recordedAt: T(1),
          outcome: "parked",
          messageKey: "unmatchedOrder",
          messageValues: '{"waybill":"W-1"}',
        }),
      ],
      [event(4, "created", T(0), { state: "parked" })],
    );
    expect(step).toMatchObject({ outcome: "parked", message: { key: "unmatchedOrder", values: { waybill: "W-1" } } });
  });

  it("keeps entries of an event the inbox no longer holds, dated by the entry", () => {
    const [step] = buildTimeline([applied(11, "completed", T(7), T(8))], []);
    expect(step).toMatchObject({
      id: "event-11",
      topic: "completed",
      occurredAt: T(7).toISOString(),
      at: T(7).toISOString(),
      outcome: "applied",
      inbox: null,
    });
  });

  it("shows a row stored before message keys with its English sentence", () => {
    const [step] = buildTimeline([entry({ recordedAt: T(0), outcome: "note", message: "Applied: Assigned" })], []);
    expect(step.message).toEqual({ text: "Applied: Assigned" });
  });

  it("names an unknown topic as Wakilni sent it", () => {
    const [step] = buildTimeline([], [event(1, "x", T(0), { topic: null, topicName: "Order Teleported", state: "unsupported" })]);
    expect(step.topic).toBe("Order Teleported");
  });

  it("returns an empty timeline for nothing", () => {
    expect(buildTimeline([], [])).toEqual([]);
  });
});

describe("parseMessageValues", () => {
  it("keeps strings and string lists, drops anything else, and survives damaged JSON", () => {
    expect(parseMessageValues('{"a":"1","b":["x","y"],"c":3,"d":[1],"e":null}')).toEqual({ a: "1", b: ["x", "y"] });
    expect(parseMessageValues("not json")).toEqual({});
    expect(parseMessageValues("[1]")).toEqual({});
    expect(parseMessageValues(null)).toEqual({});
  });
});
