// The merchant's "Retry" on an event the worker has stopped trying (failed, dead) or is
// waiting on (parked, e.g. after creating the missing order): the store queues it again
// (requeueForRetry) and this process's worker is woken to try it at once.
import { prisma } from "../db.server";
import { inboxSignal } from "./inbox-signal.server";
import { RETRYABLE_STATES } from "./inbox-states";
import { requeueForRetry } from "./inbox-store.server";
import type { RetryResult } from "./manual-retry";

export async function retryInboxEvent(shop: string, inboxEventId: number, now: Date): Promise<RetryResult> {
  const result = await requeueForRetry(shop, inboxEventId, now);
  if (result.ok) inboxSignal.notify();
  return result;
}

/** The Retry button's form (`eventId`), as the delivery and event log pages post it. */
export async function retryInboxEventFromForm(shop: string, form: FormData, now: Date): Promise<RetryResult> {
  return retryInboxEvent(shop, Number(form.get("eventId")), now);
}

/**
 * "Retry" on one waybill (the order-page block): every event of the waybill the worker has
 * stopped trying, queued again oldest first; how many were.
 */
export async function retryWaybillEvents(shop: string, waybill: string, now: Date): Promise<number> {
  const events = await prisma.inboxEvent.findMany({
    where: { shop, waybill, state: { in: [...RETRYABLE_STATES] } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  let retried = 0;
  for (const { id } of events) if ((await requeueForRetry(shop, id, now)).ok) retried += 1;
  if (retried > 0) inboxSignal.notify();
  return retried;
}
