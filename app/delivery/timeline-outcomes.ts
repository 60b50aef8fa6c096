// What each kind of timeline entry is called and how its badge looks, the same on the app's
// delivery page and in the order-page block. The codes are the outcomes the sync engine stores
// (its TimelineOutcome is this table's codes; the planner's outcomes are checked to be among them).
// Type imports only: the order-page extension bundles this module as it is.
import type { BadgeTone, LocalizedText } from "../wakilni/statuses";

export const TIMELINE_OUTCOMES = {
  applied: { name: { en: "Applied", fr: "Appliqué", ar: "تم التطبيق" }, tone: "success" },
  stale: { name: { en: "Skipped: older", fr: "Ignoré : plus ancien", ar: "تم التجاوز: أقدم" }, tone: "neutral", skipped: true },
  after_terminal: {
    name: { en: "Skipped: already final", fr: "Ignoré : livraison déjà terminée", ar: "تم التجاوز: التوصيلة منتهية" },
    tone: "neutral",
    skipped: true,
  },
  unsupported: { name: { en: "Unsupported", fr: "Non pris en charge", ar: "غير مدعوم" }, tone: "warning" },
  parked: { name: { en: "Waiting for its order", fr: "En attente de sa commande", ar: "بانتظار طلبه" }, tone: "caution" },
  failed: { name: { en: "Failed", fr: "Échoué", ar: "فشل" }, tone: "critical" },
  note: { name: { en: "Note", fr: "Remarque", ar: "ملاحظة" }, tone: "info" },
} as const satisfies Record<string, { name: LocalizedText; tone: BadgeTone; skipped?: true }>;

export type TimelineOutcomeCode = keyof typeof TIMELINE_OUTCOMES;

/** Whether the worker finished with the event without changing anything in Shopify. */
export function isSkippedOutcome(code: string): boolean {
  const known = timelineOutcomeFromCode(code);
  return known !== null && "skipped" in TIMELINE_OUTCOMES[known];
}

/** The outcome a stored code stands for, or null for a code this version does not know (shown as it is). */
export function timelineOutcomeFromCode(code: string): TimelineOutcomeCode | null {
  return Object.hasOwn(TIMELINE_OUTCOMES, code) ? (code as TimelineOutcomeCode) : null;
}
