// Linking an unmatched waybill from its delivery page, and unlinking it: the real action, a real session token,
// the Shopify Admin emulator behind the app's Admin client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { embeddedRequest } from "../../tests/helpers/shopify";
import { startEmulator, stopEmulator, syncShop } from "../../tests/helpers/sync-harness";
import { action } from "./app.deliveries.$id";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);

async function post(shop: string, deliveryId: number, form: Record<string, string>) {
  const request = await embeddedRequest(shop, `/app/deliveries/${deliveryId}`, { method: "POST", body: new URLSearchParams(form) });
  return action({ request, params: { id: String(deliveryId) }, context: {} });
}

const link = (shop: string, deliveryId: number, order: string) => post(shop, deliveryId, { intent: "link", order });

describe("linking a waybill from the delivery page", () => {
  it("links the order and queues the parked events again", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
    await harness.drain();
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });

    expect(await link(harness.shop, delivery.id, "no-such-order")).toEqual({ linkError: "No order matches “no-such-order”." });
    expect(await link(harness.shop, delivery.id, "#1001")).toEqual({ linked: "#1001" });

    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ orderName: "#1001" });
    expect((await prisma.inboxEvent.findFirstOrThrow({ where: { shop: harness.shop } })).state).toBe("received");
    await harness.drain();
    expect(harness.order("#1001").fulfillments).toHaveLength(1);
  });

  it("refuses another shop's delivery", async () => {
    const harness = await syncShop();
    const other = await syncShop();
    await other.send("assigned", "WK-1", "2026-11-28T09:00:00Z");
    await other.drain();
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: other.shop } });
    await expect(link(harness.shop, delivery.id, "#1001")).rejects.toMatchObject({ status: 404 });
  });

  it("unlinks the order, and says so when there is no link", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
    await harness.drain();
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });
    expect(await post(harness.shop, delivery.id, { intent: "unlink" })).toEqual({ linkError: "Waybill WK-9 is not linked to any order." });
    await link(harness.shop, delivery.id, "#1001");
    await harness.drain();

    const answer = await post(harness.shop, delivery.id, { intent: "unlink" });

    expect(answer).toMatchObject({
      unlinked: { orderName: "#1001", reparked: 1, undone: ["tags", "metafield", expect.stringMatching(/^fulfillment:/)] },
    });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ orderId: null, orderName: null });
    expect(harness.order("#1001").fulfillments.map((fulfillment) => fulfillment.status)).toEqual(["CANCELLED"]);
  });
});
