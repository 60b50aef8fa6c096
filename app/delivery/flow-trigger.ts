// The app's Shopify Flow triggers: "Wakilni delivery status changed" (extensions/wakilni-status-flow-trigger),
// sent for every applied Wakilni status change, and "Wakilni delivery needs attention"
// (extensions/wakilni-attention-flow-trigger), sent when a change puts the delivery in need of the
// merchant. For each: its handle, the fields it declares, when it fires and the payload sent with
// flowTriggerReceive. The extensions' TOML files declare the same fields; a test holds them
// together and the Admin emulator checks every payload against the TOML. Pure.
import type { WakilniTopic } from "../wakilni/topics";
import { attentionReason } from "./attention";
import { STATUS_LABELS } from "./labels";
import type { DeliveryState } from "./state";
import type { TimelineMessageKey } from "./timeline-messages";

export const STATUS_CHANGED_TRIGGER = "wakilni-delivery-status-changed";

/**
 * The trigger's fields besides the order reference, by the key Flow shows them under (letters and
 * spaces only; Flow turns "Delivery status" into `{{deliveryStatus}}`). Texts, not URLs, so an
 * absent value can be sent as "" (a url field must hold a URL).
 */
export const STATUS_CHANGED_FIELDS = {
  status: { key: "Delivery status", type: "single_line_text_field" },
  statusCode: { key: "Delivery status code", type: "single_line_text_field" },
  previousStatus: { key: "Previous status", type: "single_line_text_field" },
  waybill: { key: "Waybill", type: "single_line_text_field" },
  driverName: { key: "Driver name", type: "single_line_text_field" },
  driverPhone: { key: "Driver phone", type: "single_line_text_field" },
  trackingUrl: { key: "Tracking URL", type: "single_line_text_field" },
  needsAttention: { key: "Needs attention", type: "boolean" },
  attentionReason: { key: "Attention reason", type: "single_line_text_field" },
  wakilniTime: { key: "Wakilni time", type: "single_line_text_field" },
} as const;

export const NEEDS_ATTENTION_TRIGGER = "wakilni-delivery-needs-attention";

/** The attention trigger's fields: the reason first, the ones it shares with the status trigger as they are there. */
export const NEEDS_ATTENTION_FIELDS = {
  attentionReason: STATUS_CHANGED_FIELDS.attentionReason,
  attentionReasonCode: { key: "Attention reason code", type: "single_line_text_field" },
  status: STATUS_CHANGED_FIELDS.status,
  statusCode: STATUS_CHANGED_FIELDS.statusCode,
  waybill: STATUS_CHANGED_FIELDS.waybill,
  driverName: STATUS_CHANGED_FIELDS.driverName,
  driverPhone: STATUS_CHANGED_FIELDS.driverPhone,
  trackingUrl: STATUS_CHANGED_FIELDS.trackingUrl,
  wakilniTime: STATUS_CHANGED_FIELDS.wakilniTime,
} as const;

type TriggerFields = Readonly<Record<string, { key: string; type: string }>>;

/** The numeric id Flow's order reference takes (`order_id`), from the order's GID. */
export function orderReferenceId(orderGid: string): number {
  const match = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(orderGid);
  if (!match) throw new RangeError(`not an order GID: ${orderGid}`);
  return Number(match[1]);
}

type Applied = DeliveryState & { status: WakilniTopic };

/** The payload: the order reference and each field under its key. */
function payloadOf<F extends TriggerFields>(orderGid: string, fields: F, values: Record<keyof F, string | boolean>) {
  return {
    order_id: orderReferenceId(orderGid),
    ...Object.fromEntries(Object.entries(fields).map(([name, field]) => [field.key, values[name as keyof F]])),
  };
}

/** The fields both triggers carry, from the delivery after the change. */
function deliveryValues(after: Applied) {
  return {
    status: STATUS_LABELS[after.status],
    statusCode: after.status,
    waybill: after.waybill,
    driverName: after.driver?.name ?? "",
    driverPhone: after.driver?.phone ?? "",
    trackingUrl: after.trackingUrl ?? "",
    wakilniTime: after.lastAppliedAt?.toISOString() ?? "",
  };
}

/**
 * The payload for one applied status change: the delivery before and after it. Statuses go out as
 * the tag labels ("Delivered"), the words Shopify already shows on the order, in English whatever
 * the merchant's language, so workflow conditions do not depend on it; the code ("completed") is
 * there for conditions that must survive a relabel.
 */
export function statusChangedPayload(orderGid: string, before: DeliveryState, after: Applied) {
  return payloadOf(orderGid, STATUS_CHANGED_FIELDS, {
    ...deliveryValues(after),
    previousStatus: before.status ? STATUS_LABELS[before.status] : "",
    needsAttention: after.needsAttention,
    attentionReason: after.needsAttention ? STATUS_LABELS[after.status] : "",
  });
}

/**
 * The change put a delivery that needed nobody in need of the merchant: a failed attempt after
 * the parcel was out, a rejection… A second attention status in a row (postponed, then failed)
 * does not fire again until the merchant resolved the first or the parcel moved on.
 */
export function entersAttention(before: DeliveryState, after: Applied): boolean {
  return after.needsAttention && !before.needsAttention;
}

/** The payload when a delivery enters attention: why (the status's label and the queue's reason code), and the delivery. */
export function needsAttentionPayload(orderGid: string, after: Applied) {
  const reason = attentionReason({ orderId: orderGid, status: after.status, needsAttention: true, applyFailed: false });
  return payloadOf(orderGid, NEEDS_ATTENTION_FIELDS, {
    ...deliveryValues(after),
    attentionReason: STATUS_LABELS[after.status],
    attentionReasonCode: reason ?? "other",
  });
}

/** What the delivery's timeline says about one trigger: sent, refused by Shopify, not sent again when in doubt. */
export interface TriggerNotes {
  sent: Extract<TimelineMessageKey, `${string}TriggerSent`>;
  refused: Extract<TimelineMessageKey, `${string}TriggerRefused`>;
  inDoubt: Extract<TimelineMessageKey, `${string}TriggerInDoubt`>;
}

/** One of the app's Flow triggers, as the sync engine sends it after applying a change (docs/decisions/016). */
export interface FlowTrigger {
  handle: string;
  fires: (before: DeliveryState, after: Applied) => boolean;
  payload: (orderGid: string, before: DeliveryState, after: Applied) => Record<string, unknown>;
  notes: TriggerNotes;
}

/** Every trigger, in the order they go out for one change. */
export const FLOW_TRIGGERS: readonly FlowTrigger[] = [
  {
    handle: STATUS_CHANGED_TRIGGER,
    fires: () => true,
    payload: statusChangedPayload,
    notes: { sent: "flowTriggerSent", refused: "flowTriggerRefused", inDoubt: "flowTriggerInDoubt" },
  },
  {
    handle: NEEDS_ATTENTION_TRIGGER,
    fires: entersAttention,
    payload: (orderGid, _before, after) => needsAttentionPayload(orderGid, after),
    notes: { sent: "attentionTriggerSent", refused: "attentionTriggerRefused", inDoubt: "attentionTriggerInDoubt" },
  },
];
