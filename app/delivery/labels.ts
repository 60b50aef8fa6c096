// The texts the delivery domain writes into Shopify or the timeline beyond a status's own row
// in ../wakilni/statuses.ts (its tag label and plain fulfillment-event message): the tags made
// from those labels, the messages that carry Wakilni's details, and the outcome notes. Shopify
// shows them to the merchant as written, so they sit in one table a translation can replace later.
import { WAKILNI_STATUSES } from "../wakilni/statuses";
import { ALL_TOPICS, type WakilniTopic } from "../wakilni/topics";

/** Each status's tag label, which the metafield and the timeline notes also carry. */
export const STATUS_LABELS: Readonly<Record<WakilniTopic, string>> = Object.freeze(
  Object.fromEntries(ALL_TOPICS.map((topic) => [topic, WAKILNI_STATUSES[topic].tagLabel])) as Record<WakilniTopic, string>,
);

export const NEEDS_ATTENTION_LABEL = "Needs attention";

/** `{…}` are filled in by formatMessage; keep them when translating. */
export const DELIVERY_MESSAGES = Object.freeze({
  contact: "{name} ({phone})",
  assignedToDriver: "Assigned to driver {driver}",
  readyForPickupAt: "Ready for pickup at {office}",
  noteApplied: "Applied: {status}",
  noteStale: "Skipped: older than the last applied event ({lastAppliedAt})",
  noteAfterTerminal: "Skipped: the delivery is already final ({status})",
  noteUnsupported: 'Not applied: unknown Wakilni topic "{topicName}"',
  unmatchedOrder: "No order matches waybill {waybill} yet: retrying for a day, or link it by hand",
  unmatchedPattern: "Waybill {waybill} does not fit the shop's waybill pattern; link it by hand",
  otherServicesLeftAlone: "Left alone: items fulfilled by {locations}",
  otherItemsLeftAlone: "Left alone: the order's items at another fulfillment service",
  adoptedLatestFulfillment: "Already fulfilled: Wakilni events go to the order's latest fulfillment",
  nothingToFulfill: "Order {order} has nothing left to fulfil at a merchant-managed location",
  unlinkedFromOrder: "Unlinked from order {order} (undone: {undone}); waiting for a link",
  cashMarkedPaid: "Marked paid: {amount} {currency} collected in cash by Wakilni ({gateway})",
  cashAlreadyPaid: "Payment left alone: the cash-on-delivery order is already paid",
  cashNotPayable: "Payment left alone: Shopify cannot mark this order paid",
  cashNotMarked: "Not marked paid: {errors}",
  flowTriggerSent: "Shopify Flow trigger sent: {status}",
  flowTriggerRefused: "Shopify Flow refused the trigger for {status}: {errors}",
  flowTriggerInDoubt: "Shopify Flow trigger for {status} not sent again: an earlier attempt may have reached Shopify unanswered",
});

export type DeliveryMessageKey = keyof typeof DELIVERY_MESSAGES;

export function formatMessage(key: DeliveryMessageKey, values: Record<string, string> = {}): string {
  return DELIVERY_MESSAGES[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/** "Ali (+961 3 123456)", "Ali" or "+961 3 123456"; null when Wakilni gave neither. */
export function formatContact(name: string | null, phone: string | null): string | null {
  const cleanName = name?.trim() || null;
  const cleanPhone = phone?.trim() || null;
  if (cleanName && cleanPhone) return formatMessage("contact", { name: cleanName, phone: cleanPhone });
  return cleanName ?? cleanPhone;
}

export function statusTag(topic: WakilniTopic, prefix: string): string {
  return prefix + STATUS_LABELS[topic];
}

/** Every status tag the app may have set under this prefix: at most one of them is on an order. */
export function allStatusTags(prefix: string): string[] {
  return ALL_TOPICS.map((topic) => statusTag(topic, prefix));
}

export function needsAttentionTag(prefix: string): string {
  return prefix + NEEDS_ATTENTION_LABEL;
}

/** Every tag the app may have put on an order under this prefix: what an unlink takes off. */
export function allAppTags(prefix: string): string[] {
  return [...allStatusTags(prefix), needsAttentionTag(prefix)];
}
