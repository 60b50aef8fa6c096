// Why a delivery is in the needs-attention queue, in one word the pages, the CSV export and the
// tests share. A parcel can have several reasons at once; the queue shows the one a merchant
// must act on first: no order to apply to, then Shopify refusing, then what Wakilni said.
// Pure: the delivery's facts in, a reason out.
import { WAKILNI_STATUSES } from "../wakilni/statuses";
import { topicFromCode } from "../wakilni/topics";

export const ATTENTION_REASONS = [
  "unmatched",
  "apply-failed",
  "failed-attempt",
  "rejected",
  "postponed",
  "declined",
  "returned",
  "other",
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** The Wakilni statuses that flag attention, each with the reason the merchant reads. */
const STATUS_REASONS: Readonly<Partial<Record<string, AttentionReason>>> = {
  failed: "failed-attempt",
  completed_rejected: "rejected",
  postponed: "postponed",
  declined: "declined",
  closed_failed: "returned",
};

export interface AttentionFacts {
  orderId: string | null;
  status: string | null;
  needsAttention: boolean;
  /** One of the waybill's events failed to apply to Shopify since the attention was last resolved. */
  applyFailed: boolean;
}

/** The reason to show, or null for a delivery that needs nobody. */
export function attentionReason(facts: AttentionFacts): AttentionReason | null {
  if (facts.orderId === null) return "unmatched";
  if (facts.applyFailed) return "apply-failed";
  if (!facts.needsAttention) return null;
  const topic = facts.status ? topicFromCode(facts.status) : null;
  if (topic && WAKILNI_STATUSES[topic].needsAttention) return STATUS_REASONS[topic] ?? "other";
  return "other";
}
