// The shop's choices that shape what a Wakilni event does in Shopify, with the defaults a
// fresh install runs on. Validation lives here too, so the settings page and the planner agree
// on what a usable value is (a bad tag prefix or URL would otherwise fail every sync).
import { STATUS_LABELS, NEEDS_ATTENTION_LABEL } from "./labels";

/** The Wakilni topic at which the app creates the Shopify fulfillment. */
export type FulfillmentStage = "confirmed" | "assigned" | "processed";

/** In the order Wakilni reaches them: the state machine relies on it. */
export const FULFILLMENT_STAGES: readonly FulfillmentStage[] = ["confirmed", "assigned", "processed"];

export interface DeliverySettings {
  tagPrefix: string;
  fulfillmentStage: FulfillmentStage;
  notifyCustomer: boolean;
  /** The driver's phone reaches the buyer (the delivery metafield, the order status page). */
  showDriverPhoneToBuyers: boolean;
  /** '' = no tracking URL; otherwise may hold {waybill} and {order_id}. */
  trackingUrlTemplate: string;
  /** A delivered cash-on-delivery order still pending payment is marked paid (docs/decisions/015). */
  markCodPaid: boolean;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = Object.freeze({
  tagPrefix: "Wakilni: ",
  fulfillmentStage: "assigned",
  notifyCustomer: true,
  showDriverPhoneToBuyers: false,
  trackingUrlTemplate: "",
  markCodPaid: true,
});

export type Validation = { ok: true } | { ok: false; message: string };

/** The database stores the stage as text; anything unknown falls back to the default rather than breaking the sync. */
export function fulfillmentStageFrom(value: string): FulfillmentStage {
  return (FULFILLMENT_STAGES as readonly string[]).includes(value)
    ? (value as FulfillmentStage)
    : DEFAULT_DELIVERY_SETTINGS.fulfillmentStage;
}

/** Shopify caps a tag at 40 characters and splits tag strings on commas. */
export const MAX_TAG_LENGTH = 40;

export function validateTagPrefix(prefix: string): Validation {
  const longestLabel = Math.max(NEEDS_ATTENTION_LABEL.length, ...Object.values(STATUS_LABELS).map((label) => label.length));
  // An empty prefix would make "Delivered" or "Failed" app-owned, and the app would remove
  // merchants' own tags of that name.
  if (prefix.trim() === "") return { ok: false, message: "The tag prefix cannot be empty." };
  if (prefix.includes(",")) return { ok: false, message: "The tag prefix cannot contain a comma." };
  if (prefix.length + longestLabel > MAX_TAG_LENGTH) {
    return { ok: false, message: `The tag prefix can be at most ${MAX_TAG_LENGTH - longestLabel} characters long.` };
  }
  return { ok: true };
}

const TRACKING_PLACEHOLDER = /\{(waybill|order_id)\}/g;

export function validateTrackingUrlTemplate(template: string): Validation {
  const trimmed = template.trim();
  if (trimmed === "") return { ok: true };
  if (trimmed.length > 255) return { ok: false, message: "The tracking URL can be at most 255 characters long." };
  const unknown = trimmed.replace(TRACKING_PLACEHOLDER, "").match(/\{[^}]*\}?/);
  if (unknown) return { ok: false, message: `Unknown placeholder ${unknown[0]}: use {waybill} or {order_id}.` };
  if (renderTrackingUrl(trimmed, { waybill: "1", wakilniOrderId: "1" }) === null) {
    return { ok: false, message: "The tracking URL must be a full http:// or https:// address." };
  }
  return { ok: true };
}

/**
 * The parcel's tracking page, or null without a usable template. Values are URL-encoded so a
 * waybill such as "A/B #1" cannot change the URL's structure; a template that does not give an
 * http(s) URL yields null, since Shopify would refuse the whole fulfillment over it.
 */
export function renderTrackingUrl(template: string, ids: { waybill: string; wakilniOrderId: string | null }): string | null {
  const trimmed = template.trim();
  if (trimmed === "") return null;
  const url = trimmed.replace(TRACKING_PLACEHOLDER, (_, name: string) =>
    encodeURIComponent(name === "waybill" ? ids.waybill : (ids.wakilniOrderId ?? "")),
  );
  if (!URL.canParse(url)) return null;
  const { protocol } = new URL(url);
  return protocol === "https:" || protocol === "http:" ? url : null;
}
