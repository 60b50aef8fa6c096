// Everything the Wakilni webhook endpoint does, in the order the checks must happen: size,
// endpoint key, signature over the raw bytes, then the payload and its age. Only an accepted
// event is stored, and the answer goes out after it is committed; rejections only bump a counter.
// Transport-neutral (a method, a header reader, the body as bytes), so its tests call it
// directly; in the app, server.mjs's Node adapter hands it each request (wakilni-webhook-node.server.ts).
import { findInstalledShopByEndpointKey, webhookSecrets } from "../settings/shop-settings.server";
import { verifyWakilniSignature } from "../wakilni/signature";
import { parseWakilniEvent } from "../wakilni/payload";
import { databaseReady } from "../db.server";
import { BodyTooLargeError, readLimitedBody } from "./read-limited-body";
import { countRejection, storeReceivedEvents, type ReceivedWebhook, type StoreOutcome } from "./inbox-store.server";
import { GroupCommit } from "./group-commit";
import { inboxSignal } from "./inbox-signal.server";
import { MAX_EVENT_AGE_DAYS, MAX_EVENT_LEAD_MINUTES, latestAcceptedEventTime, oldestAcceptedEventTime } from "./event-age-limit.server";
import { addLogContext, logText, logger } from "../logging/logger.server";
import { env } from "../env.server";

export const MAX_BODY_BYTES = 256 * 1024;

/** At most this many events go to disk in one transaction; more wait for the next one. */
export const MAX_EVENTS_PER_COMMIT = 64;

/** Concurrent deliveries share one transaction and one fsync (decision 014). */
export const webhookCommits = new GroupCommit<ReceivedWebhook, StoreOutcome>({
  commit: storeReceivedEvents,
  maxBatch: MAX_EVENTS_PER_COMMIT,
});

/** Wakilni retries a 503; a burst it sends back later is better than one answered late or reset. */
const OVERLOADED_RETRY_AFTER_SECONDS = "5";

let inProgress = 0;

export type RejectionReason =
  | "method_not_allowed"
  | "payload_too_large"
  | "unknown_endpoint"
  | "missing_signature"
  | "malformed_signature"
  | "signature_mismatch"
  | "secret_not_set"
  | "invalid_json"
  | "invalid_payload"
  | "topic_mismatch"
  | "event_too_old"
  | "event_in_future"
  | "event_id_conflict"
  | "storage_unavailable"
  // Not counted per shop: the request is refused before anything of it is read or looked up.
  | "overloaded";

/** One HTTP request, whatever carried it. */
export interface WebhookRequest {
  method: string;
  header(name: string): string | null;
  body: AsyncIterable<Uint8Array> | null;
}

/** What became of a delivery, for its log line and the webhook counter. */
export type WebhookOutcome = "accepted" | "duplicate" | RejectionReason;

export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  outcome: WebhookOutcome;
}

function reply(status: number, outcome: WebhookOutcome, body: Record<string, unknown>, headers?: Record<string, string>): WebhookAnswer {
  return {
    status,
    outcome,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify(body),
  };
}

function reject(
  status: number,
  reason: RejectionReason,
  message: string,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  return reply(status, reason, { ok: false, error: reason, message, ...extra }, headers);
}

function optionalHeader(request: WebhookRequest, name: string, maxLength = 200): string | null {
  const value = request.header(name)?.trim();
  return value ? value.slice(0, maxLength) : null;
}

function attemptNumber(request: WebhookRequest): number | null {
  const value = Number(request.header("x-attempt-number"));
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * Answers one delivery. At most WEBHOOK_MAX_IN_PROGRESS are worked on at once: past that, the
 * server is not keeping up, and a newcomer is answered 503 with Retry-After before its body is
 * read, so a burst costs the server nothing it has not already admitted (the admission queue).
 */
export async function receiveWakilniWebhook(
  request: WebhookRequest,
  endpointKey: string | undefined,
  now: () => Date,
): Promise<WebhookAnswer> {
  if (inProgress >= env.WEBHOOK_MAX_IN_PROGRESS) {
    return reject(503, "overloaded", "too many deliveries at once; please retry", undefined, {
      "Retry-After": OVERLOADED_RETRY_AFTER_SECONDS,
    });
  }
  inProgress += 1;
  try {
    return await receiveAdmitted(request, endpointKey, now);
  } finally {
    inProgress -= 1;
  }
}

async function receiveAdmitted(request: WebhookRequest, endpointKey: string | undefined, now: () => Date): Promise<WebhookAnswer> {
  if (request.method !== "POST") {
    return reject(405, "method_not_allowed", "Wakilni webhooks are POST requests", undefined, { Allow: "POST" });
  }

  let rawBody: Uint8Array;
  try {
    rawBody = await readLimitedBody(request.header("content-length"), request.body, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      // The rest of the upload is never read: the connection cannot carry another request.
      return reject(413, "payload_too_large", `the body must be at most ${MAX_BODY_BYTES} bytes`, undefined, { Connection: "close" });
    }
    throw error;
  }

  await databaseReady;
  const shop = endpointKey && endpointKey.length <= 64 ? await findInstalledShopByEndpointKey(endpointKey) : null;
  if (!shop) return reject(404, "unknown_endpoint", "no shop uses this Delivery URL; copy it again from the app's settings");
  addLogContext({ shop: shop.shop });

  const receivedAt = now();
  const rejectCounted = async (status: number, reason: RejectionReason, message: string, extra?: Record<string, unknown>) => {
    await countRejection(shop.shop, reason, receivedAt).catch(() => undefined);
    return reject(status, reason, message, extra);
  };

  const signature = request.header("x-webhook-signature");
  if (!signature?.trim()) return rejectCounted(401, "missing_signature", "the x-webhook-signature header is missing");
  const secrets = webhookSecrets(shop, receivedAt);
  if (secrets.length === 0) return rejectCounted(401, "secret_not_set", "the shop has not saved its Wakilni secret yet");
  const verified = verifyWakilniSignature(rawBody, signature, secrets);
  if (!verified.ok) {
    return rejectCounted(
      401,
      verified.reason,
      verified.reason === "malformed_signature"
        ? "x-webhook-signature is not a base64 HMAC-SHA256"
        : "x-webhook-signature does not match the body signed with the shop's Wakilni secret",
    );
  }

  const parsed = parseWakilniEvent(rawBody, { topicHeader: request.header("x-webhook-topic"), timeZone: shop.wakilniZone });
  if (!parsed.ok) {
    const { failure } = parsed;
    if (failure.reason === "invalid_json") return rejectCounted(400, "invalid_json", `the body is not JSON: ${failure.message}`);
    if (failure.reason === "invalid_payload") {
      return rejectCounted(400, "invalid_payload", `${failure.field}: ${failure.message}`, { field: failure.field });
    }
    return rejectCounted(
      400,
      "topic_mismatch",
      `x-webhook-topic "${failure.headerTopic}" does not match the body's event "${failure.bodyTopic}"`,
    );
  }

  addLogContext({ event: logText(parsed.event.eventId), waybill: logText(parsed.event.waybill) });

  if (parsed.event.occurredAt < oldestAcceptedEventTime(receivedAt)) {
    return rejectCounted(
      400,
      "event_too_old",
      `the event's time ${parsed.event.occurredAtText} is more than ${MAX_EVENT_AGE_DAYS} days ago; older events are refused so a captured delivery cannot be replayed`,
    );
  }
  if (parsed.event.occurredAt > latestAcceptedEventTime(receivedAt)) {
    return rejectCounted(
      400,
      "event_in_future",
      `the event's time ${parsed.event.occurredAtText} (${shop.wakilniZone}) is more than ${MAX_EVENT_LEAD_MINUTES} minutes in the future; check the Wakilni time zone in the app's settings`,
    );
  }

  let stored: StoreOutcome;
  try {
    stored = await webhookCommits.submit({
      shop: shop.shop,
      event: parsed.event,
      rawBody: new TextDecoder().decode(rawBody),
      wakilniZone: shop.wakilniZone,
      headers: {
        webhookId: optionalHeader(request, "x-webhook-id"),
        wakilniRequestId: optionalHeader(request, "x-webhook-delivery-id"),
        attemptNumber: attemptNumber(request),
        source: optionalHeader(request, "x-webhook-source"),
      },
      receivedAt,
    });
  } catch (error) {
    logger.error({ err: error }, "wakilni webhook: could not store the event");
    return reject(503, "storage_unavailable", "the event could not be stored; please retry", undefined, { "Retry-After": "5" });
  }
  if (stored === "conflict") {
    // 200, not 409: Wakilni retries what is not 2xx, and no retry can make this body acceptable.
    // The first body stays the event; this one is kept beside it in the event log and counted.
    await countRejection(shop.shop, "event_id_conflict", receivedAt).catch(() => undefined);
    return reply(200, "event_id_conflict", {
      ok: false,
      status: "conflict",
      error: "event_id_conflict" satisfies RejectionReason,
      eventId: parsed.event.eventId,
      message: "an event with this event_id and a different body was received before; the first one is kept",
    });
  }
  if (stored === "stored") inboxSignal.notify();
  const outcome = stored === "stored" ? "accepted" : "duplicate";
  return reply(200, outcome, { ok: true, status: outcome, eventId: parsed.event.eventId });
}
