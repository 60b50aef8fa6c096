import { describe, expect, it } from "vitest";
import { readCredentialsForm } from "./credentials-form";

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
});
