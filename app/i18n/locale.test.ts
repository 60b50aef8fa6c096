import { describe, expect, it } from "vitest";
import { localeFromRequest, rememberLocaleHeaders, textDirection } from "./locale";

const request = (query: string, headers: Record<string, string> = {}) => new Request(`https://app.example.com/app${query}`, { headers });

describe("the merchant's locale", () => {
  it("follows the locale Shopify passes, in any region variant", () => {
    expect(localeFromRequest(request("?locale=fr-CA"))).toBe("fr");
    expect(localeFromRequest(request("?locale=ar"))).toBe("ar");
  });

  it("remembers it in a partitioned cookie for the navigations that drop the parameter", () => {
    expect(rememberLocaleHeaders(request("?locale=ar"))).toEqual({
      "Set-Cookie": "wakilni_locale=ar; Path=/; Max-Age=31536000; SameSite=None; Secure; Partitioned",
    });
    expect(localeFromRequest(request("", { cookie: "other=1; wakilni_locale=ar" }))).toBe("ar");
    expect(rememberLocaleHeaders(request("?locale=ar", { cookie: "wakilni_locale=ar" }))).toEqual({});
    expect(rememberLocaleHeaders(request(""))).toEqual({});
  });

  it("falls back to the browser's languages, then English", () => {
    expect(localeFromRequest(request("", { "accept-language": "de-DE, fr;q=0.8" }))).toBe("fr");
    expect(localeFromRequest(request("?locale=de", { "accept-language": "de" }))).toBe("en");
  });

  it("writes Arabic right to left", () => {
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("fr")).toBe("ltr");
  });
});
