// The Shopify webhooks the app must answer: uninstall, scope changes and the three mandatory
// compliance topics, each through its real route and Shopify's real HMAC check.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { installShop, shopifyWebhookRequest, uniqueShop } from "../../tests/helpers/shopify";
import { ensureShop } from "../settings/shop-settings.server";
import { action as uninstalled } from "./webhooks.app.uninstalled";
import { action as scopesUpdate } from "./webhooks.app.scopes_update";
import { action as dataRequest } from "./webhooks.customers.data_request";
import { action as customersRedact } from "./webhooks.customers.redact";
import { action as shopRedact } from "./webhooks.shop.redact";

const args = (request: Request) => ({ request, params: {}, context: {} });
const now = new Date("2026-11-28T10:00:00Z");

/** A shop with two linked deliveries (orders 1 and 2), their timelines and events. */
async function shopWithDeliveries() {
  const shop = uniqueShop();
  await installShop(shop);
  await ensureShop(shop);
  for (const orderNumber of [1, 2]) {
    const waybill = `#100${orderNumber}`;
    await prisma.delivery.create({
      data: {
        shop,
        waybill,
        orderId: `gid://shopify/Order/${orderNumber}`,
        orderName: waybill,
        timeline: { create: { outcome: "applied", message: "Delivered", recordedAt: now } },
      },
    });
    await prisma.inboxEvent.create({
      data: {
        shop,
        eventId: `evt-${orderNumber}`,
        topic: "completed",
        topicName: "Order Completed",
        waybill,
        wakilniOrderId: String(orderNumber),
        occurredAtText: "2026-11-28 12:00:00",
        occurredAt: now,
        timestampText: "2026-11-28 12:00:00",
        wakilniZone: "Asia/Beirut",
        rawBody: "{}",
        receivedAt: now,
        lastReceivedAt: now,
        state: "applied",
        nextAttemptAt: now,
        transitions: { create: { state: "received", at: now } },
      },
    });
  }
  return shop;
}

describe("Shopify webhooks", () => {
  it.each([
    ["/webhooks/app/uninstalled", "app/uninstalled", uninstalled],
    ["/webhooks/customers/data_request", "customers/data_request", dataRequest],
    ["/webhooks/customers/redact", "customers/redact", customersRedact],
    ["/webhooks/shop/redact", "shop/redact", shopRedact],
  ])("%s answers 401 to a bad HMAC and changes nothing", async (path, topic, handler) => {
    const shop = await shopWithDeliveries();
    const response = await handler(args(shopifyWebhookRequest(path, topic, shop, { shop_domain: shop }, "wrong-secret"))).catch(
      (thrown: Response) => thrown,
    );
    expect(response.status).toBe(401);
    expect(await prisma.session.count({ where: { shop } })).toBe(1);
    expect(await prisma.delivery.count({ where: { shop } })).toBe(2);
  });

  it("app/uninstalled deletes the sessions and retires the Delivery URL, keeping the data for a reinstall", async () => {
    const shop = await shopWithDeliveries();
    const response = await uninstalled(args(shopifyWebhookRequest("/webhooks/app/uninstalled", "app/uninstalled", shop, {})));
    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).not.toBeNull();
    expect(await prisma.delivery.count({ where: { shop } })).toBe(2);
    // A repeat delivery of the same webhook is harmless.
    expect((await uninstalled(args(shopifyWebhookRequest("/webhooks/app/uninstalled", "app/uninstalled", shop, {})))).status).toBe(200);
  });

  it("app/scopes_update records the new scopes on the session", async () => {
    const shop = await shopWithDeliveries();
    const payload = { previous: ["read_orders"], current: ["read_orders", "write_orders", "write_fulfillments"] };
    const response = await scopesUpdate(args(shopifyWebhookRequest("/webhooks/app/scopes_update", "app/scopes_update", shop, payload)));
    expect(response.status).toBe(200);
    expect((await prisma.session.findFirstOrThrow({ where: { shop } })).scope).toBe("read_orders,write_orders,write_fulfillments");
  });

  it("customers/data_request answers 200 without changing anything", async () => {
    const shop = await shopWithDeliveries();
    const payload = { shop_domain: shop, customer: { id: 7 }, orders_requested: [1] };
    const response = await dataRequest(
      args(shopifyWebhookRequest("/webhooks/customers/data_request", "customers/data_request", shop, payload)),
    );
    expect(response.status).toBe(200);
    expect(await prisma.delivery.count({ where: { shop } })).toBe(2);
  });

  it("customers/redact forgets the deliveries of the customer's orders only", async () => {
    const shop = await shopWithDeliveries();
    const payload = { shop_domain: shop, customer: { id: 7 }, orders_to_redact: [1] };
    const response = await customersRedact(args(shopifyWebhookRequest("/webhooks/customers/redact", "customers/redact", shop, payload)));
    expect(response.status).toBe(200);
    expect((await prisma.delivery.findMany({ where: { shop } })).map((delivery) => delivery.waybill)).toEqual(["#1002"]);
    expect((await prisma.inboxEvent.findMany({ where: { shop } })).map((event) => event.waybill)).toEqual(["#1002"]);
    expect(await prisma.timelineEntry.count({ where: { delivery: { shop } } })).toBe(1);
  });

  it("shop/redact deletes everything the app holds for the shop and nothing of other shops", async () => {
    const shop = await shopWithDeliveries();
    const otherShop = await shopWithDeliveries();
    await prisma.webhookRejection.create({ data: { shop, reason: "signature_mismatch", hourStart: now, count: 3, lastAt: now } });
    const response = await shopRedact(args(shopifyWebhookRequest("/webhooks/shop/redact", "shop/redact", shop, { shop_domain: shop })));
    expect(response.status).toBe(200);
    for (const count of [
      prisma.session.count({ where: { shop } }),
      prisma.shop.count({ where: { shop } }),
      prisma.delivery.count({ where: { shop } }),
      prisma.inboxEvent.count({ where: { shop } }),
      prisma.webhookRejection.count({ where: { shop } }),
    ]) {
      expect(await count).toBe(0);
    }
    expect(await prisma.delivery.count({ where: { shop: otherShop } })).toBe(2);
  });
});
