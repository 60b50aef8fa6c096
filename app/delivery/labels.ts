// Every text the delivery domain writes into Shopify or the timeline: status labels (which
// also make the order tags), fulfillment-event messages and outcome notes. Shopify shows them
// to the merchant as written, so they sit in one table that a translation can replace later.
import type { WakilniTopic } from "../wakilni/topics";

export const STATUS_LABELS: Readonly<Record<WakilniTopic, string>> = Object.freeze({
  created: "Created",
  confirmed: "Confirmed",
  assigned: "Assigned",
  processed: "Out for delivery",
  postponed: "Postponed",
  failed: "Failed attempt",
  completed: "Delivered",
  completed_rejected: "Rejected",
  closed_failed: "Failed",
  pending_cancelation: "Pending cancelation",
  canceled: "Canceled",
  declined: "Declined",
  ready_for_pickup: "Ready for pickup",
});

export const NEEDS_ATTENTION_LABEL = "Needs attention";

/** `{…}` are filled in by formatMessage; keep them when translating. */
export const DELIVERY_MESSAGES = Object.freeze({
  contact: "{name} ({phone})",
  assignedToDriver: "Assigned to driver {driver}",
  assignedToUnnamedDriver: "Assigned to a driver",
  processed: "Out for delivery",
  postponed: "Delivery postponed",
  failed: "Delivery attempt failed",
  completed: "Delivered",
  completedRejected: "Rejected by recipient",
  closedFailed: "Delivery failed and closed by Wakilni",
  readyForPickupAt: "Ready for pickup at {office}",
  readyForPickupAtUnnamedOffice: "Ready for pickup at a Wakilni office",
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
  return (Object.keys(STATUS_LABELS) as WakilniTopic[]).map((topic) => statusTag(topic, prefix));
}

export function needsAttentionTag(prefix: string): string {
  return prefix + NEEDS_ATTENTION_LABEL;
}
