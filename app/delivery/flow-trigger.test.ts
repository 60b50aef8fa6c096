import { describe, expect, it } from "vitest";
import { initialDeliveryState } from "./state";
import { orderReferenceId, statusChangedPayload, STATUS_CHANGED_FIELDS } from "./flow-trigger";

describe("the status-changed Flow trigger", () => {
  it("keys fields as Flow allows: letters and spaces", () => {
    for (const { key } of Object.values(STATUS_CHANGED_FIELDS)) expect(key).toMatch(/^[A-Za-z ]+$/);
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
