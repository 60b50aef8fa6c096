import { describe, expect, it } from "vitest";
import { MAX_PREVIOUS_SECRET_HOURS, readCredentialsForm } from "./credentials-form";

const NOTHING_SAVED = { secret: false, apiKey: false, apiSecret: false };
const SECRET_SAVED = { secret: true, apiKey: false, apiSecret: false };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("readCredentialsForm", () => {
  it("requires a secret until one is saved", () => {
    expect(readCredentialsForm(form({ appToken: "", secret: "" }), NOTHING_SAVED)).toEqual({
      ok: false,
      errors: { secret: { key: "settings.error.required" } },
    });
  });

  it("keeps the saved values when the fields stay empty", () => {
    expect(readCredentialsForm(form({ appToken: "", secret: "" }), SECRET_SAVED)).toEqual({ ok: true });
  });

  it("trims and accepts new values", () => {
    expect(readCredentialsForm(form({ appToken: " tok-12345678 ", secret: "s3cret-value" }), NOTHING_SAVED)).toEqual({
      ok: true,
      appToken: "tok-12345678",
      secret: "s3cret-value",
    });
  });

  it("names each bad field", () => {
    const result = readCredentialsForm(form({ appToken: "has space inside", secret: "short" }), NOTHING_SAVED);
    expect(result).toEqual({
      ok: false,
      errors: {
        appToken: { key: "settings.error.whitespace" },
        secret: { key: "settings.error.tooShort", values: { min: 8 } },
      },
    });
  });

  it("refuses values longer than 512 characters", () => {
    const result = readCredentialsForm(form({ secret: "x".repeat(513) }), NOTHING_SAVED);
    expect(result).toEqual({ ok: false, errors: { secret: { key: "settings.error.tooLong", values: { max: 512 } } } });
  });

  it.each([
    ["0", 0],
    ["24", 24],
    [" 6 ", 6],
    [String(MAX_PREVIOUS_SECRET_HOURS), MAX_PREVIOUS_SECRET_HOURS],
  ])("reads %j hours of validity for the previous secret", (value, hours) => {
    expect(readCredentialsForm(form({ previousSecretHours: value }), SECRET_SAVED)).toEqual({ ok: true, previousSecretHours: hours });
  });

  it.each(["", "-1", "1.5", "2h", "1e2", String(MAX_PREVIOUS_SECRET_HOURS + 1)])("refuses %j hours for the previous secret", (value) => {
    expect(readCredentialsForm(form({ previousSecretHours: value }), SECRET_SAVED)).toEqual({
      ok: false,
      errors: { previousSecretHours: { key: "settings.error.wholeNumberRange", values: { min: 0, max: MAX_PREVIOUS_SECRET_HOURS } } },
    });
  });

  it("reads the API key/secret pair and the region", () => {
    expect(
      readCredentialsForm(form({ apiKey: " key-12345678 ", apiSecret: "secret-12345678", wakilniRegion: "jordan" }), SECRET_SAVED),
    ).toEqual({
      ok: true,
      apiKey: "key-12345678",
      apiSecret: "secret-12345678",
      wakilniRegion: "jordan",
    });
  });

  it("asks for the other half of a pair that is neither given nor saved", () => {
    expect(readCredentialsForm(form({ apiKey: "key-12345678", apiSecret: "" }), SECRET_SAVED)).toEqual({
      ok: false,
      errors: { apiSecret: { key: "settings.error.required" } },
    });
    expect(readCredentialsForm(form({ apiKey: "", apiSecret: "secret-12345678" }), SECRET_SAVED)).toEqual({
      ok: false,
      errors: { apiKey: { key: "settings.error.required" } },
    });
    expect(readCredentialsForm(form({ apiKey: "", apiSecret: "secret-12345678" }), { ...SECRET_SAVED, apiKey: true })).toEqual({
      ok: true,
      apiSecret: "secret-12345678",
    });
  });

  it("refuses a region it does not know, and keeps the saved one when the field is absent", () => {
    expect(readCredentialsForm(form({ wakilniRegion: "syria" }), SECRET_SAVED)).toEqual({
      ok: false,
      errors: { wakilniRegion: { key: "settings.error.choice" } },
    });
    expect(readCredentialsForm(form({}), SECRET_SAVED)).toEqual({ ok: true });
  });
});
