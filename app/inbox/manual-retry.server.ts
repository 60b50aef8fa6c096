// The merchant's "Retry" on an event the worker has stopped trying (failed, dead) or is
// waiting on (parked, e.g. after creating the missing order). The event goes back into the
// queue as it is: its attempts still count, and its last error stays until the next attempt
// replaces it, so the event log keeps showing why it was retried.
import { prisma } from "../db.server";
import { inboxSignal } from "./inbox-signal.server";
import { RETRYABLE_STATES, type RetryResult } from "./manual-retry";

export async function retryInboxEvent(shop: string, inboxEventId: number, now: Date): Promise<RetryResult> {
  if (!Number.isSafeInteger(inboxEventId)) return { ok: false, reason: "not_found" };
  const retried = await prisma.$transaction(async (tx) => {
    // Conditional on the state, so an event the worker picked up meanwhile is left alone.
    const updated = await tx.inboxEvent.updateMany({
      where: { id: inboxEventId, shop, state: { in: [...RETRYABLE_STATES] } },
      data: { state: "received", nextAttemptAt: now, finishedAt: null },
    });
    if (updated.count === 0) return false;
    await tx.inboxEventTransition.create({ data: { inboxEventId, state: "received", at: now, detail: "manual retry" } });
    return true;
  });
  if (retried) {
    inboxSignal.notify();
    return { ok: true };
  }
  const exists = await prisma.inboxEvent.count({ where: { id: inboxEventId, shop } });
  return { ok: false, reason: exists ? "not_retryable" : "not_found" };
}

/** The Retry button's form (`eventId`), as the delivery and event log pages post it. */
export async function retryInboxEventFromForm(shop: string, form: FormData, now: Date): Promise<RetryResult> {
  return retryInboxEvent(shop, Number(form.get("eventId")), now);
}
