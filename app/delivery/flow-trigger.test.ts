import { describe, expect, it } from "vitest";
import { initialDeliveryState } from "./state";
import {
  entersAttention,
  FLOW_TRIGGERS,
  NEEDS_ATTENTION_FIELDS,
  needsAttentionPayload,
  orderReferenceId,
  statusChangedPayload,
  STATUS_CHANGED_FIELDS,
} from "./flow-trigger";

describe("the status-changed Flow trigger", () => {
  it("keys fields as Flow allows: letters and spaces", () => {
    for (const { key } of [...Object.values(STATUS_CHANGED_FIELDS), ...Object.values(NEEDS_ATTENTION_FIELDS)])
      expect(key).toMatch(/^[A-Za-z ]+$/);
  });

  it("sends the delivery's first status with empty texts for what is not known yet", () => {
    const before = initialDeliveryState("WK-1");
    const after = { ...before, status: "created" as const, lastAppliedAt: new Date("2026-11-28T09:00:00Z") };
    expect(statusChangedPayload("gid://shopify/Order/6100000000001", before, after)).toEqual({
      order_id: 6100000000001,
      "Delivery status": "Created",
      "Delivery status code": "created",
      "Previous status": "",
      Waybill: "WK-1",
      "Driver name": "",
      "Driver phone": "",
      "Tracking URL": "",
      "Needs attention": false,
      "Attention reason": "",
      "Wakilni time": "2026-11-28T09:00:00.000Z",
    });
  });

  it("refuses anything but an order GID", () => {
    expect(() => orderReferenceId("gid://shopify/Fulfillment/1")).toThrow(RangeError);
  });
});

describe("the needs-attention Flow trigger", () => {
  const out = { ...initialDeliveryState("WK-1"), status: "processed" as const, lastAppliedAt: new Date("2026-11-28T10:00:00Z") };
  const failed = { ...out, status: "failed" as const, needsAttention: true, lastAppliedAt: new Date("2026-11-28T11:00:00Z") };

  it("fires when a change puts a delivery that needed nobody in need of attention, not on the next one", () => {
    expect(entersAttention(out, failed)).toBe(true);
    expect(entersAttention(failed, { ...failed, status: "postponed" })).toBe(false);
    expect(entersAttention(failed, { ...out, status: "processed" })).toBe(false);
    expect(entersAttention(out, { ...out, status: "completed" })).toBe(false);
  });

  it("says why, in the tag's words and the queue's reason code", () => {
    expect(needsAttentionPayload("gid://shopify/Order/61", { ...failed, status: "closed_failed" })).toEqual({
      order_id: 61,
      "Attention reason": "Failed",
      "Attention reason code": "returned",
      "Delivery status": "Failed",
      "Delivery status code": "closed_failed",
      Waybill: "WK-1",
      "Driver name": "",
      "Driver phone": "",
      "Tracking URL": "",
      "Wakilni time": "2026-11-28T11:00:00.000Z",
    });
  });

  it("goes out after the status trigger, each under its own handle", () => {
    expect(FLOW_TRIGGERS.map((trigger) => [trigger.handle, trigger.fires(out, failed)])).toEqual([
      ["wakilni-delivery-status-changed", true],
      ["wakilni-delivery-needs-attention", true],
    ]);
  });
});
