// What the app holds for a shop and its customers, and how it is forgotten. The app keeps no
// customer personal data of its own: Wakilni's payloads carry Wakilni's order id, the waybill
// (the merchant's order reference), status names and the driver's or pickup office's contact,
// never the recipient's. What ties a customer to the app's data is the Shopify order a
// delivery is linked to, so customer requests act on the deliveries of the listed orders.
import { prisma } from "../db.server";

/** Uninstall: Shopify has revoked the token; the Delivery URL stops accepting events. */
export async function markUninstalled(shop: string, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.updateMany({ where: { shop }, data: { uninstalledAt: now } }),
  ]);
}

/** shop/redact, 48 hours after uninstall: everything the app ever stored for the shop. */
export async function redactShop(shop: string): Promise<void> {
  await prisma.$transaction([
    prisma.timelineEntry.deleteMany({ where: { delivery: { shop } } }),
    prisma.delivery.deleteMany({ where: { shop } }),
    prisma.inboxEventTransition.deleteMany({ where: { event: { shop } } }),
    prisma.inboxEvent.deleteMany({ where: { shop } }),
    prisma.webhookRejection.deleteMany({ where: { shop } }),
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { shop } }),
  ]);
}

function orderGids(orderIds: readonly (number | string)[]): string[] {
  return orderIds.map((id) => `gid://shopify/Order/${id}`);
}

/** customers/data_request: the deliveries and events held for the customer's orders. */
export async function customerDataSummary(shop: string, orderIds: readonly (number | string)[]) {
  const deliveries = await prisma.delivery.findMany({
    where: { shop, orderId: { in: orderGids(orderIds) } },
    select: { waybill: true, orderName: true, status: true, _count: { select: { timeline: true } } },
  });
  const events = await prisma.inboxEvent.count({
    where: { shop, waybill: { in: deliveries.map((delivery) => delivery.waybill) } },
  });
  return { deliveries, events };
}

/** customers/redact: the deliveries of the customer's orders, their timelines and their events. */
export async function redactCustomerOrders(shop: string, orderIds: readonly (number | string)[]): Promise<number> {
  const deliveries = await prisma.delivery.findMany({
    where: { shop, orderId: { in: orderGids(orderIds) } },
    select: { id: true, waybill: true },
  });
  const waybills = deliveries.map((delivery) => delivery.waybill);
  const ids = deliveries.map((delivery) => delivery.id);
  await prisma.$transaction([
    prisma.timelineEntry.deleteMany({ where: { deliveryId: { in: ids } } }),
    prisma.delivery.deleteMany({ where: { id: { in: ids } } }),
    prisma.inboxEventTransition.deleteMany({ where: { event: { shop, waybill: { in: waybills } } } }),
    prisma.inboxEvent.deleteMany({ where: { shop, waybill: { in: waybills } } }),
  ]);
  return deliveries.length;
}
