// What the block writes for the route's codes: statuses, outcomes and times in the merchant's
// language. The route also sends English labels; they are only the fallback for a status
// code newer than this extension.
import type { OrderDelivery } from "../../../app/delivery/order-timeline";

type BadgeTone = "neutral" | "info" | "success" | "warning" | "critical";

// Every Wakilni topic the app knows (app/wakilni/topics.ts), with how alarming it is: a
// parcel on its way is news, a postponed or failed attempt needs watching, and an end other
// than "delivered" is bad news.
const STATUS_TONES: Readonly<Record<string, BadgeTone>> = {
  created: "info",
  confirmed: "info",
  assigned: "info",
  processed: "info",
  ready_for_pickup: "info",
  postponed: "warning",
  failed: "warning",
  pending_cancelation: "warning",
  completed: "success",
  completed_rejected: "critical",
  closed_failed: "critical",
  canceled: "critical",
  declined: "critical",
};

const OUTCOMES = new Set(["applied", "stale", "after_terminal", "unsupported", "parked", "failed", "note"]);

function isKnownStatus(code: string | null): code is string {
  return code !== null && Object.hasOwn(STATUS_TONES, code);
}

export function statusTone(status: string | null): BadgeTone {
  return isKnownStatus(status) ? STATUS_TONES[status] : "neutral";
}

export function statusText({ status, statusLabel }: Pick<OrderDelivery, "status" | "statusLabel">): string {
  if (isKnownStatus(status)) return shopify.i18n.translate(`status.${status}`);
  return statusLabel ?? status ?? shopify.i18n.translate("status.none");
}

/** A timeline entry's topic: a known code translated, an unknown one as Wakilni named it. */
export function topicText(topic: string | null): string | null {
  return isKnownStatus(topic) ? shopify.i18n.translate(`status.${topic}`) : topic;
}

export function outcomeText(outcome: string): string {
  return OUTCOMES.has(outcome) ? shopify.i18n.translate(`outcome.${outcome}`) : outcome;
}

/** An instant in the merchant's language, on the Wakilni zone's clock like the Wakilni portal. */
export function formatTime(iso: string, wakilniZone: string): string {
  return shopify.i18n.formatDate(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: wakilniZone });
}
