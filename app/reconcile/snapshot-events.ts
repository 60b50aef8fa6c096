// What a Wakilni order snapshot (fetched from Wakilni's API) tells the inbox that its webhooks did
// not: the status changes the inbox has no event for, turned into inbox events marked as coming
// from reconciliation. They then go through the same inbox as webhooks — Wakilni time order per
// waybill, deduplication, the planner's rules — so a healed delivery ends where the webhooks would
// have taken it (docs/decisions/021-reconciliation.md). Pure: no database, no clock.
import { createHash } from "node:crypto";
import type { WakilniEvent } from "../wakilni/event";
import type { WakilniOrderSnapshot, WakilniStatusChange } from "../wakilni/api/wakilni-api";
import { parseWakilniLocalTime } from "../wakilni/local-time";
import { WAKILNI_TOPICS, type WakilniTopic } from "../wakilni/topics";

/** A status change the inbox already holds for the waybill (from a webhook or an earlier reconciliation). */
export interface KnownChange {
  topic: string | null;
  occurredAt: Date;
}

/** A change of the snapshot the inbox will not get, and why. */
export interface SkippedChange {
  change: WakilniStatusChange;
  reason: "unknown_status" | "unreadable_time";
}

export interface MissingEvents {
  /** Oldest first, one per change the inbox lacks; their event ids are deterministic. */
  events: WakilniEvent[];
  /** Changes the snapshot holds that the inbox already has. */
  known: number;
  skipped: SkippedChange[];
}

/** The prefix of every reconciled event id: such an id never collides with Wakilni's UUIDs. */
export const RECONCILED_EVENT_ID_PREFIX = "reconciled-";

/**
 * The same change always gets the same id, so fetching an order twice (a refresh during a
 * reconciliation run, two app instances) stores it once: the inbox's unique (shop, event_id).
 */
export function reconciledEventId(waybill: string, topic: WakilniTopic, occurredAt: Date): string {
  const digest = createHash("sha256").update(`${waybill}\n${topic}\n${occurredAt.toISOString()}`).digest("hex");
  return `${RECONCILED_EVENT_ID_PREFIX}${digest.slice(0, 32)}`;
}

/** A change and the same change again as `current`: the history's last entry is usually the current status. */
function sameChange(a: WakilniStatusChange, b: WakilniStatusChange): boolean {
  return a.statusName === b.statusName && a.occurredAtText === b.occurredAtText;
}

/** Every change of the snapshot once, oldest first (the history, then the current status if it is not its last entry). */
export function snapshotChanges(snapshot: WakilniOrderSnapshot): WakilniStatusChange[] {
  const { history, current } = snapshot;
  return history.some((change) => sameChange(change, current)) ? [...history] : [...history, current];
}

function changeKey(topic: string, occurredAt: Date): string {
  return `${topic}\u0000${occurredAt.getTime()}`;
}

/**
 * The snapshot's changes the inbox lacks, as events. A change matches a stored event when both
 * name the same topic at the same Wakilni time (to the millisecond, read in the shop's zone), so
 * a change that already arrived by webhook is never stored twice. A status name no topic answers
 * to, or a time that is not one, is skipped and reported, never guessed at.
 */
export function missingEvents(
  snapshot: WakilniOrderSnapshot,
  known: readonly KnownChange[],
  options: { timeZone: string; topicOf: (statusName: string) => WakilniTopic | null },
): MissingEvents {
  const have = new Set(known.flatMap((change) => (change.topic === null ? [] : [changeKey(change.topic, change.occurredAt)])));
  const events: WakilniEvent[] = [];
  const skipped: SkippedChange[] = [];
  let knownCount = 0;
  let previous: WakilniStatusChange | null = null;
  for (const change of snapshotChanges(snapshot)) {
    const before = previous;
    previous = change;
    const topic = options.topicOf(change.statusName);
    if (topic === null) {
      skipped.push({ change, reason: "unknown_status" });
      continue;
    }
    const occurredAt = parseWakilniLocalTime(change.occurredAtText, options.timeZone);
    if (occurredAt === null) {
      skipped.push({ change, reason: "unreadable_time" });
      continue;
    }
    const key = changeKey(topic, occurredAt);
    if (have.has(key)) {
      knownCount += 1;
      continue;
    }
    have.add(key);
    events.push({
      eventId: reconciledEventId(snapshot.waybill, topic, occurredAt),
      topic,
      topicName: WAKILNI_TOPICS[topic],
      wakilniOrderId: snapshot.wakilniOrderId,
      waybill: snapshot.waybill,
      occurredAtText: change.occurredAtText,
      occurredAt,
      timestampText: change.occurredAtText,
      newStatus: { code: change.statusCode, name: change.statusName },
      previousStatus: before && { code: before.statusCode, name: before.statusName },
      driver: change.driver && (change.driver.name || change.driver.phone) ? { ...change.driver } : null,
      pickupLocation: null,
    });
  }
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return { events, known: knownCount, skipped };
}

/**
 * What the event log shows as a reconciled event's body: the change as Wakilni's API reported
 * it. Built from the change alone (not the time it was fetched), so the same change fetched
 * again has the same body and is a plain duplicate, not a conflict.
 */
export function reconciledRawBody(
  snapshot: Pick<WakilniOrderSnapshot, "wakilniOrderId" | "waybill" | "trackingUrl">,
  event: WakilniEvent,
): string {
  return JSON.stringify({
    origin: "reconciliation",
    wakilni_order_id: snapshot.wakilniOrderId,
    waybill: snapshot.waybill,
    tracking_url: snapshot.trackingUrl,
    status: event.newStatus?.name ?? null,
    status_code: event.newStatus?.code ?? null,
    at: event.occurredAtText,
    driver: event.driver,
  });
}
