// "Refresh from Wakilni" for one delivery, as the merchant's button and the reconciliation job
// both do it: fetch the order from Wakilni's API, work out which of its status changes the inbox
// lacks (snapshot-events.ts), and store those as reconciled events through the inbox's own insert,
// so they are ordered, deduplicated and applied exactly as webhooks are. Waking the worker is the
// caller's business (the HTTP thread signals its worker, the job runs inside it).
import { prisma } from "../db.server";
import type { WakilniApi } from "../wakilni/api/wakilni-api";
import type { RefreshDeliveryAnswer } from "../delivery/order-actions";
import { topicFromApiStatusName } from "../wakilni/topics";
import { storeReceivedEvents, type ReceivedWebhook } from "../inbox/inbox-store.server";
import { missingEvents, reconciledRawBody } from "./snapshot-events";

/** The delivery was asked about: what Wakilni answered, and what of it the inbox lacked. */
export type RefreshOutcome = Exclude<RefreshDeliveryAnswer, { notConnected: true }>;

/**
 * Asks Wakilni about the shop's delivery `waybill` and feeds what is missing into the inbox. The
 * delivery is marked asked (`reconciledAt`) whatever Wakilni answered about the order itself
 * (found or not), so the job asks about it again only after another silent period.
 */
export async function refreshDelivery(shop: string, waybill: string, api: WakilniApi, now: Date): Promise<RefreshOutcome> {
  const [settings, delivery] = await Promise.all([
    prisma.shop.findUniqueOrThrow({ where: { shop }, select: { wakilniZone: true } }),
    prisma.delivery.findUnique({ where: { shop_waybill: { shop, waybill } }, select: { wakilniOrderId: true } }),
  ]);
  const answer = await api.fetchOrder(delivery?.wakilniOrderId ? { wakilniOrderId: delivery.wakilniOrderId } : { waybill });
  if (!answer.ok) {
    if (answer.failure.kind === "not_found" || answer.failure.kind === "unexpected_answer") await markAsked(shop, waybill, now);
    return answer;
  }
  const snapshot = answer.value;
  if (snapshot.waybill !== waybill) {
    await markAsked(shop, waybill, now);
    return {
      ok: false,
      failure: { kind: "unexpected_answer", status: 200, detail: `asked about waybill ${waybill}, got ${snapshot.waybill}` },
    };
  }

  const known = await prisma.inboxEvent.findMany({ where: { shop, waybill }, select: { topic: true, occurredAt: true } });
  const missing = missingEvents(snapshot, known, { timeZone: settings.wakilniZone, topicOf: topicFromApiStatusName });
  const batch = missing.events.map((event): ReceivedWebhook => ({
    shop,
    origin: "reconciliation",
    event,
    rawBody: reconciledRawBody(snapshot, event),
    wakilniZone: settings.wakilniZone,
    headers: { webhookId: null, wakilniRequestId: null, attemptNumber: null, source: null },
    receivedAt: now,
  }));
  // A webhook for one of these may have been stored since the read above: the insert tells.
  const outcomes = batch.length ? await storeReceivedEvents(batch) : [];
  await markAsked(shop, waybill, now);
  return {
    ok: true,
    newChanges: outcomes.filter((outcome) => outcome === "stored").length,
    knownChanges: missing.known + outcomes.filter((outcome) => outcome !== "stored").length,
    unreadableChanges: missing.skipped.length,
    currentStatus: snapshot.current.statusName,
  };
}

async function markAsked(shop: string, waybill: string, now: Date): Promise<void> {
  await prisma.delivery.updateMany({ where: { shop, waybill }, data: { reconciledAt: now } });
}
