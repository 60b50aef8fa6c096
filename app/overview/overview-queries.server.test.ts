// Runs on the test database's engine: `TEST_DATABASE=postgres` for PostgreSQL.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { createDelivery } from "../../tests/helpers/deliveries";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import type { WakilniTopic } from "../wakilni/topics";
import { createOverviewQueries } from "./overview-queries.server";
import { lastLocalDays, periodRange } from "./periods";

const queries = createOverviewQueries(prisma, env.DATABASE_ENGINE);
const ZONE = "Asia/Beirut"; // UTC+2 in December
const now = new Date("2026-12-01T10:00:00Z");

async function seedEvents(shop: string, events: [string, WakilniTopic, string][]) {
  for (const [waybill, topic, at] of events) {
    await storeEvent(shop, wakilniEvent({ waybill, topic, occurredAt: new Date(at) }), new Date(at));
  }
}

async function seededShop() {
  const shop = uniqueShop();
  await seedEvents(shop, [
    ["A", "created", "2026-11-29T08:00:00Z"],
    ["A", "assigned", "2026-11-29T10:00:00Z"],
    // 23:30 in Beirut on Nov 30: Nov 30's, though UTC's Nov 30 is nearly over too.
    ["A", "completed", "2026-11-30T21:30:00Z"],
    // Wakilni said it twice: still one parcel.
    ["A", "completed", "2026-11-30T21:45:00Z"],
    ["B", "created", "2026-11-30T10:00:00Z"],
    ["B", "assigned", "2026-11-30T12:00:00Z"],
    // 00:30 in Beirut on Dec 1: Dec 1's, though UTC still says Nov 30.
    ["B", "completed", "2026-11-30T22:30:00Z"],
    ["C", "created", "2026-11-30T09:00:00Z"],
    ["C", "failed", "2026-11-30T15:00:00Z"],
    ["C", "failed", "2026-12-01T08:00:00Z"],
    ["C", "completed_rejected", "2026-12-01T09:00:00Z"],
    ["D", "canceled", "2026-12-01T07:00:00Z"],
    // 23:00 in Beirut on Nov 28: outside the last three days, inside the week.
    ["E", "declined", "2026-11-28T21:00:00Z"],
    // Delivered without a Created event the app knows of: only measured from Assigned.
    ["F", "assigned", "2026-11-27T10:00:00Z"],
    ["F", "completed", "2026-11-27T11:00:00Z"],
    // Outside the week.
    ["G", "completed", "2026-11-20T11:00:00Z"],
  ]);
  await seedEvents(uniqueShop("other"), [["A", "completed", "2026-12-01T09:00:00Z"]]);
  return shop;
}

describe("overview queries", () => {
  it("counts each day's outcomes on the shop's calendar", async () => {
    const shop = await seededShop();
    const days = await queries.outcomesPerDay(shop, lastLocalDays(now, ZONE, 3));
    expect(days).toEqual([
      { date: "2026-11-29", counts: { delivered: 0, failedAttempt: 0, returned: 0, canceled: 0 } },
      { date: "2026-11-30", counts: { delivered: 1, failedAttempt: 1, returned: 0, canceled: 0 } },
      { date: "2026-12-01", counts: { delivered: 1, failedAttempt: 1, returned: 1, canceled: 1 } },
    ]);
  });

  it("counts a period's parcels once each and its failed attempts one by one", async () => {
    const shop = await seededShop();
    const today = periodRange("today", now, ZONE);
    expect(await queries.periodOutcomes(shop, today.from, today.to)).toEqual({ delivered: 1, failedAttempt: 1, returned: 1, canceled: 1 });
    const week = periodRange("7d", now, ZONE);
    expect(await queries.periodOutcomes(shop, week.from, week.to)).toEqual({ delivered: 3, failedAttempt: 2, returned: 1, canceled: 2 });
    expect(await queries.periodOutcomes(uniqueShop("nobody"), week.from, week.to)).toEqual({
      delivered: 0,
      failedAttempt: 0,
      returned: 0,
      canceled: 0,
    });
  });

  it("measures time to deliver from Created and from Assigned: medians and the distribution", async () => {
    const shop = await seededShop();
    const week = periodRange("7d", now, ZONE);
    // A: 37.5 h from Created, 35.5 h from Assigned; B: 12.5 h and 10.5 h; F: 1 h from Assigned.
    expect(await queries.timeToDeliver(shop, week.from, week.to)).toEqual({
      delivered: 3,
      medianFromCreatedHours: 25,
      medianFromAssignedHours: 10.5,
      fromCreated: [0, 0, 1, 1, 0, 0, 0, 0],
      fromAssigned: [1, 1, 0, 1, 0, 0, 0, 0],
    });
    expect(await queries.timeToDeliver(uniqueShop("nobody"), week.from, week.to)).toEqual({
      delivered: 0,
      medianFromCreatedHours: null,
      medianFromAssignedHours: null,
      fromCreated: [0, 0, 0, 0, 0, 0, 0, 0],
      fromAssigned: [0, 0, 0, 0, 0, 0, 0, 0],
    });
  });

  it("counts what is on its way now from the deliveries' current status", async () => {
    const shop = uniqueShop();
    await createDelivery(shop, { waybill: "P", orderId: "gid://shopify/Order/1", status: "processed" });
    await createDelivery(shop, { waybill: "Q", orderId: "gid://shopify/Order/2", status: "assigned" });
    await createDelivery(shop, { waybill: "R", orderId: "gid://shopify/Order/3", status: "failed", needsAttention: true });
    await createDelivery(shop, { waybill: "S", orderId: "gid://shopify/Order/4", status: "completed" });
    await createDelivery(shop, { waybill: "U", needsAttention: true, parkedReason: "no order" });
    await createDelivery(uniqueShop("other"), { waybill: "P", status: "processed", needsAttention: true });
    expect(await queries.currentCounts(shop)).toEqual({ total: 5, inTransit: 3, outForDelivery: 1, needsAttention: 2 });
  });

  it("knows when the last webhook was accepted", async () => {
    const shop = await seededShop();
    expect(await queries.lastWebhookAt(shop)).toEqual(new Date("2026-12-01T09:00:00Z"));
    expect(await queries.lastWebhookAt(uniqueShop("nobody"))).toBeNull();
  });
});
