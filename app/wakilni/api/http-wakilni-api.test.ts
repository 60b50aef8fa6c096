// Contract tests of the HTTP adapter against the Wakilni API emulator over real loopback HTTP:
// each answer the port promises (an account, an order snapshot) and each failure kind
// (refused, unreachable, timeout, unexpected answer, rate limited, server error, not found),
// plus the bearer token's life: exchanged once, reused, exchanged again when refused.
import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWakilniApiEmulator, type WakilniApiEmulator } from "../../../sandbox/wakilni-api-emulator";
import { topicFromApiStatusName } from "../topics";
import { HttpWakilniApi, WakilniBearerTokens, hasWakilniApiCredentials, type HttpWakilniApiOptions } from "./http-wakilni-api";
import type { WakilniApiCredentials } from "./wakilni-api";
import { WAKILNI_API_HOSTS, wakilniApiBaseUrl } from "./wakilni-hosts";

const PAIR: WakilniApiCredentials = { region: "lebanon", appToken: null, apiKey: "key-beirut", apiSecret: "secret-beirut" };
const APP_TOKEN: WakilniApiCredentials = { region: "jordan", appToken: "app-token-amman", apiKey: null, apiSecret: null };

let emulator: WakilniApiEmulator;
let tokens: WakilniBearerTokens;
let time: number;
beforeEach(async () => {
  time = Date.parse("2026-11-28T10:00:00Z");
  tokens = new WakilniBearerTokens();
  emulator = await startWakilniApiEmulator({
    now: () => time,
    accounts: [
      { id: "beirut", name: "Beirut Bazaar", apiKey: "key-beirut", apiSecret: "secret-beirut", rateLimit: { burst: 4, perSecond: 0.5 } },
      { id: "amman", name: null, appToken: "app-token-amman" },
    ],
  });
});
afterEach(() => emulator.close());

function api(credentials: WakilniApiCredentials, options: Partial<HttpWakilniApiOptions> = {}): HttpWakilniApi {
  return new HttpWakilniApi({ credentials, baseUrl: emulator.origin, fetch, now: () => time, timeoutMs: 2000, tokens, ...options });
}

describe("checkCredentials", () => {
  it("exchanges the key/secret pair once and names the account", async () => {
    expect(await api(PAIR).checkCredentials()).toEqual({ ok: true, value: { name: "Beirut Bazaar" } });
    expect(emulator.stats.snapshot().byRoute).toMatchObject({ authToken: 1, profile: 1 });
  });

  it("sends the app token as the bearer when there is no pair, and gives no name when Wakilni gives none", async () => {
    expect(await api(APP_TOKEN).checkCredentials()).toEqual({ ok: true, value: { name: null } });
    expect(emulator.stats.snapshot().byRoute.authToken).toBe(0);
  });

  it("is refused for a wrong secret or a wrong app token, with Wakilni's words", async () => {
    expect(await api({ ...PAIR, apiSecret: "wrong-secret" }).checkCredentials()).toEqual({
      ok: false,
      failure: { kind: "refused", status: 401, detail: "Unauthenticated." },
    });
    expect(await api({ ...APP_TOKEN, appToken: "wrong-token" }).checkCredentials()).toMatchObject({
      ok: false,
      failure: { kind: "refused", status: 401 },
    });
  });

  it("is unreachable when nothing listens on the port", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    expect(await api(PAIR, { baseUrl: `http://127.0.0.1:${port}` }).checkCredentials()).toEqual({
      ok: false,
      failure: { kind: "unreachable", detail: "ECONNREFUSED" },
    });
  });

  it("is unreachable when Wakilni holds the request past the timeout", async () => {
    emulator.faults.script(["timeout"]);
    const started = Date.now();
    expect(await api(APP_TOKEN, { timeoutMs: 250 }).checkCredentials()).toEqual({
      ok: false,
      failure: { kind: "unreachable", detail: "no answer within 250 ms" },
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reports an answer that is not JSON, or lacks the token or the profile, as unexpected", async () => {
    emulator.faults.script(["malformed", "missingFields", "ok", "missingFields"]);
    expect(await api(APP_TOKEN).checkCredentials()).toEqual({
      ok: false,
      failure: { kind: "unexpected_answer", status: 200, detail: 'not JSON: "{\\"data\\": {\\"order_id\\": 12, \\"waybill\\": \\"#10"' },
    });
    expect(await api(PAIR).checkCredentials()).toEqual({
      ok: false,
      failure: { kind: "unexpected_answer", status: 200, detail: "token: Required" },
    });
    expect(await api(PAIR).checkCredentials()).toEqual({
      ok: false,
      failure: { kind: "unexpected_answer", status: 200, detail: "data: Required" },
    });
  });

  it("reports 5xx as a server error and 429 as rate limited with Wakilni's Retry-After", async () => {
    emulator.faults.script(["http503", "http500"]);
    expect(await api(APP_TOKEN).checkCredentials()).toEqual({ ok: false, failure: { kind: "server_error", status: 503 } });
    expect(await api(APP_TOKEN).checkCredentials()).toEqual({ ok: false, failure: { kind: "server_error", status: 500 } });
    expect(emulator.store.account("beirut").bucket.tryTake(4)).toBe(true);
    expect(await api(PAIR).checkCredentials()).toEqual({ ok: false, failure: { kind: "rate_limited", retryAfterSeconds: 2 } });
  });
});

describe("the bearer token", () => {
  it("is reused across adapters for the same credentials and exchanged again, once, after Wakilni refuses it", async () => {
    emulator.store.createOrder({ account: "beirut", waybill: "#1001" });
    expect((await api(PAIR).checkCredentials()).ok).toBe(true);
    expect((await api(PAIR).fetchOrder({ waybill: "#1001" })).ok).toBe(true);
    expect(emulator.stats.snapshot().byRoute.authToken).toBe(1);
    emulator.store.revokeBearers("beirut");
    time += 60_000;
    expect((await api(PAIR).fetchOrder({ waybill: "#1001" })).ok).toBe(true);
    expect(emulator.stats.snapshot().byRoute).toMatchObject({ authToken: 2, orderByWaybill: 3 });
  });

  it("is not asked for again when a fresh one is refused: the refusal is the answer", async () => {
    emulator.faults.script(["ok", "http401"]);
    expect(await api(PAIR).checkCredentials()).toMatchObject({ ok: false, failure: { kind: "refused", status: 401 } });
    expect(emulator.stats.snapshot().byRoute).toMatchObject({ authToken: 1, profile: 1 });
  });

  it("is exchanged again before an expiry Wakilni announced", () => {
    tokens.set("k", "t", time + 10_000);
    expect(tokens.get("k", time)).toBe("t");
    expect(tokens.get("k", time + 10_000)).toBeNull();
  });
});

describe("fetchOrder", () => {
  beforeEach(() => {
    emulator.store.createOrder({ account: "amman", waybill: "#1001", at: "2026-11-28 11:00:00" });
    emulator.store.advance(
      "amman",
      { waybill: "#1001" },
      { status: "assigned", at: "2026-11-28 11:30:00", driver: { name: "Ali", phone: "+962 7 1234" } },
    );
    emulator.store.advance("amman", { waybill: "#1001" }, { status: "completed_rejected", at: "2026-11-28 13:00:00" });
  });

  it("gives the current status and the history oldest first, names and raw codes kept, by waybill and by order id alike", async () => {
    const byWaybill = await api(APP_TOKEN).fetchOrder({ waybill: "#1001" });
    if (!byWaybill.ok) throw new Error(JSON.stringify(byWaybill.failure));
    const order = emulator.store.findOrder("amman", { waybill: "#1001" })!;
    const driver = { name: "Ali", phone: "+962 7 1234" };
    expect(byWaybill.value).toEqual({
      wakilniOrderId: String(order.wakilniOrderId),
      waybill: "#1001",
      trackingUrl: `${emulator.origin}/tracking/${order.trackingId}`,
      current: { statusName: "Success, Rejected", statusCode: 4, occurredAtText: "2026-11-28 13:00:00", driver },
      history: [
        { statusName: "Pending", statusCode: 1, occurredAtText: "2026-11-28 11:00:00", driver: null },
        { statusName: "Assigned", statusCode: null, occurredAtText: "2026-11-28 11:30:00", driver },
        { statusName: "Success, Rejected", statusCode: 4, occurredAtText: "2026-11-28 13:00:00", driver },
      ],
    });
    expect(byWaybill.value.history.map((change) => topicFromApiStatusName(change.statusName))).toEqual([
      "created",
      "assigned",
      "completed_rejected",
    ]);
    expect(await api(APP_TOKEN).fetchOrder({ wakilniOrderId: String(order.wakilniOrderId) })).toEqual(byWaybill);
  });

  it("says not found for a waybill or an order id Wakilni does not know", async () => {
    expect(await api(APP_TOKEN).fetchOrder({ waybill: "#9999" })).toEqual({ ok: false, failure: { kind: "not_found" } });
    expect(await api(APP_TOKEN).fetchOrder({ wakilniOrderId: "12" })).toEqual({ ok: false, failure: { kind: "not_found" } });
  });

  it("reports an order without its status as an unexpected answer, and a malformed one too", async () => {
    emulator.faults.script(["missingFields", "malformed"]);
    expect(await api(APP_TOKEN).fetchOrder({ waybill: "#1001" })).toEqual({
      ok: false,
      failure: { kind: "unexpected_answer", status: 200, detail: "data.waybill: Required" },
    });
    expect(await api(APP_TOKEN).fetchOrder({ waybill: "#1001" })).toMatchObject({ ok: false, failure: { kind: "unexpected_answer" } });
  });

  it("reports an answer about another order than the one asked for as unexpected", async () => {
    const lying: typeof fetch = async (input, init) => fetch(String(input).replace("%231002", "%231001"), init);
    expect(await api(APP_TOKEN, { fetch: lying }).fetchOrder({ waybill: "#1002" })).toEqual({
      ok: false,
      failure: { kind: "unexpected_answer", status: 200, detail: "asked for waybill #1002, got #1001" },
    });
  });
});

describe("hosts and credentials", () => {
  it("picks each region's host unless a base URL overrides them all", () => {
    expect(wakilniApiBaseUrl("jordan")).toBe("https://jordan-api.wakilni.com");
    expect(wakilniApiBaseUrl("test", null)).toBe(WAKILNI_API_HOSTS.test);
    expect(wakilniApiBaseUrl("lebanon", "http://127.0.0.1:4020/")).toBe("http://127.0.0.1:4020");
  });

  it("needs a key/secret pair or an app token", () => {
    expect(hasWakilniApiCredentials({ ...PAIR, apiSecret: null })).toBe(false);
    expect(hasWakilniApiCredentials({ ...PAIR, apiSecret: null, appToken: "t" })).toBe(true);
    expect(() => api({ region: "test", appToken: null, apiKey: "k", apiSecret: null })).toThrow(/neither/);
  });
});
