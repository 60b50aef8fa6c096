import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { embeddedRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { addTimelineEntry, createDelivery } from "../../tests/helpers/deliveries";
import { ensureShop } from "../settings/shop-settings.server";
import { action, loader } from "./app.deliveries.$id";

const args = (request: Request, id: string) => ({ request, params: { id }, context: {} });

async function load(shop: string, id: number | string) {
  return loader(args(await embeddedRequest(shop, `/app/deliveries/${id}`), String(id)));
}

async function retry(shop: string, deliveryId: number, eventId: number) {
  const request = await embeddedRequest(shop, `/app/deliveries/${deliveryId}`, {
    method: "POST",
    body: new URLSearchParams({ eventId: String(eventId) }),
  });
  return action(args(request, String(deliveryId)));
}

const at = (time: string) => new Date(`2026-03-01T${time}.000Z`);

async function deliveryWithHistory(shop: string) {
  const delivery = await createDelivery(shop, {
    waybill: "1001",
    wakilniOrderId: "5001",
    orderId: "gid://shopify/Order/7001",
    orderName: "#1001",
    fulfillmentIds: JSON.stringify(["gid://shopify/Fulfillment/1"]),
    status: "processed",
    trackingUrl: "https://track.example.com/1001",
    driverName: "Ali",
    driverPhone: "+961 3 123456",
    lastEventAt: at("10:05:00"),
  });
  const assigned = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "1001", occurredAt: at("09:59:00") }), at("10:00:00"));
  const processed = await storeEvent(
    shop,
    wakilniEvent({ topic: "processed", waybill: "1001", occurredAt: at("10:04:00") }),
    at("10:05:00"),
  );
  await prisma.inboxEvent.update({ where: { id: processed.id }, data: { state: "failed", attempts: 1, lastError: "userErrors: nope" } });
  await prisma.inboxEventTransition.create({
    data: { inboxEventId: processed.id, state: "failed", at: at("10:05:01"), detail: "userErrors: nope" },
  });
  await addTimelineEntry(delivery.id, {
    inboxEventId: assigned.id,
    topic: "assigned",
    outcome: "applied",
    message: "Applied: Assigned",
    occurredAt: at("09:59:00"),
    recordedAt: at("10:00:02"),
  });
  await addTimelineEntry(delivery.id, { inboxEventId: null, topic: null, outcome: "note", message: "A note", recordedAt: at("10:00:02") });
  return { delivery, assigned, processed };
}

describe("delivery page", () => {
  it("shows the delivery's facts", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { delivery: row } = await deliveryWithHistory(shop);

    const { delivery } = await load(shop, row.id);

    expect(delivery).toEqual({
      id: row.id,
      waybill: "1001",
      wakilniOrderId: "5001",
      orderId: "gid://shopify/Order/7001",
      orderName: "#1001",
      fulfillmentCount: 1,
      status: "processed",
      needsAttention: false,
      trackingUrl: "https://track.example.com/1001",
      driverName: "Ali",
      driverPhone: "+961 3 123456",
      parkedReason: null,
    });
  });

  it("shows one step per Wakilni event in Wakilni's time, the app's actions folded inside, details with the transitions and body", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { delivery: row, assigned, processed } = await deliveryWithHistory(shop);
    // Same waybill in another shop, another waybill in this shop: neither belongs here.
    await storeEvent(
      uniqueShop("other"),
      wakilniEvent({ topic: "completed", waybill: "1001", occurredAt: at("11:00:00") }),
      at("11:00:00"),
    );
    await storeEvent(shop, wakilniEvent({ topic: "completed", waybill: "2002", occurredAt: at("11:00:00") }), at("11:00:00"));

    const { steps, details, truncated } = await load(shop, row.id);

    expect(truncated).toBe(false);
    // The note was recorded at 10:00:02, after Wakilni's 09:59 and before its 10:04.
    expect(steps.map((step) => [step.id, step.kind, step.topic, step.outcome])).toEqual([
      [`event-${processed.id}`, "event", "processed", null],
      [expect.stringMatching(/^note-\d+$/), "note", null, "note"],
      [`event-${assigned.id}`, "event", "assigned", "applied"],
    ]);
    const [failed, note, applied] = steps;
    expect(applied).toMatchObject({
      occurredAt: at("09:59:00").toISOString(),
      message: { text: "Applied: Assigned" },
      actions: [{ outcome: "applied", recordedAt: at("10:00:02").toISOString(), undoneAt: null }],
    });
    expect(note).toMatchObject({ message: { text: "A note" }, at: at("10:00:02").toISOString(), inbox: null });
    expect(failed).toMatchObject({
      inboxEventId: processed.id,
      occurredAt: at("10:04:00").toISOString(),
      // A row written without a message key (as before them) is shown as its English text.
      inbox: {
        state: "failed",
        attempts: 1,
        lastError: { text: "userErrors: nope" },
        receiptCount: 1,
        receivedAt: at("10:05:00").toISOString(),
      },
    });
    expect(details[failed.id].transitions).toEqual(
      [
        { state: "received", at: at("10:05:00").toISOString(), message: null },
        { state: "failed", at: at("10:05:01").toISOString(), message: { text: "userErrors: nope" } },
      ].map((transition) => ({ id: expect.any(Number), ...transition })),
    );
    expect(details[note.id]).toBeUndefined();
    const body = details[failed.id].body;
    expect(body).toBe(JSON.stringify(JSON.parse(processed.rawBody), null, 2));
    expect(String(body).split("\n").length).toBeGreaterThan(3);
  });

  it("says when retention removed an event's raw body, and after how many days", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { delivery: row, assigned, processed } = await deliveryWithHistory(shop);
    await prisma.inboxEvent.update({ where: { id: assigned.id }, data: { rawBody: "", prunedAt: at("12:00:00") } });
    const { details } = await load(shop, row.id);
    expect(details[`event-${assigned.id}`].body).toEqual({ removedAfterDays: env.INBOX_RETENTION_DAYS });
    expect(details[`event-${processed.id}`].body).toBe(JSON.stringify(JSON.parse(processed.rawBody), null, 2));
  });

  it("shows the other bodies Wakilni sent under an event's id beside the event, oldest first", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { delivery: row, assigned, processed } = await deliveryWithHistory(shop);
    const other = (driver: string) => JSON.stringify({ event_id: "same", data: { driver_name: driver } });
    await prisma.inboxEventConflict.createMany({
      data: [
        { inboxEventId: assigned.id, receivedAt: at("10:10:00"), bodyDigest: "a", rawBody: other("Someone") },
        { inboxEventId: assigned.id, receivedAt: at("10:20:00"), bodyDigest: "b", rawBody: "not json" },
      ],
    });
    const { details } = await load(shop, row.id);
    expect(details[`event-${assigned.id}`].conflicts).toEqual([
      { id: expect.any(Number), at: at("10:10:00").toISOString(), body: JSON.stringify(JSON.parse(other("Someone")), null, 2) },
      { id: expect.any(Number), at: at("10:20:00").toISOString(), body: "not json" },
    ]);
    expect(details[`event-${processed.id}`].conflicts).toEqual([]);
  });

  it("answers 404 for another shop's delivery, an unknown id or a malformed one", async () => {
    const owner = uniqueShop();
    const { delivery } = await deliveryWithHistory(owner);
    const stranger = uniqueShop("other");
    await installShop(stranger);
    for (const id of [String(delivery.id), "999999999", "abc", "1.5"]) {
      const error = await load(stranger, id).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(404);
    }
  });

  it("retries the shop's own failed event, and no one else's", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { delivery, processed, assigned } = await deliveryWithHistory(shop);

    expect(await retry(shop, delivery.id, processed.id)).toEqual({ ok: true });
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: processed.id } })).toMatchObject({
      state: "received",
      attempts: 0,
      lastError: "userErrors: nope",
    });
    expect(await retry(shop, delivery.id, assigned.id)).toEqual({ ok: false, reason: "not_retryable" });

    const stranger = uniqueShop("other");
    await installShop(stranger);
    await prisma.inboxEvent.update({ where: { id: processed.id }, data: { state: "dead" } });
    expect(await retry(stranger, delivery.id, processed.id)).toEqual({ ok: false, reason: "not_found" });
    expect((await prisma.inboxEvent.findUniqueOrThrow({ where: { id: processed.id } })).state).toBe("dead");
  });
});

describe("delivery page's Refresh from Wakilni", () => {
  it("is not offered, and asks nothing, while the shop has no passed connection check", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await ensureShop(shop);
    const { delivery } = await deliveryWithHistory(shop);
    expect((await load(shop, delivery.id)).canRefresh).toBe(false);
    const request = await embeddedRequest(shop, `/app/deliveries/${delivery.id}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "refresh" }),
    });
    expect(await action(args(request, String(delivery.id)))).toEqual({ ok: false, notConnected: true });
    expect(await prisma.inboxEvent.count({ where: { shop, origin: "reconciliation" } })).toBe(0);
    await prisma.shop.update({ where: { shop }, data: { wakilniApiOutcome: "ok", wakilniApiCheckedAt: new Date() } });
    expect((await load(shop, delivery.id)).canRefresh).toBe(true);
  });
});
