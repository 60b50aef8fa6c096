// Wakilni's side of a webhook delivery, shared by the operator's command line, the demo's
// traffic simulator, the tests and the benchmarks: the body exactly as Wakilni's release note
// "Webhooks for Order Status Updates" (Nov 2024) shows it, signed the way Wakilni signs it, with
// every x-webhook-* header.
import { randomUUID } from "node:crypto";
import { signWakilniBody } from "../app/wakilni/signature";
import { WAKILNI_TOPICS, type WakilniTopic } from "../app/wakilni/topics";
import { DEFAULT_WAKILNI_ZONE, formatWakilniLocalTime } from "../app/wakilni/local-time";

export interface SpecPayloadOptions {
  topic: WakilniTopic | string;
  waybill?: string;
  orderId?: number;
  eventId?: string;
  at?: string;
  driver?: { name: string; phone: string };
  location?: [string, string];
}

/** An instant as Wakilni writes it: wall-clock time in its zone, no offset ("2024-11-14 14:39:13"). */
export function wakilniTimeText(instant: Date, timeZone: string = DEFAULT_WAKILNI_ZONE): string {
  return formatWakilniLocalTime(instant, timeZone).slice(0, 19).replace("T", " ");
}

/**
 * The order id Wakilni would give the waybill's order: a stable six-digit number derived from the
 * waybill (FNV-1a), so each waybill has its own, the same at every send.
 */
export function wakilniOrderIdFor(waybill: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(waybill)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return 100_000 + (hash % 900_000);
}

/**
 * A payload in the shape Wakilni's release note gives for the topic, happening now unless `at`
 * says otherwise (the endpoint refuses events older than its replay window).
 */
export function specPayload(options: SpecPayloadOptions): Record<string, unknown> {
  const topicName = options.topic in WAKILNI_TOPICS ? WAKILNI_TOPICS[options.topic as WakilniTopic] : options.topic;
  const at = options.at ?? wakilniTimeText(new Date());
  const base = { event_id: options.eventId ?? randomUUID(), event: topicName, timestamp: at };
  const waybill = options.waybill ?? "#1001";
  const identity = { order_id: options.orderId ?? wakilniOrderIdFor(waybill), waybill };
  switch (options.topic) {
    case "created":
      return { ...base, data: { ...identity, created_at: at } };
    case "assigned":
      return {
        ...base,
        data: {
          ...identity,
          updated_at: at,
          ...(options.driver ? { driver_name: options.driver.name, driver_phone: options.driver.phone } : {}),
        },
      };
    case "ready_for_pickup":
      return { ...base, data: { ...identity, location: options.location ?? ["Wakilni Hamra", "+961 1 111111"] } };
    default:
      return {
        ...base,
        data: {
          ...identity,
          new_status_code: 7,
          new_status: topicName.replace(/^Order /, ""),
          previous_status_code: 1,
          previous_status: "Pending",
          updated_at: at,
        },
      };
  }
}

export function wakilniHeaders(
  body: string,
  secret: string,
  topicName: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-webhook-signature": signWakilniBody(body, secret),
    "x-attempt-number": "1",
    "x-webhook-source": "https://api.wakilni.com",
    "x-webhook-topic": topicName,
    "x-webhook-id": "17",
    "x-webhook-delivery-id": randomUUID(),
    ...overrides,
  };
}

export interface DeliveryAnswer {
  status: number;
  body: unknown;
}

/**
 * Posts one delivery as Wakilni would and returns the endpoint's answer. `attempt` is what
 * Wakilni puts in x-attempt-number when it retries a delivery it thinks failed.
 */
export async function postWakilniEvent(
  url: string,
  secret: string,
  payload: Record<string, unknown>,
  attempt = 1,
): Promise<DeliveryAnswer> {
  const body = JSON.stringify(payload);
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: wakilniHeaders(body, secret, String(payload.event), { "x-attempt-number": String(attempt) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page, say): the text itself is the most useful answer.
  }
  return { status: response.status, body: parsed };
}
