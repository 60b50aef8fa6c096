import { describe, expect, it } from "vitest";
import { validateTagPrefix, validateTrackingUrlTemplate } from "../delivery/settings";
import { waybillCandidates } from "../delivery/waybill";
import {
  MAX_TAG_PREFIX_LENGTH,
  MAX_TRACKING_URL_LENGTH,
  readDeliverySettingsForm,
  tagPrefixError,
  trackingUrlPreview,
  trackingUrlTemplateError,
  waybillPatternError,
  waybillPatternExample,
} from "./delivery-settings-form";

const valid = {
  wakilniZone: "Asia/Amman",
  fulfillmentStage: "processed",
  notifyCustomer: "false",
  markCodPaid: "on",
  tagPrefix: "WK: ",
  waybillPattern: " SHOP-{number} ",
  trackingUrlTemplate: " https://track.example.com/{waybill}?o={order_id} ",
};

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("readDeliverySettingsForm", () => {
  it("reads reconciliation's switch, silence and rate, and refuses numbers out of range naming the range", () => {
    const read = readDeliverySettingsForm(form({ ...valid, reconcileEnabled: "on", reconcileSilentHours: "12", reconcilePerMinute: "5" }));
    expect(read.ok && read.settings).toMatchObject({ reconcileEnabled: true, reconcileSilentHours: 12, reconcilePerMinute: 5 });
    expect(readDeliverySettingsForm(form({ ...valid, reconcileSilentHours: "0", reconcilePerMinute: "601" }))).toEqual({
      ok: false,
      errors: {
        reconcileSilentHours: { key: "settings.error.wholeNumberRange", values: { min: 1, max: 168 } },
        reconcilePerMinute: { key: "settings.error.wholeNumberRange", values: { min: 1, max: 600 } },
      },
    });
  });

  it("reads valid settings, trimming what spaces cannot belong to", () => {
    expect(readDeliverySettingsForm(form({ ...valid, tagPrefix: "  WK: " }))).toEqual({
      ok: true,
      settings: {
        wakilniZone: "Asia/Amman",
        fulfillmentStage: "processed",
        notifyCustomer: false,
        showDriverPhoneToBuyers: false,
        markCodPaid: true,
        tagPrefix: "WK: ",
        waybillPattern: "SHOP-{number}",
        trackingUrlTemplate: "https://track.example.com/{waybill}?o={order_id}",
        silentAfterHours: 24,
        reconcileEnabled: false,
        reconcileSilentHours: 6,
        reconcilePerMinute: 30,
      },
    });
  });

  it("reads the silence warning's hours, 1 to 168, and refuses anything else", () => {
    const hours = (value: string) => readDeliverySettingsForm(form({ ...valid, silentAfterHours: value }));
    expect(hours("6")).toMatchObject({ ok: true, settings: { silentAfterHours: 6 } });
    for (const bad of ["0", "169", "1.5", "soon", ""]) {
      expect(hours(bad)).toEqual({
        ok: false,
        errors: { silentAfterHours: { key: "settings.error.wholeNumberRange", values: { min: 1, max: 168 } } },
      });
    }
  });

  it.each([
    ["true", true],
    ["on", true],
    ["false", false],
  ])("reads notifyCustomer %j as %s", (value, expected) => {
    const result = readDeliverySettingsForm(form({ ...valid, notifyCustomer: value }));
    expect(result.ok && result.settings.notifyCustomer).toBe(expected);
  });

  it.each([
    ["on", true],
    ["false", false],
    [null, false],
  ])("reads markCodPaid %j as %s (an unticked HTML checkbox sends nothing)", (value, expected) => {
    const { markCodPaid: _left, ...rest } = valid;
    const result = readDeliverySettingsForm(form(value === null ? rest : { ...rest, markCodPaid: value }));
    expect(result.ok && result.settings.markCodPaid).toBe(expected);
  });

  it("names every bad field", () => {
    expect(
      readDeliverySettingsForm(
        form({
          wakilniZone: "UTC",
          fulfillmentStage: "completed",
          tagPrefix: "",
          waybillPattern: "{number}-{name}",
          trackingUrlTemplate: "ftp://x/{waybill}",
        }),
      ),
    ).toEqual({
      ok: false,
      errors: {
        wakilniZone: { key: "settings.error.timeZone" },
        fulfillmentStage: { key: "settings.error.choice" },
        tagPrefix: { key: "settings.error.required" },
        waybillPattern: { key: "settings.error.waybillPlaceholder" },
        trackingUrlTemplate: { key: "settings.error.url" },
      },
    });
  });
});

describe("field errors agree with the delivery domain's validators", () => {
  it("tag prefix", () => {
    expect(tagPrefixError("Wakilni: ")).toBeNull();
    expect(tagPrefixError("   ")).toEqual({ key: "settings.error.required" });
    expect(tagPrefixError("a,b")).toEqual({ key: "settings.error.comma" });
    expect(tagPrefixError("x".repeat(MAX_TAG_PREFIX_LENGTH))).toBeNull();
    expect(tagPrefixError("x".repeat(MAX_TAG_PREFIX_LENGTH + 1))).toEqual({
      key: "settings.error.tooLong",
      values: { max: MAX_TAG_PREFIX_LENGTH },
    });
    expect(validateTagPrefix("x".repeat(MAX_TAG_PREFIX_LENGTH + 1)).ok).toBe(false);
  });

  it("waybill pattern", () => {
    expect(waybillPatternError("")).toBeNull();
    expect(waybillPatternError("SHOP-{number}")).toBeNull();
    expect(waybillPatternError("SHOP")).toEqual({ key: "settings.error.waybillPlaceholder" });
    expect(waybillPatternError("{number}{number}")).toEqual({ key: "settings.error.waybillPlaceholder" });
    expect(waybillPatternError("{id}-{number}")).toEqual({ key: "settings.error.waybillBraces" });
    expect(waybillPatternError("A\u0007{number}")).toEqual({ key: "settings.error.controlCharacters" });
    expect(waybillPatternError(`${"x".repeat(60)}{number}`)).toEqual({ key: "settings.error.tooLong", values: { max: 64 } });
  });

  it("tracking URL template", () => {
    expect(trackingUrlTemplateError("")).toBeNull();
    expect(trackingUrlTemplateError("https://t.example/{waybill}")).toBeNull();
    expect(trackingUrlTemplateError("https://t.example/{id}")).toEqual({
      key: "settings.error.trackingPlaceholder",
      values: { placeholder: "{id}" },
    });
    expect(trackingUrlTemplateError("javascript:alert(1)")).toEqual({ key: "settings.error.url" });
    const atLimit = `https://t.example/${"a".repeat(MAX_TRACKING_URL_LENGTH - 18)}`;
    expect(atLimit).toHaveLength(MAX_TRACKING_URL_LENGTH);
    expect(trackingUrlTemplateError(atLimit)).toBeNull();
    expect(trackingUrlTemplateError(`${atLimit}a`)).toEqual({ key: "settings.error.tooLong", values: { max: MAX_TRACKING_URL_LENGTH } });
    expect(validateTrackingUrlTemplate(`${atLimit}a`).ok).toBe(false);
  });
});

describe("waybillPatternExample", () => {
  it.each([
    ["SHOP-{number}", "SHOP-1001", "#1001"],
    ["WK/{name}/LB", "WK/#1001/LB", "#1001"],
  ])("shows what %s matches", (pattern, waybill, order) => {
    expect(waybillPatternExample(pattern)).toEqual({ waybill, order });
    expect(waybillCandidates(waybill, pattern)).toContainEqual({ kind: "name", name: order });
  });

  it.each(["", "  ", "SHOP"])("has none for %j", (pattern) => {
    expect(waybillPatternExample(pattern)).toBeNull();
  });
});

describe("trackingUrlPreview", () => {
  it("fills the template with the sample waybill, encoded as the sync engine encodes it", () => {
    expect(trackingUrlPreview("https://track.example.com/{waybill}?o={order_id}", "")).toEqual({
      waybill: "#1001",
      url: "https://track.example.com/%231001?o=123456",
    });
  });

  it("uses the waybill pattern's example", () => {
    expect(trackingUrlPreview("https://t.example/{waybill}", "SHOP-{number}")).toEqual({
      waybill: "SHOP-1001",
      url: "https://t.example/SHOP-1001",
    });
  });

  it.each(["", "  ", "track.example.com/{waybill}", "javascript:alert(1)"])("has none for %j", (template) => {
    expect(trackingUrlPreview(template, "")).toBeNull();
  });
});
