// The order-status topics Wakilni publishes, keyed by a stable code the rest of the app
// uses, as Wakilni's release note "Webhooks for Order Status Updates" (Nov 2024) lists them.
// Wakilni's numeric status codes contradict its own samples, so the topic name is the only
// thing the app acts on.

export const WAKILNI_TOPICS = {
  created: "Order Created",
  confirmed: "Order Confirmed",
  declined: "Order Declined",
  assigned: "Order Assigned",
  processed: "Order Processed",
  canceled: "Order Canceled",
  postponed: "Order Postponed",
  completed: "Order Completed",
  completed_rejected: "Order Completed Rejected",
  closed_failed: "Order Closed Failed",
  pending_cancelation: "Order Pending Cancelation",
  failed: "Order Failed",
  ready_for_pickup: "Order Ready for Self-Pickup",
} as const;

export type WakilniTopic = keyof typeof WAKILNI_TOPICS;
export type WakilniTopicName = (typeof WAKILNI_TOPICS)[WakilniTopic];

export const ALL_TOPICS = Object.keys(WAKILNI_TOPICS) as WakilniTopic[];

const topicByName = new Map<string, WakilniTopic>(ALL_TOPICS.map((topic) => [normalizeTopicName(WAKILNI_TOPICS[topic]), topic]));

/** Topic names compared the way Wakilni's own spellings vary: case and spacing ignored. */
export function normalizeTopicName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** The topic a name stands for, or null when Wakilni sent a topic this app does not know yet. */
export function topicFromName(name: string): WakilniTopic | null {
  return topicByName.get(normalizeTopicName(name)) ?? null;
}

/** After these the parcel's journey is over: later events never move Shopify backwards. */
export const TERMINAL_TOPICS: ReadonlySet<WakilniTopic> = new Set([
  "completed",
  "completed_rejected",
  "closed_failed",
  "canceled",
  "declined",
]);

/** The topic a stored code stands for, or null for a code this version does not know. */
export function topicFromCode(code: string): WakilniTopic | null {
  return Object.hasOwn(WAKILNI_TOPICS, code) ? (code as WakilniTopic) : null;
}
