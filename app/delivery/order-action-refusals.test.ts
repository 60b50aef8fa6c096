import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../i18n/locale";
import { ORDER_ACTION_REFUSALS, orderActionRefusal, readActionAnswer, refusalText } from "./order-action-refusals";

describe("order action refusals", () => {
  it("name every value their texts use, in every language", () => {
    for (const [key, { text, values }] of Object.entries(ORDER_ACTION_REFUSALS)) {
      for (const locale of SUPPORTED_LOCALES) {
        const named = [...text[locale].matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
        expect(named, `${key} (${locale})`).toEqual([...values].sort());
      }
    }
  });

  it("are said in the merchant's language, code-like values kept left-to-right in Arabic", () => {
    const busy = orderActionRefusal("busy", { waybill: "#1001" });
    expect(refusalText(busy, "en")).toBe("Waybill #1001 is being synced right now. Try again in a moment.");
    expect(refusalText(busy, "fr")).toBe("La lettre de transport #1001 est en cours de synchronisation. Réessayez dans un instant.");
    expect(refusalText(busy, "ar")).toBe("تجري مزامنة بوليصة الشحن \u2066#1001\u2069 الآن. حاول مجددًا بعد لحظة.");
  });

  it("show a key this version does not know as it is, rather than nothing", () => {
    expect(refusalText({ key: "newerReason", values: { waybill: "WK-1" } }, "fr")).toBe("newerReason (waybill: WK-1)");
  });
});

describe("readActionAnswer", () => {
  const answer = (body: unknown, status: number) =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

  it("returns a success and a refusal, whatever the refusal's status", async () => {
    expect(await readActionAnswer(answer({ retried: 2 }, 200), "retry")).toEqual({ retried: 2 });
    const refusal = { error: orderActionRefusal("waybillNotOnOrder") };
    for (const status of [400, 401, 404, 405, 409, 422]) expect(await readActionAnswer(answer(refusal, status), "retry")).toEqual(refusal);
  });

  it("throws for anything else: no body, an error page, an old-style text error", async () => {
    await expect(readActionAnswer(answer("<html>Bad gateway</html>", 502), "retry")).rejects.toThrow("retry answered 502");
    await expect(readActionAnswer(answer({}, 500), "retry")).rejects.toThrow("retry answered 500");
    await expect(readActionAnswer(answer({ error: "text" }, 409), "resolve")).rejects.toThrow("resolve answered 409");
  });
});
