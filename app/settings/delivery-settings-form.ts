// Reads and checks the delivery settings form. The delivery domain's validators decide what is
// valid, since the planner relies on the same rules; they explain only in English, so each
// failure is named here by looking at the input, and the page shows it in the merchant's
// language. A failure this module does not recognise keeps the validator's own text rather
// than get a wrong translation.
import type { MessageKey } from "../i18n/messages";
import { NEEDS_ATTENTION_LABEL, STATUS_LABELS } from "../delivery/labels";
import {
  FULFILLMENT_STAGES,
  MAX_TAG_LENGTH,
  renderTrackingUrl,
  validateTagPrefix,
  validateTrackingUrlTemplate,
  type FulfillmentStage,
  type Validation,
} from "../delivery/settings";
import { MAX_WAYBILL_PATTERN_LENGTH, validateWaybillPattern, waybillCandidates } from "../delivery/waybill";
import type { FieldError } from "./credentials-form";
import type { ShopDeliverySettings } from "./shop-settings.server";

export const WAKILNI_ZONES = [
  { value: "Asia/Beirut", label: "settings.zone.beirut" },
  { value: "Asia/Amman", label: "settings.zone.amman" },
] as const satisfies readonly { value: string; label: MessageKey }[];

/** The longest prefix validateTagPrefix accepts: the prefix plus any status label must fit in a Shopify tag. */
export const MAX_TAG_PREFIX_LENGTH =
  MAX_TAG_LENGTH - Math.max(NEEDS_ATTENTION_LABEL.length, ...Object.values(STATUS_LABELS).map((label) => label.length));

/** validateTrackingUrlTemplate's limit, which it does not export; a test keeps the two in step. */
export const MAX_TRACKING_URL_LENGTH = 255;

const WAYBILL_PLACEHOLDER = /\{(?:number|name)\}/g;
const TRACKING_PLACEHOLDER = /\{(?:waybill|order_id)\}/g;

function tooLong(max: number): FieldError {
  return { key: "settings.error.tooLong", values: { max } };
}

function explain(validation: Validation, reason: () => FieldError | null): FieldError | null {
  if (validation.ok) return null;
  return reason() ?? { key: "settings.error.invalid", values: { detail: validation.message } };
}

export function tagPrefixError(prefix: string): FieldError | null {
  return explain(validateTagPrefix(prefix), () => {
    if (prefix.trim() === "") return { key: "settings.error.required" };
    if (prefix.includes(",")) return { key: "settings.error.comma" };
    if (prefix.length > MAX_TAG_PREFIX_LENGTH) return tooLong(MAX_TAG_PREFIX_LENGTH);
    return null;
  });
}

export function waybillPatternError(pattern: string): FieldError | null {
  return explain(validateWaybillPattern(pattern), () => {
    const trimmed = pattern.trim();
    if (trimmed.length > MAX_WAYBILL_PATTERN_LENGTH) return tooLong(MAX_WAYBILL_PATTERN_LENGTH);
    if ((trimmed.match(WAYBILL_PLACEHOLDER) ?? []).length !== 1) return { key: "settings.error.waybillPlaceholder" };
    const literal = trimmed.replace(WAYBILL_PLACEHOLDER, "");
    if (/[{}]/.test(literal)) return { key: "settings.error.waybillBraces" };
    if (/\p{Cc}/u.test(literal)) return { key: "settings.error.controlCharacters" };
    return null;
  });
}

export function trackingUrlTemplateError(template: string): FieldError | null {
  return explain(validateTrackingUrlTemplate(template), () => {
    const trimmed = template.trim();
    if (trimmed.length > MAX_TRACKING_URL_LENGTH) return tooLong(MAX_TRACKING_URL_LENGTH);
    const unknown = trimmed.replace(TRACKING_PLACEHOLDER, "").match(/\{[^}]*\}?/);
    if (unknown) return { key: "settings.error.trackingPlaceholder", values: { placeholder: unknown[0] } };
    if (renderTrackingUrl(trimmed, { waybill: "1", wakilniOrderId: "1" }) === null) return { key: "settings.error.url" };
    return null;
  });
}

/**
 * A waybill the pattern accepts and the order it finds, worked out by the matcher itself so
 * the example cannot lie; null for the default (empty) pattern or an invalid one.
 */
export function waybillPatternExample(pattern: string): { waybill: string; order: string } | null {
  const trimmed = pattern.trim();
  if (trimmed === "" || !validateWaybillPattern(trimmed).ok) return null;
  const waybill = trimmed.replace(WAYBILL_PLACEHOLDER, trimmed.includes("{number}") ? "1001" : "#1001");
  const match = waybillCandidates(waybill, trimmed).find((candidate) => candidate.kind === "name");
  return match?.kind === "name" ? { waybill, order: match.name } : null;
}

/** Silence worth a warning on the overview: from an hour to a week (a Sunday and a holiday included). */
export const SILENT_AFTER_HOURS = { min: 1, max: 168, default: 24 } as const;

/** Silence after which reconciliation asks Wakilni about a parcel (docs/decisions/021): an hour to a week. */
export const RECONCILE_SILENT_HOURS = { min: 1, max: 168, default: 6 } as const;

/** Wakilni look-ups a minute reconciliation may make for the shop: its token bucket's rate. */
export const RECONCILE_PER_MINUTE = { min: 1, max: 600, default: 30 } as const;

type WholeNumberRange = { min: number; max: number; default: number };

/** A whole number in the range; a form without the field gets the default. */
function readWholeNumber(value: FormDataEntryValue | null, range: WholeNumberRange): number | FieldError {
  if (value === null) return range.default;
  const text = String(value).trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < range.min || number > range.max) {
    return { key: "settings.error.wholeNumberRange", values: { min: range.min, max: range.max } };
  }
  return number;
}

export type DeliverySettingsField = keyof ShopDeliverySettings;

export type DeliverySettingsForm =
  { ok: true; settings: ShopDeliverySettings } | { ok: false; errors: Partial<Record<DeliverySettingsField, FieldError>> };

export function readDeliverySettingsForm(form: FormData): DeliverySettingsForm {
  const text = (field: DeliverySettingsField) => String(form.get(field) ?? "");
  const numbers = {
    silentAfterHours: [readWholeNumber(form.get("silentAfterHours"), SILENT_AFTER_HOURS), SILENT_AFTER_HOURS],
    reconcileSilentHours: [readWholeNumber(form.get("reconcileSilentHours"), RECONCILE_SILENT_HOURS), RECONCILE_SILENT_HOURS],
    reconcilePerMinute: [readWholeNumber(form.get("reconcilePerMinute"), RECONCILE_PER_MINUTE), RECONCILE_PER_MINUTE],
  } as const;
  const number = (field: keyof typeof numbers) => {
    const [read, range] = numbers[field];
    return typeof read === "number" ? read : range.default;
  };
  const settings: ShopDeliverySettings = {
    wakilniZone: text("wakilniZone"),
    fulfillmentStage: text("fulfillmentStage") as FulfillmentStage,
    // "on" is what a plain HTML checkbox sends.
    notifyCustomer: ["true", "on"].includes(text("notifyCustomer")),
    showDriverPhoneToBuyers: ["true", "on"].includes(text("showDriverPhoneToBuyers")),
    markCodPaid: ["true", "on"].includes(text("markCodPaid")),
    // A trailing space is part of the prefix ("Wakilni: Delivered"); a leading one Shopify
    // would strip from the tag, and the app would no longer recognise its own tags.
    tagPrefix: text("tagPrefix").trimStart(),
    waybillPattern: text("waybillPattern").trim(),
    trackingUrlTemplate: text("trackingUrlTemplate").trim(),
    silentAfterHours: number("silentAfterHours"),
    reconcileEnabled: ["true", "on"].includes(text("reconcileEnabled")),
    reconcileSilentHours: number("reconcileSilentHours"),
    reconcilePerMinute: number("reconcilePerMinute"),
  };
  const errors: Partial<Record<DeliverySettingsField, FieldError>> = {};
  if (!WAKILNI_ZONES.some((zone) => zone.value === settings.wakilniZone)) errors.wakilniZone = { key: "settings.error.timeZone" };
  if (!FULFILLMENT_STAGES.includes(settings.fulfillmentStage)) errors.fulfillmentStage = { key: "settings.error.choice" };
  const checks = [
    ["tagPrefix", tagPrefixError(settings.tagPrefix)],
    ["waybillPattern", waybillPatternError(settings.waybillPattern)],
    ["trackingUrlTemplate", trackingUrlTemplateError(settings.trackingUrlTemplate)],
  ] as const;
  for (const [field, error] of checks) if (error) errors[field] = error;
  for (const [field, [read]] of Object.entries(numbers) as [keyof typeof numbers, (typeof numbers)[keyof typeof numbers]][]) {
    if (typeof read === "object") errors[field] = read;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** The Wakilni order id the tracking-link preview fills {order_id} with. */
export const SAMPLE_WAKILNI_ORDER_ID = "123456";

/**
 * The tracking link a customer would get for a sample parcel, rendered by the planner's own
 * renderTrackingUrl: the waybill is the pattern's example (or order #1001 when waybills are
 * order names). Null while the template is empty or not a usable address.
 */
export function trackingUrlPreview(template: string, waybillPattern: string): { waybill: string; url: string } | null {
  const waybill = waybillPatternExample(waybillPattern)?.waybill ?? "#1001";
  const url = renderTrackingUrl(template, { waybill, wakilniOrderId: SAMPLE_WAKILNI_ORDER_ID });
  return url === null ? null : { waybill, url };
}
