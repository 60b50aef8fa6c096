// The inbox columns an accepted Wakilni event is stored in, and the event read back from them.
// The webhook parses the body once; the worker hands the sync engine these stored values instead
// of parsing the raw body again, so the inbox and the planner see the very same time and topic
// (docs/decisions/011-parse-once.md). The raw body stays for people to read, not for the engine.
import type { WakilniEvent, WakilniStatus } from "../wakilni/event";
import { topicFromCode } from "../wakilni/topics";

export interface StoredEventColumns {
  eventId: string;
  /** The topic code; null for a topic this app did not know when the event arrived. */
  topic: string | null;
  topicName: string;
  waybill: string;
  wakilniOrderId: string;
  newStatusCode: number | null;
  newStatus: string | null;
  previousStatusCode: number | null;
  previousStatus: string | null;
  occurredAtText: string;
  occurredAt: Date;
  timestampText: string;
  driverName: string | null;
  driverPhone: string | null;
  pickupOfficeName: string | null;
  pickupPhone: string | null;
}

/** The columns to select to read an event back (a Prisma `select`, written without Prisma). */
export const STORED_EVENT_SELECT = Object.freeze({
  eventId: true,
  topic: true,
  topicName: true,
  waybill: true,
  wakilniOrderId: true,
  newStatusCode: true,
  newStatus: true,
  previousStatusCode: true,
  previousStatus: true,
  occurredAtText: true,
  occurredAt: true,
  timestampText: true,
  driverName: true,
  driverPhone: true,
  pickupOfficeName: true,
  pickupPhone: true,
} as const satisfies Record<keyof StoredEventColumns, true>);

export function storedEventColumns(event: WakilniEvent): StoredEventColumns {
  return {
    eventId: event.eventId,
    topic: event.topic,
    topicName: event.topicName,
    waybill: event.waybill,
    wakilniOrderId: event.wakilniOrderId,
    newStatusCode: event.newStatus?.code ?? null,
    newStatus: event.newStatus?.name ?? null,
    previousStatusCode: event.previousStatus?.code ?? null,
    previousStatus: event.previousStatus?.name ?? null,
    occurredAtText: event.occurredAtText,
    occurredAt: event.occurredAt,
    timestampText: event.timestampText,
    driverName: event.driver?.name ?? null,
    driverPhone: event.driver?.phone ?? null,
    pickupOfficeName: event.pickupLocation?.officeName ?? null,
    pickupPhone: event.pickupLocation?.phone ?? null,
  };
}

function status(code: number | null, name: string | null): WakilniStatus | null {
  return code === null && name === null ? null : { code, name };
}

/** The event as the webhook parsed it, from its stored row. */
export function wakilniEventFromColumns(row: StoredEventColumns): WakilniEvent {
  return {
    eventId: row.eventId,
    topic: row.topic === null ? null : topicFromCode(row.topic),
    topicName: row.topicName,
    wakilniOrderId: row.wakilniOrderId,
    waybill: row.waybill,
    occurredAtText: row.occurredAtText,
    occurredAt: row.occurredAt,
    timestampText: row.timestampText,
    newStatus: status(row.newStatusCode, row.newStatus),
    previousStatus: status(row.previousStatusCode, row.previousStatus),
    // Both parts missing is no driver or office at all, as the parser has it (an empty location included).
    driver: row.driverName === null && row.driverPhone === null ? null : { name: row.driverName, phone: row.driverPhone },
    pickupLocation:
      row.pickupOfficeName === null && row.pickupPhone === null ? null : { officeName: row.pickupOfficeName, phone: row.pickupPhone },
  };
}
