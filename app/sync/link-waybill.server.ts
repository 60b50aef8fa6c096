// "Link waybill W to order O": what the merchant (delivery page) or an operator (command line)
// does when Wakilni's waybill matches no order by itself. The link is stored and the waybill's
// parked events are queued again, to be replayed in Wakilni time order at once.
import { prisma } from "../db.server";
import { inboxSignal } from "../inbox/inbox-signal.server";
import { syncEngine } from "./sync.server";
import { syncRepository } from "./sync-repository.server";

export class LinkError extends Error {
  readonly name = "LinkError";
}

export async function linkWaybillToOrder(shop: string, waybill: string, orderReference: string, now: Date) {
  const syncShop = await syncRepository.shopForSync(shop);
  if (!syncShop) throw new LinkError(`the app is not installed on ${shop}`);
  const existing = await syncRepository.delivery(shop, waybill);
  if (existing?.fulfillmentIds.length) throw new LinkError(`waybill ${waybill} is already fulfilled on order ${existing.orderName}`);
  const order = await syncEngine.findOrderByReference(syncShop, orderReference.trim());
  if (!order) throw new LinkError(`no order matches "${orderReference}"`);
  await syncRepository.linkOrder(shop, waybill, order, null);
  const parked = await prisma.inboxEvent.findMany({ where: { shop, waybill, state: "parked" }, select: { id: true } });
  await prisma.$transaction([
    prisma.inboxEvent.updateMany({
      where: { id: { in: parked.map((event) => event.id) } },
      data: { state: "received", nextAttemptAt: now },
    }),
    prisma.inboxEventTransition.createMany({
      data: parked.map((event) => ({ inboxEventId: event.id, state: "received", at: now, detail: `linked to order ${order.name}` })),
    }),
  ]);
  inboxSignal.notify();
  return { orderId: order.id, orderName: order.name, requeued: parked.length };
}
