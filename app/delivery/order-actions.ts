// The JSON of the order surfaces' actions: the order action's "Link a Wakilni waybill"
// (GET/POST /api/orders/<id>/link), the order-page block's "Retry" (POST /api/orders/<id>/retry) and
// "Refresh from Wakilni" (POST /api/orders/<id>/refresh, also the delivery page's). Types only, and
// type imports only, so the extensions share them without pulling server code in. A refusal is
// ./order-action-refusals.ts's RefusalAnswer: a key the extension says in the merchant's language.
import type { WakilniApiFailure } from "../wakilni/api/wakilni-api";
import type { RefusalAnswer } from "./order-action-refusals";

/** A waybill Wakilni reported that matches no order yet: the parked events wait for a link. */
export interface ParkedWaybill {
  waybill: string;
  /** Why the app could not match it (English, as the delivery page shows it). */
  reason: string | null;
  /** When the last Wakilni event for it arrived (UTC ISO). */
  lastEventAt: string | null;
  /** How many of its events wait for the link. */
  parkedEvents: number;
}

export interface LinkSuggestions {
  /** Waybills already linked to this order (the block's own list, for a "this order has…" note). */
  linkedWaybills: string[];
  /** The shop's unmatched waybills, most recent first. */
  suggestions: ParkedWaybill[];
}

export interface LinkWaybillRequest {
  waybill: string;
}

/** Or a refusal the merchant can act on (unknown order, waybill already fulfilled elsewhere…). */
export type LinkWaybillAnswer = { linked: { waybill: string; orderName: string; replayed: number } } | RefusalAnswer;

export interface RetryDeliveryRequest {
  waybill: string;
}

export type RetryDeliveryAnswer = { retried: number } | RefusalAnswer;

export interface ResolveAttentionRequest {
  waybill: string;
}

/** resolvedBy: who the timeline names. */
export type ResolveAttentionAnswer = { resolvedBy: string } | RefusalAnswer;

export interface RefreshDeliveryRequest {
  waybill: string;
}

/** What asking Wakilni about one delivery found (app/reconcile/refresh.server.ts). */
export type RefreshDeliveryAnswer =
  | {
      ok: true;
      /** Status changes Wakilni knew and the app had missed: stored now, on their way to Shopify. */
      newChanges: number;
      knownChanges: number;
      /** Changes whose status name or time the app cannot read: left out. */
      unreadableChanges: number;
      /** Wakilni's current status name, as it sent it. */
      currentStatus: string;
    }
  | { ok: false; failure: WakilniApiFailure }
  /** The shop has no working connection to Wakilni's API (no credentials, or the check has not passed). */
  | { ok: false; notConnected: true };
