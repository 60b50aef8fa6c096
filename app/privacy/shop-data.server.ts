// What the app holds for a shop and its customers, and how it is forgotten. The app keeps no
// customer personal data of its own: Wakilni's payloads carry Wakilni's order id, the waybill
// (the merchant's order reference), status names and the driver's or pickup office's contact,
// never the recipient's. What ties a customer to the app's data is the Shopify order a
// delivery is linked to, so customer requests act on the deliveries of the listed orders.
// Forgotten means unreadable in the database files too: SQLite overwrites deleted rows
// (secure_delete, app/db.server.ts) and each redaction ends by flushing the write-ahead log.
import { Prisma } from "@prisma/client";
import { flushDeletedRows, prisma } from "../db.server";
import { eventTombstones } from "../settings/sealing.server";
import { oldestAcceptedEventTime } from "../inbox/event-age-limit.server";

/** Uninstall: Shopify has revoked the token; the Delivery URL stops accepting events. */
export async function markUninstalled(shop: string, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.updateMany({ where: { shop }, data: { uninstalledAt: now } }),
  ]);
}

/**
 * shop/redact, 48 hours after uninstall: everything the app ever stored for the shop, in every
 * model keyed by shop. (Redaction tombstones name no shop and expire on their own.)
 */
export async function redactShop(shop: string): Promise<void> {
  await prisma.$transaction([
    prisma.timelineEntry.deleteMany({ where: { delivery: { shop } } }),
    prisma.delivery.deleteMany({ where: { shop } }),
    prisma.inboxEventTransition.deleteMany({ where: { event: { shop } } }),
    prisma.inboxEventConflict.deleteMany({ where: { event: { shop } } }),
    prisma.inboxEvent.deleteMany({ where: { shop } }),
    prisma.waybillLease.deleteMany({ where: { shop } }),
    prisma.webhookRejection.deleteMany({ where: { shop } }),
    prisma.outcomeDay.deleteMany({ where: { shop } }),
    prisma.timeToDeliverDay.deleteMany({ where: { shop } }),
    prisma.cashDay.deleteMany({ where: { shop } }),
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { shop } }),
  ]);
  await flushDeletedRows();
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

/**
 * customers/redact: the deliveries of the customer's orders, their timelines and their events.
 * Each removed event leaves a tombstone first, committed before the rows go, so a replay of its
 * captured body arriving at any moment finds either the event or its tombstone, never neither.
 * Tombstones of events past the webhook's age window are pruned: a replay of those is refused anyway.
 */
export async function redactCustomerOrders(shop: string, orderIds: readonly (number | string)[], now: Date): Promise<number> {
  const deliveries = await prisma.delivery.findMany({
    where: { shop, orderId: { in: orderGids(orderIds) } },
    select: { id: true, waybill: true },
  });
  const waybills = deliveries.map((delivery) => delivery.waybill);
  const ids = deliveries.map((delivery) => delivery.id);
  const events = await prisma.inboxEvent.findMany({
    where: { shop, waybill: { in: waybills } },
    select: { id: true, eventId: true, occurredAt: true },
  });
  if (events.length > 0) {
    const tombstones = events.map((event) => Prisma.sql`(${eventTombstones.digest(shop, event.eventId)}, ${event.occurredAt}, ${now})`);
    await prisma.$executeRaw(Prisma.sql`
      INSERT INTO "RedactedEventTombstone" ("digest", "occurredAt", "redactedAt") VALUES ${Prisma.join(tombstones)}
      ON CONFLICT ("digest") DO NOTHING`);
  }
  const eventIds = events.map((event) => event.id);
  await prisma.$transaction([
    prisma.timelineEntry.deleteMany({ where: { deliveryId: { in: ids } } }),
    prisma.delivery.deleteMany({ where: { id: { in: ids } } }),
    prisma.inboxEventTransition.deleteMany({ where: { inboxEventId: { in: eventIds } } }),
    prisma.inboxEventConflict.deleteMany({ where: { inboxEventId: { in: eventIds } } }),
    prisma.inboxEvent.deleteMany({ where: { id: { in: eventIds } } }),
    prisma.redactedEventTombstone.deleteMany({ where: { occurredAt: { lt: oldestAcceptedEventTime(now) } } }),
  ]);
  await flushDeletedRows();
  return deliveries.length;
}
