// "Link waybill W to order O": what the merchant (delivery page) or an operator (command line)
// does when Wakilni's waybill matches no order by itself. The link is stored and the waybill's
// parked events are queued again, to be replayed in Wakilni time order at once. Events the
// worker has started meanwhile are its own: the re-queue only changes events still parked.
// And its undoing, "unlink W", for a link to the wrong order: what the app did on that order is
// taken back (undo-link.ts) and the waybill's events are parked again for the next link.
import { randomUUID } from "node:crypto";
import { prisma } from "../db.server";
import { orderActionRefusal, refusalText, type OrderActionRefusal } from "../delivery/order-action-refusals";
import { timelineMessage } from "../delivery/timeline-messages";
import { inboxSignal } from "../inbox/inbox-signal.server";
import { countUnlinkReparkable, prismaInboxStore, reparkUnlinkedEvents, requeueParkedEvents } from "../inbox/inbox-store.server";
import { merchantShopifyGateway, syncEngine } from "./sync.server";
import { recordNote, syncRepository, unlinkDelivery } from "./sync-repository.server";
import { previewUndoLink, undoLink } from "./undo-link";

/** A link or unlink refused, changing nothing: the reason as a keyed refusal, its message in English. */
export class LinkError extends Error {
  readonly name = "LinkError";
  constructor(readonly refusal: OrderActionRefusal) {
    super(refusalText(refusal, "en"));
  }
}

export async function linkWaybillToOrder(shop: string, waybill: string, orderReference: string, now: Date) {
  const syncShop = await syncRepository.shopForSync(shop);
  if (!syncShop) throw new LinkError(orderActionRefusal("notInstalled"));
  const existing = await syncRepository.delivery(shop, waybill);
  if (existing?.fulfillmentIds.length)
    throw new LinkError(orderActionRefusal("alreadyFulfilled", { waybill, order: existing.orderName ?? existing.orderId ?? "" }));
  const order = await syncEngine.findOrderByReference(syncShop, orderReference.trim());
  if (!order) throw new LinkError(orderActionRefusal("noOrderMatches", { reference: orderReference }));
  const linked = await syncRepository.linkOrder(shop, waybill, order, null);
  const linkedNote = timelineMessage("linkedToOrder", { order: order.name });
  await recordNote(prisma, linked.id, linkedNote, now);
  const requeued = await requeueParkedEvents(shop, waybill, now, linkedNote);
  inboxSignal.notify();
  return { orderId: order.id, orderName: order.name, requeued };
}

export interface UnlinkResult {
  orderName: string | null;
  /** The waybill's events parked again (or, in a preview, that would be). */
  reparked: number;
  /** What was taken off the order (see undo-link.ts): "tags", "metafield", "fulfillment:<id>", or why a part was not. */
  undone: string[];
}

/** Long enough for the undo's few Shopify requests; the worker leaves the waybill alone meanwhile. */
const UNLINK_LEASE_MS = 5 * 60_000;

async function linkedDelivery(shop: string, waybill: string) {
  const syncShop = await syncRepository.shopForSync(shop);
  if (!syncShop) throw new LinkError(orderActionRefusal("notInstalled"));
  const delivery = await syncRepository.delivery(shop, waybill);
  const orderId = delivery?.orderId;
  if (!delivery || !orderId) throw new LinkError(orderActionRefusal("notLinked", { waybill }));
  return { syncShop, delivery: { ...delivery, orderId } };
}

/** What unlinkWaybill would undo, for the merchant to confirm; changes nothing. */
export async function unlinkPreview(shop: string, waybill: string): Promise<UnlinkResult> {
  const { syncShop, delivery } = await linkedDelivery(shop, waybill);
  const undone = await previewUndoLink(merchantShopifyGateway, syncShop, delivery);
  return { orderName: delivery.orderName, reparked: await countUnlinkReparkable(shop, waybill), undone };
}

/**
 * Unlinks a waybill from the wrong order. It holds the waybill's lease throughout, as a worker
 * would, so no event is applied to the order while it is being undone. Shopify first: a failure
 * there changes nothing in the database and the unlink can be run again. Then, in one
 * transaction, the events are parked again and the delivery goes back to unlinked.
 */
export async function unlinkWaybill(shop: string, waybill: string, now: Date): Promise<UnlinkResult> {
  const key = { shop, waybill };
  const owner = `unlink-${randomUUID()}`;
  if (!(await prismaInboxStore.claim(key, owner, now, UNLINK_LEASE_MS))) throw new LinkError(orderActionRefusal("busy", { waybill }));
  try {
    const { syncShop, delivery } = await linkedDelivery(shop, waybill);
    const orderName = delivery.orderName ?? delivery.orderId;
    const undone = await undoLink(merchantShopifyGateway, syncShop, delivery);
    const note = timelineMessage("unlinkedFromOrder", { order: orderName, undone });
    const reparked = await prisma.$transaction(async (tx) => {
      const count = await reparkUnlinkedEvents(tx, shop, waybill, now, timelineMessage("unlinkedWaiting", { order: orderName }));
      await unlinkDelivery(tx, delivery.id, waybill, note, now);
      return count;
    });
    return { orderName: delivery.orderName, reparked, undone };
  } finally {
    await prismaInboxStore.release(key, owner);
  }
}
