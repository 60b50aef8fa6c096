// The texts the delivery domain writes into Shopify beyond a status's own row in
// ../wakilni/statuses.ts (its tag label and plain fulfillment-event message): the tags made from
// those labels and the fulfillment-event messages that carry Wakilni's details. Shopify shows
// them as written, so they sit in one table a translation can replace later. What the app's
// timeline says is not here: it is stored as keys of ./timeline-messages.ts, in three languages.
import { WAKILNI_STATUSES } from "../wakilni/statuses";
import { ALL_TOPICS, type WakilniTopic } from "../wakilni/topics";

/** Each status's tag label, which the metafield also carries. */
export const STATUS_LABELS: Readonly<Record<WakilniTopic, string>> = Object.freeze(
  Object.fromEntries(ALL_TOPICS.map((topic) => [topic, WAKILNI_STATUSES[topic].tagLabel])) as Record<WakilniTopic, string>,
);

export const NEEDS_ATTENTION_LABEL = "Needs attention";

/** `{…}` are filled in by formatMessage; keep them when translating. */
export const DELIVERY_MESSAGES = Object.freeze({
  contact: "{name} ({phone})",
  assignedToDriver: "Assigned to driver {driver}",
  readyForPickupAt: "Ready for pickup at {office}",
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
