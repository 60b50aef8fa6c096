// The stored event through the real database (SQLite or PostgreSQL, as the run is configured):
// what the webhook stores is what the worker's batch hands the sync engine, in the order of the
// one stored time, without the raw body being read again.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import type { WakilniEvent } from "../wakilni/event";
import { prismaInboxStore, storeReceivedEvent } from "./inbox-store.server";
import { uniqueShop } from "../../tests/helpers/shopify";

const RECEIVED = new Date("2026-11-28T12:00:00Z");

function event(eventId: string, occurredAt: string, overrides: Partial<WakilniEvent> = {}): WakilniEvent {
  return {
    eventId,
    topic: "assigned",
    topicName: "Order Assigned",
    wakilniOrderId: "5001",
    waybill: "W-1",
    occurredAtText: occurredAt.replace("T", " ").slice(0, 19),
    occurredAt: new Date(occurredAt),
    timestampText: occurredAt.replace("T", " ").slice(0, 19),
    newStatus: null,
    previousStatus: null,
    driver: null,
    pickupLocation: null,
    ...overrides,
  };
}

async function store(shop: string, wakilniEvent: WakilniEvent, rawBody: string) {
  await storeReceivedEvent({
    shop,
    event: wakilniEvent,
    rawBody,
    wakilniZone: "UTC",
    headers: { webhookId: null, wakilniRequestId: null, attemptNumber: null, source: null },
    receivedAt: RECEIVED,
  });
}

describe("a stored event, as the worker hands it over", () => {
  it("is the event the webhook parsed, in stored time order then arrival order, whatever the raw body says", async () => {
    const shop = uniqueShop("stored");
    const late = event("late", "2026-11-28T10:00:00Z", {
      topic: "ready_for_pickup",
      topicName: "Order Ready for Self-Pickup",
      pickupLocation: { officeName: "Wakilni Hamra", phone: "+961 1 111111" },
      newStatus: { code: 12, name: "Ready" },
    });
    const first = event("first", "2026-11-28T09:00:00Z", { driver: { name: "Ali", phone: "+961 3 123456" } });
    const second = event("second", "2026-11-28T09:00:00Z", {
      topic: "processed",
      topicName: "Order Processed",
      driver: { name: null, phone: "+961 3 1" },
    });
    // A raw body that no longer parses: the worker must not need it.
    for (const stored of [late, first, second]) await store(shop, stored, "not json");

    const key = { shop, waybill: "W-1" };
    expect(await prismaInboxStore.claim(key, "owner", RECEIVED, 60_000)).toBe(true);
    const batch = await prismaInboxStore.startBatch(key, "owner", RECEIVED, 10);
    expect(batch.map((pending) => pending.wakilniEvent)).toEqual([first, second, late]);
    expect(batch.map((pending) => pending.previouslyAttempted)).toEqual([false, false, false]);
    await prismaInboxStore.release(key, "owner");
  });

  it("keeps the driver and the pickup office in their own columns", async () => {
    const shop = uniqueShop("stored");
    await store(
      shop,
      event("e", "2026-11-28T09:00:00Z", { driver: { name: "Ali", phone: null }, pickupLocation: { officeName: null, phone: "+961 1 1" } }),
      "{}",
    );
    expect(
      await prisma.inboxEvent.findFirstOrThrow({
        where: { shop },
        select: { driverName: true, driverPhone: true, pickupOfficeName: true, pickupPhone: true },
      }),
    ).toEqual({ driverName: "Ali", driverPhone: null, pickupOfficeName: null, pickupPhone: "+961 1 1" });
  });
});
