// The order-status topics Wakilni publishes (release note "Webhooks for Order Status Updates",
// Nov 2024), keyed by a stable code the rest of the app uses, and how a topic name from Wakilni
// or a code from the database is read back. Wakilni's numeric status codes contradict its own
// samples, so the topic name is the only thing the app acts on. The topics are the rows of
// ./statuses.ts.
import { WAKILNI_STATUSES } from "./statuses";

export type WakilniTopic = keyof typeof WAKILNI_STATUSES;

export const ALL_TOPICS = Object.keys(WAKILNI_STATUSES) as WakilniTopic[];

/** Wakilni's name for each topic, as its webhooks send it. */
export const WAKILNI_TOPICS: Readonly<Record<WakilniTopic, string>> = Object.freeze(
  Object.fromEntries(ALL_TOPICS.map((topic) => [topic, WAKILNI_STATUSES[topic].topicName])) as Record<WakilniTopic, string>,
);

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
export const TERMINAL_TOPICS: ReadonlySet<WakilniTopic> = new Set(ALL_TOPICS.filter((topic) => WAKILNI_STATUSES[topic].terminal));

/** The topic a stored code stands for, or null for a code this version does not know. */
export function topicFromCode(code: string): WakilniTopic | null {
  return Object.hasOwn(WAKILNI_STATUSES, code) ? (code as WakilniTopic) : null;
}

/** API status names compared loosely: "SUCCESS, REJECTED", "Success_Rejected" and "success rejected" are one name. */
function normalizeApiStatusName(name: string): string {
  return name
    .trim()
    .replace(/[\s_,]+/g, " ")
    .toLowerCase();
}

const topicByApiStatusName = new Map<string, WakilniTopic>(
  ALL_TOPICS.flatMap((topic) => WAKILNI_STATUSES[topic].apiStatusNames.map((name) => [normalizeApiStatusName(name), topic] as const)),
);

/**
 * The topic a status name from Wakilni's HTTP API stands for (by name, never by its code, which
 * contradicts the webhook sample), or null for a name this app does not know. A topic name
 * itself ("Order Completed") is understood too.
 */
export function topicFromApiStatusName(name: string): WakilniTopic | null {
  return topicByApiStatusName.get(normalizeApiStatusName(name)) ?? topicFromName(name);
}
