import { describe, expect, it } from "vitest";
import { readSettingsForm } from "./settings-form";

const NOTHING_SAVED = { secret: false, apiKey: false, apiSecret: false };
const SECRET_SAVED = { secret: true, apiKey: false, apiSecret: false };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Everything the page posts, as a fresh shop shows it. */
const page = {
  appToken: "",
  secret: "",
  previousSecretHours: "24",
  wakilniZone: "Asia/Beirut",
  fulfillmentStage: "assigned",
  notifyCustomer: "true",
  markCodPaid: "true",
  showDriverPhoneToBuyers: "false",
  silentAfterHours: "24",
  reconcileEnabled: "true",
  reconcileSilentHours: "6",
  reconcilePerMinute: "30",
  tagPrefix: "Wakilni: ",
  waybillPattern: "",
  trackingUrlTemplate: "",
};

describe("readSettingsForm", () => {
  it("reads the credentials and the delivery settings of one form", () => {
    expect(
      readSettingsForm(form({ ...page, secret: " secret-WXYZ9876 ", trackingUrlTemplate: "https://t.example/{waybill}" }), NOTHING_SAVED),
    ).toEqual({
      ok: true,
      changes: {
        credentials: { secret: "secret-WXYZ9876", previousSecretHours: 24 },
        delivery: {
          wakilniZone: "Asia/Beirut",
          fulfillmentStage: "assigned",
          notifyCustomer: true,
          markCodPaid: true,
          showDriverPhoneToBuyers: false,
          silentAfterHours: 24,
          reconcileEnabled: true,
          reconcileSilentHours: 6,
          reconcilePerMinute: 30,
          tagPrefix: "Wakilni: ",
          waybillPattern: "",
          trackingUrlTemplate: "https://t.example/{waybill}",
        },
      },
    });
  });

  it("names every bad field of both parts at once", () => {
    expect(
      readSettingsForm(
        form({ ...page, appToken: "a b", previousSecretHours: "1.5", tagPrefix: "A,B", waybillPattern: "SHOP" }),
        NOTHING_SAVED,
      ),
    ).toEqual({
      ok: false,
      errors: {
        appToken: { key: "settings.error.whitespace" },
        secret: { key: "settings.error.required" },
        previousSecretHours: { key: "settings.error.wholeNumberRange", values: { min: 0, max: 168 } },
        tagPrefix: { key: "settings.error.comma" },
        waybillPattern: { key: "settings.error.waybillPlaceholder" },
      },
    });
  });

  it("refuses the whole form for one bad delivery field, valid credentials included", () => {
    expect(readSettingsForm(form({ ...page, secret: "secret-WXYZ9876", fulfillmentStage: "delivered" }), NOTHING_SAVED)).toEqual({
      ok: false,
      errors: { fulfillmentStage: { key: "settings.error.choice" } },
    });
  });

  it("keeps saved credentials when their fields stay empty", () => {
    const result = readSettingsForm(form(page), SECRET_SAVED);
    expect(result.ok && result.changes.credentials).toEqual({ previousSecretHours: 24 });
  });
});
