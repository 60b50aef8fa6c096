import { describe, expect, it } from "vitest";
import {
  DEFAULT_DELIVERY_SETTINGS,
  FULFILLMENT_STAGES,
  fulfillmentStageFrom,
  renderTrackingUrl,
  validateTagPrefix,
  validateTrackingUrlTemplate,
} from "./settings";

describe("DEFAULT_DELIVERY_SETTINGS", () => {
  it("matches the documented defaults and cannot be changed by accident", () => {
    expect(DEFAULT_DELIVERY_SETTINGS).toEqual({
      tagPrefix: "Wakilni: ",
      fulfillmentStage: "assigned",
      notifyCustomer: true,
      showDriverPhoneToBuyers: false,
      trackingUrlTemplate: "",
      markCodPaid: true,
    });
    expect(Object.isFrozen(DEFAULT_DELIVERY_SETTINGS)).toBe(true);
  });
});

describe("fulfillmentStageFrom", () => {
  it.each(FULFILLMENT_STAGES)("reads %s", (stage) => {
    expect(fulfillmentStageFrom(stage)).toBe(stage);
  });

  it.each(["", "Assigned", "completed", "created"])("falls back to the default for %j", (value) => {
    expect(fulfillmentStageFrom(value)).toBe("assigned");
  });
});

describe("validateTagPrefix", () => {
  it.each(["Wakilni: ", "WK/", "wakilni-", "x".repeat(21)])("accepts %j", (prefix) => {
    expect(validateTagPrefix(prefix)).toEqual({ ok: true });
  });

  it.each([
    ["", "The tag prefix cannot be empty."],
    ["   ", "The tag prefix cannot be empty."],
    ["Wakilni, ", "The tag prefix cannot contain a comma."],
    ["x".repeat(22), "The tag prefix can be at most 21 characters long."],
  ])("refuses %j", (prefix, message) => {
    expect(validateTagPrefix(prefix)).toEqual({ ok: false, message });
  });
});

describe("renderTrackingUrl", () => {
  const ids = { waybill: "1001", wakilniOrderId: "123" };

  it("gives no URL without a template", () => {
    expect(renderTrackingUrl("", ids)).toBeNull();
    expect(renderTrackingUrl("   ", ids)).toBeNull();
  });

  it("fills every placeholder, as often as it appears", () => {
    expect(renderTrackingUrl("https://t.example.com/{waybill}?o={order_id}&w={waybill}", ids)).toBe(
      "https://t.example.com/1001?o=123&w=1001",
    );
  });

  it("URL-encodes the values so they cannot change the URL's structure", () => {
    const url = renderTrackingUrl(" https://t.example.com/track/{waybill}?order={order_id} ", {
      waybill: "SHOP 1/#1?x=y&z",
      wakilniOrderId: "12 3&evil=1",
    });
    expect(url).toBe("https://t.example.com/track/SHOP%201%2F%231%3Fx%3Dy%26z?order=12%203%26evil%3D1");
    expect(new URL(url!).searchParams.get("order")).toBe("12 3&evil=1");
  });

  it("encodes non-ASCII waybills", () => {
    expect(renderTrackingUrl("https://t.example.com/{waybill}", { waybill: "طلب-١", wakilniOrderId: null })).toBe(
      "https://t.example.com/%D8%B7%D9%84%D8%A8-%D9%A1",
    );
  });

  it("fills an unknown Wakilni order id with nothing", () => {
    expect(renderTrackingUrl("https://t.example.com/{order_id}", { waybill: "1", wakilniOrderId: null })).toBe("https://t.example.com/");
  });

  it("does not substitute placeholders that a value itself contains", () => {
    expect(renderTrackingUrl("https://t.example.com/{waybill}/{order_id}", { waybill: "{order_id}", wakilniOrderId: "9" })).toBe(
      "https://t.example.com/%7Border_id%7D/9",
    );
  });

  it.each(["t.example.com/{waybill}", "javascript:alert({waybill})", "ftp://t.example.com/{waybill}", "https://"])(
    "gives no URL for the unusable template %j",
    (template) => {
      expect(renderTrackingUrl(template, ids)).toBeNull();
    },
  );
});

describe("validateTrackingUrlTemplate", () => {
  it.each(["", "https://wakilni.com/track?waybill={waybill}", "http://t.example.com/{order_id}/{waybill}", "https://t.example.com/static"])(
    "accepts %j",
    (template) => {
      expect(validateTrackingUrlTemplate(template)).toEqual({ ok: true });
    },
  );

  it.each([
    ["https://t.example.com/{tracking}", "Unknown placeholder {tracking}: use {waybill} or {order_id}."],
    ["https://t.example.com/{waybill", "Unknown placeholder {waybill: use {waybill} or {order_id}."],
    ["https://t.example.com/{ORDER_ID}", "Unknown placeholder {ORDER_ID}: use {waybill} or {order_id}."],
    ["t.example.com/{waybill}", "The tracking URL must be a full http:// or https:// address."],
    ["javascript:alert(1)", "The tracking URL must be a full http:// or https:// address."],
    [`https://t.example.com/${"x".repeat(240)}`, "The tracking URL can be at most 255 characters long."],
  ])("refuses %j", (template, message) => {
    expect(validateTrackingUrlTemplate(template)).toEqual({ ok: false, message });
  });
});
