// The app's Shopify Flow trigger "Wakilni delivery status changed" (extensions/wakilni-status-flow-trigger):
// its handle, the fields it declares and the payload sent with flowTriggerReceive for one applied
// Wakilni status change. The extension's TOML declares the same fields; a test holds the two
// together and the Admin emulator checks every payload against the TOML. Pure.
import type { WakilniTopic } from "../wakilni/topics";
import { STATUS_LABELS } from "./labels";
import type { DeliveryState } from "./state";

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

type FieldName = keyof typeof STATUS_CHANGED_FIELDS;

/** The numeric id Flow's order reference takes (`order_id`), from the order's GID. */
export function orderReferenceId(orderGid: string): number {
  const match = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(orderGid);
  if (!match) throw new RangeError(`not an order GID: ${orderGid}`);
  return Number(match[1]);
}

/**
 * The payload for one applied status change: the delivery before and after it. Statuses go out as
 * the tag labels ("Delivered"), the words Shopify already shows on the order, in English whatever
 * the merchant's language, so workflow conditions do not depend on it; the code ("completed") is
 * there for conditions that must survive a relabel.
 */
export function statusChangedPayload(orderGid: string, before: DeliveryState, after: DeliveryState & { status: WakilniTopic }) {
  const values: Record<FieldName, string | boolean> = {
    status: STATUS_LABELS[after.status],
    statusCode: after.status,
    previousStatus: before.status ? STATUS_LABELS[before.status] : "",
    waybill: after.waybill,
    driverName: after.driver?.name ?? "",
    driverPhone: after.driver?.phone ?? "",
    trackingUrl: after.trackingUrl ?? "",
    needsAttention: after.needsAttention,
    attentionReason: after.needsAttention ? STATUS_LABELS[after.status] : "",
    wakilniTime: after.lastAppliedAt?.toISOString() ?? "",
  };
  return {
    order_id: orderReferenceId(orderGid),
    ...Object.fromEntries(Object.entries(values).map(([name, value]) => [STATUS_CHANGED_FIELDS[name as FieldName].key, value])),
  };
}
