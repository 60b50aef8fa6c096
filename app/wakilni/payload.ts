// Turns a verified Wakilni delivery body into a WakilniEvent, or says precisely why it cannot.
// Wakilni's payloads are only loosely documented (ids arrive as numbers or strings, status codes
// contradict the samples, newer topics add fields), so this is the single place that decides
// what is accepted; every failure names the offending field so a rejected delivery can be
// diagnosed from the log alone.
import type { WakilniEvent, WakilniStatus } from "./event";
import { isValidTimeZone, parseWakilniLocalTime } from "./local-time";
import { normalizeTopicName, topicFromName } from "./topics";

export type PayloadFailure =
  | { reason: "invalid_json"; message: string }
  | { reason: "invalid_payload"; field: string; message: string }
  | { reason: "topic_mismatch"; headerTopic: string; bodyTopic: string };

const MAX_TEXT = 200;

// Text no database of the app can store: PostgreSQL's text type refuses NUL, and a lone UTF-16
// surrogate (legal as a JSON escape, "\ud800") has no UTF-8 form. Both reach here only from a
// body that escaped them on purpose or by a bug, and would otherwise fail every insert for ever.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this pattern is for.
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Identifiers (event_id, event, order_id, waybill) are refused: patched, two different ids could
 * become one. Free text (names, phones, offices, status names) is only shown, so its unstorable
 * characters become U+FFFD and the event still goes through; the raw body keeps the escapes as sent.
 */
type UnstorableText = "refuse" | "replace";
const MAX_ORDER_ID = 64;
const TIME_EXAMPLE = "2024-11-14 14:39:13";

// fatal: a body that is not UTF-8 is rejected rather than silently patched with U+FFFD.
const utf8 = new TextDecoder("utf-8", { fatal: true });

type JsonObject = { [key: string]: unknown };

/** Thrown while reading the body, so each reader stays a plain function; caught in parseWakilniEvent. */
class InvalidField extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function required<T>(value: T | null, field: string): T {
  if (value === null) throw new InvalidField(field, "is required");
  return value;
}

/** Trimmed text; null when absent or blank, since an empty name or phone tells nothing. */
function optionalText(value: unknown, field: string, unstorable: UnstorableText, maxLength = MAX_TEXT): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new InvalidField(field, "must be a string");
  let text = value.trim();
  if (text.length > maxLength) throw new InvalidField(field, `must be at most ${maxLength} characters`);
  UNSTORABLE_TEXT.lastIndex = 0;
  if (UNSTORABLE_TEXT.test(text)) {
    if (unstorable === "refuse") throw new InvalidField(field, "must not contain a NUL character or a lone UTF-16 surrogate");
    text = text.replace(UNSTORABLE_TEXT, "\uFFFD");
  }
  return text === "" ? null : text;
}

/** Wakilni sends ids both as JSON numbers and as strings; either way the app keeps text. */
function textOrInteger(value: unknown, field: string, maxLength: number, allowNegative: boolean): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new InvalidField(field, "must be a whole number");
    if (value < 0 && !allowNegative) throw new InvalidField(field, "must not be negative");
    return String(value);
  }
  if (value !== undefined && value !== null && typeof value !== "string") {
    throw new InvalidField(field, "must be a string or a number");
  }
  return required(optionalText(value, field, "refuse", maxLength), field);
}

function statusCode(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  const code = typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof code !== "number" || !Number.isSafeInteger(code)) throw new InvalidField(field, "must be a whole number");
  return code;
}

function optionalTime(value: unknown, field: string, timeZone: string): { text: string; at: Date } | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") {
    const at = parseWakilniLocalTime(value, timeZone);
    if (at) return { text: value, at };
  }
  throw new InvalidField(field, `must be a time like "${TIME_EXAMPLE}"`);
}

function pickupLocation(value: unknown, field: string): WakilniEvent["pickupLocation"] {
  if (value === undefined || value === null) return null;
  // The spec's form is [office_name, phone_number]; the object form is what a JSON API would send instead.
  if (Array.isArray(value) && value.length <= 2) {
    return { officeName: optionalText(value[0], `${field}[0]`, "replace"), phone: optionalText(value[1], `${field}[1]`, "replace") };
  }
  if (isObject(value)) {
    return {
      officeName: optionalText(value.office_name, `${field}.office_name`, "replace"),
      phone: optionalText(value.phone_number, `${field}.phone_number`, "replace"),
    };
  }
  throw new InvalidField(field, "must be [office_name, phone_number] or {office_name, phone_number}");
}

function status(code: number | null, name: string | null): WakilniStatus | null {
  return code === null && name === null ? null : { code, name };
}

function readEvent(body: unknown, timeZone: string): WakilniEvent {
  if (!isObject(body)) throw new InvalidField("$", "must be a JSON object");
  const eventId = required(optionalText(body.event_id, "event_id", "refuse"), "event_id");
  required(optionalText(body.event, "event", "refuse"), "event");
  const topicName = body.event as string;
  const timestamp = required(optionalTime(body.timestamp, "timestamp", timeZone), "timestamp");

  const data = body.data;
  if (!isObject(data)) throw new InvalidField("data", data === undefined || data === null ? "is required" : "must be an object");
  const wakilniOrderId = textOrInteger(data.order_id, "data.order_id", MAX_ORDER_ID, false);
  const waybill = textOrInteger(data.waybill, "data.waybill", MAX_TEXT, true);
  // Both are read before choosing, so a broken created_at is caught even beside a good updated_at.
  const updatedAt = optionalTime(data.updated_at, "data.updated_at", timeZone);
  const createdAt = optionalTime(data.created_at, "data.created_at", timeZone);
  const occurred = updatedAt ?? createdAt ?? timestamp;
  const newStatus = status(
    statusCode(data.new_status_code, "data.new_status_code"),
    optionalText(data.new_status, "data.new_status", "replace"),
  );
  const previousStatus = status(
    statusCode(data.previous_status_code, "data.previous_status_code"),
    optionalText(data.previous_status, "data.previous_status", "replace"),
  );
  const driverName = optionalText(data.driver_name, "data.driver_name", "replace");
  const driverPhone = optionalText(data.driver_phone, "data.driver_phone", "replace");

  return {
    eventId,
    topic: topicFromName(topicName),
    topicName,
    wakilniOrderId,
    waybill,
    occurredAtText: occurred.text,
    occurredAt: occurred.at,
    timestampText: timestamp.text,
    newStatus,
    previousStatus,
    driver: driverName === null && driverPhone === null ? null : { name: driverName, phone: driverPhone },
    pickupLocation: pickupLocation(data.location, "data.location"),
  };
}

function sameTopic(headerTopic: string, bodyTopic: string): boolean {
  const fromHeader = topicFromName(headerTopic);
  const fromBody = topicFromName(bodyTopic);
  if (fromHeader !== null || fromBody !== null) return fromHeader === fromBody;
  return normalizeTopicName(headerTopic) === normalizeTopicName(bodyTopic);
}

/**
 * Reads a delivery body (the raw bytes, or text already decoded) with Wakilni's zone-less times
 * taken in `timeZone`. An unknown topic still parses (topic: null) so it can be stored and shown.
 * A present x-webhook-topic header must name the same topic as the body's `event`.
 * Throws a RangeError for an unknown `timeZone`, whatever the body: that is a configuration fault.
 */
export function parseWakilniEvent(
  rawBody: Uint8Array | string,
  options: { topicHeader: string | null | undefined; timeZone: string },
): { ok: true; event: WakilniEvent } | { ok: false; failure: PayloadFailure } {
  if (!isValidTimeZone(options.timeZone)) throw new RangeError(`Unknown time zone: ${options.timeZone}`);
  let body: unknown;
  try {
    body = JSON.parse(typeof rawBody === "string" ? rawBody : utf8.decode(rawBody));
  } catch (error) {
    return { ok: false, failure: { reason: "invalid_json", message: error instanceof Error ? error.message : String(error) } };
  }

  let event: WakilniEvent;
  try {
    event = readEvent(body, options.timeZone);
  } catch (error) {
    if (!(error instanceof InvalidField)) throw error;
    return { ok: false, failure: { reason: "invalid_payload", field: error.field, message: `${error.field} ${error.message}` } };
  }

  const headerTopic = options.topicHeader?.trim();
  if (headerTopic && !sameTopic(headerTopic, event.topicName)) {
    return { ok: false, failure: { reason: "topic_mismatch", headerTopic, bodyTopic: event.topicName } };
  }
  return { ok: true, event };
}
