import { describe, expect, it } from "vitest";
import { connectionCheckColumns, connectionCheckFrom, connectionCheckOf, failureDetail, wakilniApiConnected } from "./wakilni-connection";

const at = new Date("2026-12-01T07:00:00Z");

describe("the connection check as kept and shown", () => {
  it("tells each failure by its HTTP status and Wakilni's words", () => {
    expect(failureDetail({ kind: "unreachable", detail: "ENOTFOUND" })).toBe("ENOTFOUND");
    expect(failureDetail({ kind: "refused", status: 403, detail: "Forbidden" })).toBe("HTTP 403: Forbidden");
    expect(failureDetail({ kind: "rate_limited", retryAfterSeconds: 30 })).toBe("HTTP 429, Retry-After 30 s");
    expect(failureDetail({ kind: "rate_limited", retryAfterSeconds: null })).toBe("HTTP 429");
    expect(failureDetail({ kind: "server_error", status: 502 })).toBe("HTTP 502");
    expect(failureDetail({ kind: "not_found" })).toBe("HTTP 404");
    expect(failureDetail({ kind: "unexpected_answer", status: 200, detail: "data: Required" })).toBe("HTTP 200: data: Required");
  });

  it("round-trips through the shop's columns, and only a passed check lets reconciliation run", () => {
    const passed = connectionCheckOf({ ok: true, value: { name: "Beirut Bazaar" } }, at);
    expect(connectionCheckFrom(connectionCheckColumns(passed))).toEqual({
      checkedAt: at,
      outcome: "ok",
      account: "Beirut Bazaar",
      detail: null,
    });
    expect(wakilniApiConnected(connectionCheckColumns(passed))).toBe(true);
    const refused = connectionCheckOf({ ok: false, failure: { kind: "refused", status: 401, detail: "Unauthenticated." } }, at);
    expect(connectionCheckFrom(connectionCheckColumns(refused))).toEqual({
      checkedAt: at,
      outcome: "refused",
      account: null,
      detail: "HTTP 401: Unauthenticated.",
    });
    expect(wakilniApiConnected(connectionCheckColumns(refused))).toBe(false);
  });

  it("reads no check as none, and an outcome a later version wrote as unexpected", () => {
    const none = { wakilniApiCheckedAt: null, wakilniApiOutcome: null, wakilniApiAccount: null, wakilniApiDetail: null };
    expect(connectionCheckFrom(none)).toBeNull();
    expect(wakilniApiConnected(none)).toBe(false);
    expect(connectionCheckFrom({ ...none, wakilniApiCheckedAt: at, wakilniApiOutcome: "maintenance" })?.outcome).toBe("unexpected_answer");
  });
});
