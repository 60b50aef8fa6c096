// The shape of one Wakilni status event once its body has been verified and parsed.
// Everything downstream (inbox, planner, timeline) works on this, never on raw JSON.
import type { WakilniTopic } from "./topics";

export interface WakilniStatus {
  code: number | null;
  name: string | null;
}

export interface WakilniEvent {
  eventId: string;
  /** null when Wakilni sent a topic this app does not know: stored, shown, never applied. */
  topic: WakilniTopic | null;
  /** The `event` field exactly as sent. */
  topicName: string;
  /** Wakilni's internal order id, as text (it arrives as a number or a string). */
  wakilniOrderId: string;
  /** The merchant's own reference for the parcel. */
  waybill: string;
  /** When the status changed, as Wakilni wrote it (no zone): data.updated_at, data.created_at or the top-level timestamp. */
  occurredAtText: string;
  /** That moment in UTC, read in the shop's Wakilni zone. */
  occurredAt: Date;
  /** The top-level `timestamp` as sent. */
  timestampText: string;
  newStatus: WakilniStatus | null;
  previousStatus: WakilniStatus | null;
  driver: { name: string | null; phone: string | null } | null;
  pickupLocation: { officeName: string | null; phone: string | null } | null;
}
