// "Link waybill W to order O": what the merchant (delivery page) or an operator (command line)
// does when Wakilni's waybill matches no order by itself. The link is stored and the waybill's
// parked events are queued again, to be replayed in Wakilni time order at once. Events the
// worker has started meanwhile are its own: the re-queue only changes events still parked.
import { inboxSignal } from "../inbox/inbox-signal.server";
import { requeueParkedEvents } from "../inbox/inbox-store.server";
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
  const requeued = await requeueParkedEvents(shop, waybill, now, `linked to order ${order.name}`);
  inboxSignal.notify();
  return { orderId: order.id, orderName: order.name, requeued };
}
