import { describe, expect, it } from "vitest";
import type { WakilniEvent } from "../wakilni/event";
import { parseWakilniEvent } from "../wakilni/payload";
import { STORED_EVENT_SELECT, storedEventColumns, wakilniEventFromColumns } from "./stored-event";

const AT = new Date("2026-11-28T09:30:00Z");
const BASE: WakilniEvent = {
  eventId: "e-1",
  topic: "assigned",
  topicName: "Order Assigned",
  wakilniOrderId: "5001",
  waybill: "#1001",
  occurredAtText: "2026-11-28 11:30:00",
  occurredAt: AT,
  timestampText: "2026-11-28 11:30:05",
  newStatus: { code: 3, name: "Assigned" },
  previousStatus: { code: null, name: "Confirmed" },
  driver: { name: "Ali", phone: "+961 3 123456" },
  pickupLocation: { officeName: "Wakilni Hamra", phone: "+961 1 111111" },
};

describe("stored event columns", () => {
  it.each<[string, Partial<WakilniEvent>]>([
    ["every field", {}],
    ["nothing optional", { newStatus: null, previousStatus: null, driver: null, pickupLocation: null }],
    ["a driver with a phone only", { driver: { name: null, phone: "+961 3 123456" } }],
    [
      "a driver with a name only, an office without a phone",
      { driver: { name: "Ali", phone: null }, pickupLocation: { officeName: "Hamra", phone: null } },
    ],
    ["a status with a code only", { newStatus: { code: 7, name: null } }],
    ["a topic this app does not know", { topic: null, topicName: "Order Returned To Sender" }],
  ])("give back the event as stored: %s", (_, overrides) => {
    const event = { ...BASE, ...overrides };
    expect(wakilniEventFromColumns(storedEventColumns(event))).toEqual(event);
  });

  it("give back what the webhook parsed from a real body", () => {
    const body = JSON.stringify({
      event_id: "e-2",
      event: "Order Ready for Self-Pickup",
      timestamp: "2026-11-28 11:30:05",
      data: {
        order_id: 77,
        waybill: "#1002",
        updated_at: "2026-11-28 11:30:00",
        driver_name: " Ali ",
        location: ["Hamra", "+961 1 111111"],
      },
    });
    const parsed = parseWakilniEvent(body, { topicHeader: null, timeZone: "Asia/Beirut" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));
    expect(wakilniEventFromColumns(storedEventColumns(parsed.event))).toEqual(parsed.event);
  });

  it("read an office sent empty as no office, which the planner treats alike", () => {
    const stored = storedEventColumns({ ...BASE, pickupLocation: { officeName: null, phone: null } });
    expect(wakilniEventFromColumns(stored).pickupLocation).toBeNull();
  });

  it("read a row stored before the driver and pickup columns existed as an event without them", () => {
    const old = { ...storedEventColumns(BASE), driverName: null, driverPhone: null, pickupOfficeName: null, pickupPhone: null };
    expect(wakilniEventFromColumns(old)).toEqual({ ...BASE, driver: null, pickupLocation: null });
  });

  it("read a topic code a later version no longer knows as unsupported", () => {
    expect(wakilniEventFromColumns({ ...storedEventColumns(BASE), topic: "returned" }).topic).toBeNull();
  });

  it("select exactly the columns the event is read from", () => {
    expect(Object.keys(STORED_EVENT_SELECT).sort()).toEqual(Object.keys(storedEventColumns(BASE)).sort());
  });
});
