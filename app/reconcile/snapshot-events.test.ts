import { describe, expect, it } from "vitest";
import type { WakilniOrderSnapshot, WakilniStatusChange } from "../wakilni/api/wakilni-api";
import { parseWakilniLocalTime } from "../wakilni/local-time";
import { topicFromName } from "../wakilni/topics";
import { missingEvents, reconciledEventId, reconciledRawBody, snapshotChanges, RECONCILED_EVENT_ID_PREFIX } from "./snapshot-events";

const ZONE = "Asia/Beirut";
const options = { timeZone: ZONE, topicOf: topicFromName };

function change(statusName: string, occurredAtText: string, statusCode: number | null = null): WakilniStatusChange {
  return { statusName, statusCode, occurredAtText, driver: null };
}

function snapshot(history: WakilniStatusChange[], current = history[history.length - 1]): WakilniOrderSnapshot {
  return { wakilniOrderId: "771", waybill: "#1001", trackingUrl: null, current, history };
}

const at = (text: string) => parseWakilniLocalTime(text, ZONE)!;

describe("missingEvents", () => {
  const journey = [
    change("Order Created", "2026-11-30 09:00:00", 1),
    change("Order Assigned", "2026-11-30 10:00:00", 2),
    change("Order Processed", "2026-11-30 11:00:00", 3),
    change("Order Completed", "2026-11-30 12:00:00", 4),
  ];

  it("returns the changes the inbox lacks, oldest first, as events of the snapshot's order", () => {
    const known = [
      { topic: "created", occurredAt: at("2026-11-30 09:00:00") },
      { topic: "processed", occurredAt: at("2026-11-30 11:00:00") },
    ];
    const result = missingEvents(snapshot(journey), known, options);
    expect(result.known).toBe(2);
    expect(result.skipped).toEqual([]);
    expect(result.events.map((event) => [event.topic, event.occurredAtText])).toEqual([
      ["assigned", "2026-11-30 10:00:00"],
      ["completed", "2026-11-30 12:00:00"],
    ]);
    const [assigned] = result.events;
    expect(assigned).toMatchObject({
      topicName: "Order Assigned",
      wakilniOrderId: "771",
      waybill: "#1001",
      occurredAt: at("2026-11-30 10:00:00"),
      newStatus: { code: 2, name: "Order Assigned" },
      previousStatus: { code: 1, name: "Order Created" },
      pickupLocation: null,
    });
    expect(assigned.eventId).toBe(reconciledEventId("#1001", "assigned", at("2026-11-30 10:00:00")));
  });

  it("finds nothing when every change is known, and the same change at another time is not the same change", () => {
    const known = journey.map((entry) => ({ topic: topicFromName(entry.statusName), occurredAt: at(entry.occurredAtText) }));
    expect(missingEvents(snapshot(journey), known, options).events).toEqual([]);
    const failedAgain = [change("Order Failed", "2026-11-30 10:00:00"), change("Order Failed", "2026-11-30 15:00:00")];
    const result = missingEvents(snapshot(failedAgain), [{ topic: "failed", occurredAt: at("2026-11-30 10:00:00") }], options);
    expect(result.events.map((event) => event.occurredAtText)).toEqual(["2026-11-30 15:00:00"]);
  });

  it("takes the current status when the history does not end with it, and counts it once when it does", () => {
    const current = change("Order Completed", "2026-11-30 12:00:00");
    expect(snapshotChanges(snapshot(journey.slice(0, 3), current))).toHaveLength(4);
    expect(snapshotChanges(snapshot(journey))).toHaveLength(4);
  });

  it("skips and reports a status no topic answers to and a time that is not one, and never guesses", () => {
    const odd = [change("Teleported", "2026-11-30 09:00:00", 99), change("Order Completed", "yesterday"), journey[0]];
    const result = missingEvents(snapshot(odd), [], options);
    expect(result.skipped.map((skip) => skip.reason)).toEqual(["unknown_status", "unreadable_time"]);
    expect(result.events.map((event) => event.topic)).toEqual(["created"]);
  });

  it("keeps the driver an assignment names, and a repeated change in one snapshot once", () => {
    const assigned = { ...change("Order Assigned", "2026-11-30 10:00:00"), driver: { name: "Ali Haddad", phone: "+961 3 123456" } };
    const result = missingEvents(snapshot([assigned, assigned], assigned), [], options);
    expect(result.events).toHaveLength(1);
    expect(result.events[0].driver).toEqual({ name: "Ali Haddad", phone: "+961 3 123456" });
  });
});

describe("reconciled event ids and bodies", () => {
  it("are the same for the same change and differ for another", () => {
    const id = reconciledEventId("#1001", "completed", at("2026-11-30 12:00:00"));
    expect(id.startsWith(RECONCILED_EVENT_ID_PREFIX)).toBe(true);
    expect(reconciledEventId("#1001", "completed", at("2026-11-30 12:00:00"))).toBe(id);
    expect(reconciledEventId("#1002", "completed", at("2026-11-30 12:00:00"))).not.toBe(id);
    expect(reconciledEventId("#1001", "failed", at("2026-11-30 12:00:00"))).not.toBe(id);
    expect(reconciledEventId("#1001", "completed", at("2026-11-30 12:00:01"))).not.toBe(id);
  });

  it("a body says where the change came from and is the same on every fetch", () => {
    const snap = snapshot([change("Order Completed", "2026-11-30 12:00:00", 4)]);
    const [event] = missingEvents(snap, [], options).events;
    const body = reconciledRawBody(snap, event);
    expect(JSON.parse(body)).toMatchObject({ origin: "reconciliation", waybill: "#1001", status: "Order Completed", status_code: 4 });
    expect(reconciledRawBody(snap, missingEvents(snap, [], options).events[0])).toBe(body);
  });
});
