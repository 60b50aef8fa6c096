// How the overview groups Wakilni statuses into what a merchant counts: a parcel delivered, a
// failed attempt, a parcel that came back (rejected by the recipient, or failed and closed),
// a cancelation (by the merchant or declined by Wakilni). A period's figures and the per-day
// chart count the Wakilni events of those statuses by the day Wakilni says they happened.
import { WAKILNI_STATUSES } from "../wakilni/statuses";
import { ALL_TOPICS, type WakilniTopic } from "../wakilni/topics";

export const OUTCOMES = ["delivered", "failedAttempt", "returned", "canceled"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_TOPICS: Readonly<Record<Outcome, readonly WakilniTopic[]>> = {
  delivered: ["completed"],
  failedAttempt: ["failed"],
  returned: ["completed_rejected", "closed_failed"],
  canceled: ["canceled", "declined"],
};

/** Every topic some outcome counts. */
export const OUTCOME_TOPIC_LIST: readonly WakilniTopic[] = OUTCOMES.flatMap((outcome) => OUTCOME_TOPICS[outcome]);

export function outcomeOfTopic(topic: WakilniTopic): Outcome | null {
  return OUTCOMES.find((outcome) => OUTCOME_TOPICS[outcome].includes(topic)) ?? null;
}

/** A parcel whose journey is not over: picked up or about to be, somewhere between the shop and the buyer. */
export const IN_TRANSIT_TOPICS: readonly WakilniTopic[] = ALL_TOPICS.filter((topic) => !WAKILNI_STATUSES[topic].terminal);

/** With a driver on the way to the buyer. */
export const OUT_FOR_DELIVERY_TOPIC: WakilniTopic = "processed";

/** The milestones time to deliver is measured from. */
export const TIME_TO_DELIVER_FROM = ["created", "assigned"] as const satisfies readonly WakilniTopic[];

/**
 * The share of parcels that reached the buyer among those whose journey ended at the buyer's
 * door: delivered against delivered plus came back. Cancelations are left out (most happen
 * before a driver ever left); null when nothing ended in the period.
 */
export function successRate(delivered: number, returned: number): number | null {
  const ended = delivered + returned;
  return ended === 0 ? null : delivered / ended;
}

/**
 * The buckets of the time-to-deliver chart, in hours: each is [from, to). The last is open.
 * Same-day, next-day and a few days are what merchants promise buyers.
 */
export const TIME_TO_DELIVER_BUCKETS: readonly { fromHours: number; toHours: number | null }[] = [
  { fromHours: 0, toHours: 4 },
  { fromHours: 4, toHours: 12 },
  { fromHours: 12, toHours: 24 },
  { fromHours: 24, toHours: 48 },
  { fromHours: 48, toHours: 72 },
  { fromHours: 72, toHours: 120 },
  { fromHours: 120, toHours: 168 },
  { fromHours: 168, toHours: null },
];

/** Spans from this many hours on fall in the last bucket: the rollup keeps them in one row. */
export const TIME_TO_DELIVER_CAP_HOURS = TIME_TO_DELIVER_BUCKETS[TIME_TO_DELIVER_BUCKETS.length - 1].fromHours;
