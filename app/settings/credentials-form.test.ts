import { describe, expect, it } from "vitest";
import { MAX_PREVIOUS_SECRET_HOURS, readCredentialsForm } from "./credentials-form";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("readCredentialsForm", () => {
  it("requires a secret until one is saved", () => {
    expect(readCredentialsForm(form({ appToken: "", secret: "" }), false)).toEqual({
      ok: false,
      errors: { secret: { key: "settings.error.required" } },
    });
  });

  it("keeps the saved values when the fields stay empty", () => {
    expect(readCredentialsForm(form({ appToken: "", secret: "" }), true)).toEqual({ ok: true });
  });

  it("trims and accepts new values", () => {
    expect(readCredentialsForm(form({ appToken: " tok-12345678 ", secret: "s3cret-value" }), false)).toEqual({
      ok: true,
      appToken: "tok-12345678",
      secret: "s3cret-value",
    });
  });

  it("names each bad field", () => {
    const result = readCredentialsForm(form({ appToken: "has space inside", secret: "short" }), false);
    expect(result).toEqual({
      ok: false,
      errors: {
        appToken: { key: "settings.error.whitespace" },
        secret: { key: "settings.error.tooShort", values: { min: 8 } },
      },
    });
  });

  it("refuses values longer than 512 characters", () => {
    const result = readCredentialsForm(form({ secret: "x".repeat(513) }), false);
    expect(result).toEqual({ ok: false, errors: { secret: { key: "settings.error.tooLong", values: { max: 512 } } } });
  });

  it.each([
    ["0", 0],
    ["24", 24],
    [" 6 ", 6],
    [String(MAX_PREVIOUS_SECRET_HOURS), MAX_PREVIOUS_SECRET_HOURS],
  ])("reads %j hours of validity for the previous secret", (value, hours) => {
    expect(readCredentialsForm(form({ previousSecretHours: value }), true)).toEqual({ ok: true, previousSecretHours: hours });
  });

  it.each(["", "-1", "1.5", "2h", "1e2", String(MAX_PREVIOUS_SECRET_HOURS + 1)])("refuses %j hours for the previous secret", (value) => {
    expect(readCredentialsForm(form({ previousSecretHours: value }), true)).toEqual({
      ok: false,
      errors: { previousSecretHours: { key: "settings.error.wholeNumberRange", values: { min: 0, max: MAX_PREVIOUS_SECRET_HOURS } } },
    });
  });
});
