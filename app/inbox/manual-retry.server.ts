// The merchant's "Retry" on an event the worker has stopped trying (failed, dead) or is
// waiting on (parked, e.g. after creating the missing order): the store queues it again
// (requeueForRetry) and this process's worker is woken to try it at once.
import { inboxSignal } from "./inbox-signal.server";
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
