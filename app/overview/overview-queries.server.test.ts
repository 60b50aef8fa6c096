// Runs on the test database's engine: `TEST_DATABASE=postgres` for PostgreSQL. Events go through
// the sync repository's real write path (as the worker records them), which keeps the rollup.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { createDelivery } from "../../tests/helpers/deliveries";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { ensureShop } from "../settings/shop-settings.server";
import { syncRepository } from "../sync/sync-repository.server";
import { timelineMessage } from "../delivery/timeline-messages";
import type { TimelineInput } from "../sync/ports";
import type { WakilniTopic } from "../wakilni/topics";
import { createOverviewQueries } from "./overview-queries.server";
import { ensureOutcomeDays } from "./overview-rollup.server";
import { lastLocalDays, periodRange } from "./periods";

const queries = createOverviewQueries(prisma);
const ZONE = "Asia/Beirut"; // UTC+2 in December
const now = new Date("2026-12-01T10:00:00Z");

/** Stores the events in the inbox; with `record`, the worker records them too (as parked, no order found). */
async function seedEvents(shop: string, events: [string, WakilniTopic, string][], record = true): Promise<TimelineInput[][]> {
  const recorded: TimelineInput[][] = [];
  for (const [waybill, topic, at] of events) {
    const occurredAt = new Date(at);
    const stored = await storeEvent(shop, wakilniEvent({ waybill, topic, occurredAt }), occurredAt);
    const reason = timelineMessage("unmatchedOrder", { waybill });
    const entries: TimelineInput[] = [{ inboxEventId: stored.id, topic, outcome: "parked", message: reason, occurredAt }];
    if (record) await syncRepository.recordUnmatched(shop, waybill, reason, entries, now);
    recorded.push(entries);
  }
  return recorded;
}

const SEED: [string, WakilniTopic, string][] = [
  ["A", "created", "2026-11-29T08:00:00Z"],
  ["A", "assigned", "2026-11-29T10:00:00Z"],
  // 23:30 in Beirut on Nov 30: Nov 30's, though UTC's Nov 30 is nearly over too.
  ["A", "completed", "2026-11-30T21:30:00Z"],
  // Wakilni said it twice: still one parcel.
  ["A", "completed", "2026-11-30T21:45:00Z"],
  // Delivered before Wakilni's Created reached the app: measured all the same.
  ["B", "completed", "2026-11-30T22:30:00Z"],
  ["B", "created", "2026-11-30T10:00:00Z"],
  ["B", "assigned", "2026-11-30T12:00:00Z"],
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
];

/** A shop whose outcome days were counted (empty) before its events came: the worker counts them. */
async function seededShop() {
  const shop = uniqueShop();
  await ensureShop(shop);
  await ensureOutcomeDays(prisma, shop, now);
  await seedEvents(shop, SEED);
  const other = uniqueShop("other");
  await ensureShop(other);
  await ensureOutcomeDays(prisma, other, now);
  await seedEvents(other, [["A", "completed", "2026-12-01T09:00:00Z"]]);
  return shop;
}

const NOTHING = { delivered: 0, failedAttempt: 0, returned: 0, canceled: 0 };
const LAST_THREE_DAYS = [
  { date: "2026-11-29", counts: NOTHING },
  { date: "2026-11-30", counts: { delivered: 1, failedAttempt: 1, returned: 0, canceled: 0 } },
  { date: "2026-12-01", counts: { delivered: 1, failedAttempt: 1, returned: 1, canceled: 1 } },
];

describe("overview queries", () => {
  it("counts each day's outcomes on the shop's calendar", async () => {
    const shop = await seededShop();
    expect(await queries.outcomesPerDay(shop, lastLocalDays(now, ZONE, 3))).toEqual(LAST_THREE_DAYS);
  });

  it("counts each event once whatever the worker does with it again: retries, parks, links", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    await ensureOutcomeDays(prisma, shop, now);
    const recorded = await seedEvents(shop, SEED);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { shop_waybill: { shop, waybill: "C" } } });
    // C's events parked again, then applied once its order is linked: nothing counts twice.
    for (const entries of recorded.slice(7, 11)) {
      await syncRepository.recordUnmatched(shop, "C", entries[0].message, entries, now);
      await syncRepository.commit(
        delivery.id,
        { ...(await syncRepository.delivery(shop, "C"))!.state },
        [],
        [{ ...entries[0], outcome: "applied" }],
        now,
      );
    }
    expect(await queries.outcomesPerDay(shop, lastLocalDays(now, ZONE, 3))).toEqual(LAST_THREE_DAYS);
  });

  it("rebuilds the days from the inbox when the shop's zone changes, and counts events received before the rollup", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    // Received and recorded before the shop's days were ever counted: only the rebuild counts them.
    await seedEvents(shop, SEED.slice(0, 7));
    await seedEvents(shop, SEED.slice(7), false);
    await ensureOutcomeDays(prisma, shop, now);
    expect(await queries.outcomesPerDay(shop, lastLocalDays(now, ZONE, 3))).toEqual(LAST_THREE_DAYS);
    await prisma.shop.update({ where: { shop }, data: { wakilniZone: "UTC" } });
    await ensureOutcomeDays(prisma, shop, now);
    // In UTC, B's delivery (00:30 on Dec 1 in Beirut) is Nov 30's.
    expect(await queries.outcomesPerDay(shop, lastLocalDays(now, "UTC", 2))).toEqual([
      { date: "2026-11-30", counts: { delivered: 2, failedAttempt: 1, returned: 0, canceled: 0 } },
      { date: "2026-12-01", counts: { delivered: 0, failedAttempt: 1, returned: 1, canceled: 1 } },
    ]);
    // Time to deliver follows the zone (B's delivery is Nov 30's now); F's events, not recorded by
    // the worker yet, have no milestones.
    expect(await queries.timeToDeliver(shop, periodRange("today", now, "UTC"))).toMatchObject({ delivered: 0 });
    expect(await queries.timeToDeliver(shop, periodRange("7d", now, "UTC"))).toMatchObject({
      delivered: 2,
      medianFromCreatedHours: 25,
      medianFromAssignedHours: 23,
    });
    // The worker counts in the new zone from now on.
    await seedEvents(shop, [["H", "completed", "2026-12-01T09:30:00Z"]]);
    expect((await queries.outcomesPerDay(shop, lastLocalDays(now, "UTC", 1)))[0].counts.delivered).toBe(1);
  });

  it("counts a period's parcels once each and its failed attempts one by one", async () => {
    const shop = await seededShop();
    const today = periodRange("today", now, ZONE);
    expect(await queries.periodOutcomes(shop, today.fromDate, today.toDate)).toEqual({
      delivered: 1,
      failedAttempt: 1,
      returned: 1,
      canceled: 1,
    });
    const week = periodRange("7d", now, ZONE);
    expect(await queries.periodOutcomes(shop, week.fromDate, week.toDate)).toEqual({
      delivered: 3,
      failedAttempt: 2,
      returned: 1,
      canceled: 2,
    });
    expect(await queries.periodOutcomes(uniqueShop("nobody"), week.fromDate, week.toDate)).toEqual(NOTHING);
  });

  it("measures time to deliver from Created and from Assigned: medians and the distribution", async () => {
    const shop = await seededShop();
    const week = periodRange("7d", now, ZONE);
    // A: 37.5 h from Created, 35.5 h from Assigned; B: 12.5 h and 10.5 h; F: 1 h from Assigned.
    expect(await queries.timeToDeliver(shop, week)).toEqual({
      delivered: 3,
      medianFromCreatedHours: 25,
      medianFromAssignedHours: 10.5,
      fromCreated: [0, 0, 1, 1, 0, 0, 0, 0],
      fromAssigned: [1, 1, 0, 1, 0, 0, 0, 0],
    });
    expect(await queries.timeToDeliver(uniqueShop("nobody"), week)).toEqual({
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
    expect(await queries.currentCounts(shop)).toEqual({ anyDelivery: true, inTransit: 3, outForDelivery: 1, needsAttention: 2 });
    expect(await queries.currentCounts(uniqueShop("nobody"))).toEqual({
      anyDelivery: false,
      inTransit: 0,
      outForDelivery: 0,
      needsAttention: 0,
    });
  });

  it("knows when the last webhook was accepted", async () => {
    const shop = await seededShop();
    expect(await queries.lastWebhookAt(shop)).toEqual(new Date("2026-12-01T09:00:00Z"));
    expect(await queries.lastWebhookAt(uniqueShop("nobody"))).toBeNull();
  });
});
