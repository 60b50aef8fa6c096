// The one port for everything the app asks Wakilni's HTTP API. Nothing about Wakilni's API is in
// official stored documentation (../shared/wakilni.md), so every guess about paths, fields and
// status codes lives behind this interface, in one HTTP adapter; the connection check, "Refresh
// from Wakilni" and the reconciliation job see only these types. Plain TypeScript, no imports of
// Remix, Prisma or Shopify.

/** Which Wakilni API the shop's account lives on; the adapter picks the host from it. */
export type WakilniRegion = "lebanon" | "jordan" | "test";

/** What the shop gave the app to talk to Wakilni's API (opened from their sealed columns). */
export interface WakilniApiCredentials {
  region: WakilniRegion;
  /** The app token from the settings page; null when the merchant has not given one. */
  appToken: string | null;
  /** The API key/secret pair from Wakilni's portal, when the token alone is not enough. */
  apiKey: string | null;
  apiSecret: string | null;
}

/** Why a call gave no answer the app can use: shown to the merchant, and decides whether to retry. */
export type WakilniApiFailure =
  /** No HTTP answer: DNS, refused connection, timeout. Transient. */
  | { kind: "unreachable"; detail: string }
  /** 401/403: the credentials are wrong or revoked. Not retried until the merchant changes them. */
  | { kind: "refused"; status: number; detail: string }
  /** 429: wait `retryAfterSeconds` (null when Wakilni did not say). Transient. */
  | { kind: "rate_limited"; retryAfterSeconds: number | null }
  /** Wakilni has no order under that reference. */
  | { kind: "not_found" }
  /** 5xx. Transient. */
  | { kind: "server_error"; status: number }
  /** An answer the adapter cannot read (not JSON, fields missing or of another type). */
  | { kind: "unexpected_answer"; status: number; detail: string };

export type WakilniApiResult<T> = { ok: true; value: T } | { ok: false; failure: WakilniApiFailure };

/** Who the credentials belong to, when Wakilni says. */
export interface WakilniAccount {
  name: string | null;
}

/** One status change in an order's history, as Wakilni's API reports it. */
export interface WakilniStatusChange {
  /** Wakilni's status name as sent (mapped to a topic by name, never by code alone). */
  statusName: string;
  /** The raw status code, kept for display and diagnosis; never acted on by itself. */
  statusCode: number | null;
  /** When it happened, as Wakilni wrote it (Wakilni local time, no zone), like a webhook's updated_at. */
  occurredAtText: string;
  driver: { name: string | null; phone: string | null } | null;
}

/** An order's current status and history, as fetched now. */
export interface WakilniOrderSnapshot {
  wakilniOrderId: string;
  waybill: string;
  trackingUrl: string | null;
  current: WakilniStatusChange;
  /** Oldest first. */
  history: WakilniStatusChange[];
}

/** A reference to one Wakilni order: the merchant's waybill or Wakilni's own order id. */
export type WakilniOrderReference = { waybill: string } | { wakilniOrderId: string };

export interface WakilniApi {
  /** Proves the credentials work (exchanging them for a bearer token where Wakilni needs one). */
  checkCredentials(): Promise<WakilniApiResult<WakilniAccount>>;
  /** The order's current status and full history. */
  fetchOrder(reference: WakilniOrderReference): Promise<WakilniApiResult<WakilniOrderSnapshot>>;
}

/** Failures worth trying again later without the merchant doing anything. */
export function isTransientWakilniFailure(failure: WakilniApiFailure): boolean {
  return failure.kind === "unreachable" || failure.kind === "rate_limited" || failure.kind === "server_error";
}
