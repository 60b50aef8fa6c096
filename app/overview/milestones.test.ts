import { describe, expect, it } from "vitest";
import { nextMilestones, timeToDeliverRows } from "./milestones";

const NONE = { createdEventAt: null, assignedEventAt: null, deliveredEventAt: null };
const at = (iso: string) => new Date(iso);

describe("delivery milestones", () => {
  it("keeps the earliest time of each milestone and the spans to the delivery", () => {
    const first = nextMilestones(NONE, [
      { topic: "completed", occurredAt: at("2026-11-30T21:30:00Z") },
      { topic: "assigned", occurredAt: at("2026-11-30T12:00:00Z") },
      { topic: "processed", occurredAt: at("2026-11-30T15:00:00Z") },
    ]);
    expect(first).toEqual({
      createdEventAt: null,
      assignedEventAt: at("2026-11-30T12:00:00Z"),
      deliveredEventAt: at("2026-11-30T21:30:00Z"),
      secondsFromCreated: null,
      secondsFromAssigned: 9.5 * 3600,
    });
    // Created arrives late; a second Delivered and a repeated Assigned move nothing.
    expect(
      nextMilestones(first!, [
        { topic: "created", occurredAt: at("2026-11-30T10:00:00Z") },
        { topic: "completed", occurredAt: at("2026-12-01T08:00:00Z") },
      ]),
    ).toMatchObject({ createdEventAt: at("2026-11-30T10:00:00Z"), secondsFromCreated: 11.5 * 3600, secondsFromAssigned: 9.5 * 3600 });
    expect(
      nextMilestones(first!, [
        { topic: "assigned", occurredAt: at("2026-11-30T13:00:00Z") },
        { topic: null, occurredAt: null },
      ]),
    ).toBeNull();
  });

  it("leaves out a milestone Wakilni dates after the delivery", () => {
    expect(
      nextMilestones(NONE, [
        { topic: "completed", occurredAt: at("2026-11-30T10:00:00Z") },
        { topic: "created", occurredAt: at("2026-11-30T11:00:00Z") },
      ]),
    ).toMatchObject({ secondsFromCreated: null });
  });

  it("puts a delivered parcel on the shop's day, its spans in whole hours, the longest together", () => {
    const delivered = { deliveredEventAt: at("2026-11-30T22:30:00Z"), secondsFromCreated: 12.5 * 3600, secondsFromAssigned: 400 * 3600 };
    expect(timeToDeliverRows(delivered, "Asia/Beirut")).toEqual([
      { date: "2026-12-01", since: "completed", hour: 0 },
      { date: "2026-12-01", since: "created", hour: 12 },
      { date: "2026-12-01", since: "assigned", hour: 168 },
    ]);
    expect(timeToDeliverRows({ deliveredEventAt: null, secondsFromCreated: null, secondsFromAssigned: null }, "UTC")).toEqual([]);
  });
});
