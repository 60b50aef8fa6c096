import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { ensureShop } from "../settings/shop-settings.server";
import { EXTENSION_ORIGIN, extensionFetchRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import type { OrderTimeline } from "../delivery/order-timeline";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { loader } from "./api.orders.$orderId.timeline";

const ORDER_ID = "5012345678901";

/** Runs the loader the way Remix does: a thrown Response is the answer too. */
async function answer(request: Request, orderId = ORDER_ID): Promise<Response> {
  try {
    return await loader({ request, params: { orderId }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function fetchTimeline(shop: string, orderId = ORDER_ID): Promise<OrderTimeline> {
  const response = await answer(await extensionFetchRequest(shop, `/api/orders/${orderId}/timeline`), orderId);
  expect(response.status).toBe(200);
  return response.json();
}

async function seedDelivery(shop: string, waybill: string, data: Partial<Parameters<typeof prisma.delivery.create>[0]["data"]> = {}) {
  return prisma.delivery.create({ data: { shop, waybill, orderId: `gid://shopify/Order/${ORDER_ID}`, ...data } });
}

describe("GET /api/orders/:orderId/timeline", () => {
  it("returns the order's deliveries, newest first, each with one step per Wakilni event in Wakilni time", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await ensureShop(shop);
    await prisma.shop.update({ where: { shop }, data: { wakilniZone: "Asia/Amman" } });

    await seedDelivery(shop, "WB-OLD", { createdAt: new Date("2026-01-01T08:00:00Z"), status: "canceled" });
    const current = await seedDelivery(shop, "WB-NEW", {
      createdAt: new Date("2026-01-02T08:00:00Z"),
      status: "processed",
      needsAttention: true,
      trackingUrl: "https://track.wakilni.com/WB-NEW",
      driverName: "Ali",
      driverPhone: "+962 7 1234567",
      fulfillmentIds: JSON.stringify(["gid://shopify/Fulfillment/1", "gid://shopify/Fulfillment/2"]),
    });
    const recordedAt = new Date("2026-01-02T10:00:00Z");
    const assigned = await storeEvent(
      shop,
      wakilniEvent({ topic: "assigned", waybill: "WB-NEW", occurredAt: new Date("2026-01-02T09:00:00Z") }),
      recordedAt,
    );
    const processed = await storeEvent(
      shop,
      wakilniEvent({ topic: "processed", waybill: "WB-NEW", occurredAt: new Date("2026-01-02T09:30:00Z") }),
      recordedAt,
    );
    await prisma.inboxEvent.updateMany({ where: { id: { in: [assigned.id, processed.id] } }, data: { state: "applied", attempts: 1 } });
    await prisma.timelineEntry.createMany({
      data: [
        // Recorded in one batch, out of Wakilni's order: the timeline follows Wakilni's clock.
        {
          deliveryId: current.id,
          inboxEventId: processed.id,
          topic: "processed",
          outcome: "applied",
          messageKey: "applied",
          messageValues: JSON.stringify({ status: "processed" }),
          occurredAt: new Date("2026-01-02T09:30:00Z"),
          recordedAt,
        },
        {
          deliveryId: current.id,
          inboxEventId: assigned.id,
          topic: "assigned",
          outcome: "applied",
          messageKey: "applied",
          messageValues: JSON.stringify({ status: "assigned" }),
          occurredAt: new Date("2026-01-02T09:00:00Z"),
          recordedAt,
        },
        // A row from before message keys: its English sentence is kept.
        {
          deliveryId: current.id,
          topic: null,
          outcome: "note",
          message: "Left alone: items fulfilled by Warehouse",
          recordedAt: new Date("2026-01-02T09:45:00Z"),
        },
      ],
    });
    // Another order of the same shop stays out.
    await prisma.delivery.create({ data: { shop, waybill: "WB-OTHER", orderId: "gid://shopify/Order/999" } });

    const body = await fetchTimeline(shop);

    expect(body.wakilniZone).toBe("Asia/Amman");
    expect(body.deliveries.map((delivery) => delivery.waybill)).toEqual(["WB-NEW", "WB-OLD"]);
    const { timeline, ...facts } = body.deliveries[0];
    expect(facts).toEqual({
      id: current.id,
      waybill: "WB-NEW",
      status: "processed",
      statusLabel: "Out for delivery",
      needsAttention: true,
      trackingUrl: "https://track.wakilni.com/WB-NEW",
      driver: "Ali (+962 7 1234567)",
      driverName: "Ali",
      driverPhone: "+962 7 1234567",
      // Out for delivery is no attention status of its own: the flag alone says "other".
      attentionReason: "other",
      retryableEvents: 0,
      fulfillmentCount: 2,
    });
    expect(timeline.map((step) => [step.kind, step.topic, step.at, step.outcome, step.message])).toEqual([
      ["note", null, "2026-01-02T09:45:00.000Z", "note", { text: "Left alone: items fulfilled by Warehouse" }],
      ["event", "processed", "2026-01-02T09:30:00.000Z", "applied", { key: "applied", values: { status: "processed" } }],
      ["event", "assigned", "2026-01-02T09:00:00.000Z", "applied", { key: "applied", values: { status: "assigned" } }],
    ]);
    expect(timeline[1]).toMatchObject({
      id: `event-${processed.id}`,
      inboxEventId: processed.id,
      occurredAt: "2026-01-02T09:30:00.000Z",
      undone: false,
      actions: [{ outcome: "applied", recordedAt: recordedAt.toISOString(), undoneAt: null }],
      inbox: { state: "applied", attempts: 1, receiptCount: 1, lastError: null, receivedAt: recordedAt.toISOString() },
    });
    expect(body.deliveries[1]).toMatchObject({
      status: "canceled",
      statusLabel: "Canceled",
      driver: null,
      fulfillmentCount: 0,
      timeline: [],
    });
  });

  it("shows another shop nothing of this shop's order", async () => {
    const owner = uniqueShop("owner");
    const stranger = uniqueShop("stranger");
    await installShop(owner);
    await installShop(stranger);
    await seedDelivery(owner, "WB-PRIVATE", { status: "assigned" });

    expect((await fetchTimeline(owner)).deliveries).toHaveLength(1);
    expect(await fetchTimeline(stranger)).toEqual({ wakilniZone: "Asia/Beirut", deliveries: [], canRefresh: false });
  });

  it("answers with CORS headers so the extension can read the answer", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const response = await answer(await extensionFetchRequest(shop, `/api/orders/${ORDER_ID}/timeline`));
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
  });

  it("answers the CORS preflight without a token", async () => {
    const preflight = new Request(`${APP_URL}/api/orders/${ORDER_ID}/timeline`, {
      method: "OPTIONS",
      headers: { Origin: EXTENSION_ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
    });
    const response = await answer(preflight);
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
  });

  it("refuses a request without a token, or with a forged one, with 401", async () => {
    const bare = new Request(`${APP_URL}/api/orders/${ORDER_ID}/timeline`, { headers: { Origin: EXTENSION_ORIGIN } });
    const missing = await answer(bare);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("Access-Control-Allow-Origin")).toBe("*");

    const forged = await answer(
      new Request(`${APP_URL}/api/orders/${ORDER_ID}/timeline`, {
        headers: { Origin: EXTENSION_ORIGIN, Authorization: "Bearer not.a.token" },
      }),
    );
    expect(forged.status).toBe(401);
    expect(forged.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("rejects an order id that is not Shopify's numeric id", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const response = await answer(
      await extensionFetchRequest(shop, "/api/orders/gid%3A%2F%2Fshopify%2FOrder%2F1/timeline"),
      "gid://shopify/Order/1",
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});
