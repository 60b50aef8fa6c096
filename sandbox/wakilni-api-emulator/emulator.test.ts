// The Wakilni API emulator over real HTTP, as the app's adapter and out-of-process users (the
// demo, end-to-end tests) meet it: the auth exchange and app-token bearers, look-ups by waybill
// and by order id, statuses advanced programmatically, per-account rate limits, every fault kind,
// the control endpoints and the stats.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWakilniApiEmulator, type WakilniApiEmulator } from "./index";

let emulator: WakilniApiEmulator;
let time: number;
beforeEach(async () => {
  time = Date.parse("2026-11-28T10:00:00Z");
  emulator = await startWakilniApiEmulator({
    now: () => time,
    accounts: [
      { id: "beirut", name: "Beirut Bazaar", apiKey: "key-beirut", apiSecret: "secret-beirut", rateLimit: { burst: 3, perSecond: 1 } },
      { id: "amman", name: null, appToken: "app-token-amman" },
    ],
  });
});
afterEach(() => emulator.close());

async function get(path: string, bearer?: string, signal?: AbortSignal) {
  const response = await fetch(`${emulator.origin}${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {}, signal });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary paths
}

async function bearerFor(key = "key-beirut", secret = "secret-beirut"): Promise<string> {
  const answer = await get(`/api/v2/third_party/auth_token?key=${key}&secret=${secret}`);
  expect(answer.status).toBe(200);
  return answer.json().token as string;
}

async function control(path: string, body: unknown) {
  const response = await fetch(`${emulator.origin}/_emulator/${path}`, { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("auth", () => {
  it("exchanges a key/secret pair for a bearer token that opens the profile; a wrong pair or token is 401", async () => {
    const token = await bearerFor();
    expect((await get("/api/v2/clients/profile", token)).json()).toEqual({ data: { id: "beirut", name: "Beirut Bazaar" } });
    expect((await get("/api/v2/third_party/auth_token?key=key-beirut&secret=nope")).status).toBe(401);
    expect((await get("/api/v2/third_party/auth_token?key=key-beirut")).status).toBe(422);
    expect((await get("/api/v2/clients/profile", "made-up")).json()).toEqual({ message: "Unauthenticated." });
    expect((await get("/api/v2/clients/profile")).status).toBe(401);
  });

  it("takes an account's app token as a bearer, and leaves out a name the account has not got", async () => {
    expect((await get("/api/v2/clients/profile", "app-token-amman")).json()).toEqual({ data: { id: "amman" } });
  });

  it("refuses bearers revoked by the control endpoint, and issues new ones", async () => {
    const token = await bearerFor();
    expect((await control("accounts/revoke", { account: "beirut" })).body).toEqual({ revoked: 1 });
    expect((await get("/api/v2/clients/profile", token)).status).toBe(401);
    time += 10_000;
    expect((await get("/api/v2/clients/profile", await bearerFor())).status).toBe(200);
  });
});

describe("orders", () => {
  it("answer by waybill and by order id with the status, its code, the driver and the history, within the account only", async () => {
    emulator.store.createOrder({ account: "amman", waybill: "#1001", at: "2026-11-28 11:00:00" });
    emulator.store.advance(
      "amman",
      { waybill: "#1001" },
      { status: "assigned", at: "2026-11-28 11:30:00", driver: { name: "Ali", phone: "+962 7 1234" } },
    );
    const order = emulator.store.advance("amman", { waybill: "#1001" }, { status: "completed", at: "2026-11-28 13:00:00" });
    const byWaybill = (await get("/api/v2/clients/orders/status?waybill=%231001", "app-token-amman")).json();
    expect(byWaybill).toEqual({
      data: {
        order_id: order.wakilniOrderId,
        waybill: "#1001",
        tracking_id: order.trackingId,
        tracking_url: `${emulator.origin}/tracking/${order.trackingId}`,
        status_code: 4,
        status: "Success",
        updated_at: "2026-11-28 13:00:00",
        driver: { name: "Ali", phone: "+962 7 1234" },
        status_history: [
          { status_code: 1, status: "Pending", created_at: "2026-11-28 11:00:00", driver: null },
          { status_code: null, status: "Assigned", created_at: "2026-11-28 11:30:00", driver: { name: "Ali", phone: "+962 7 1234" } },
          { status_code: 4, status: "Success", created_at: "2026-11-28 13:00:00", driver: { name: "Ali", phone: "+962 7 1234" } },
        ],
      },
    });
    expect((await get(`/api/v2/clients/orders/${order.wakilniOrderId}`, "app-token-amman")).json()).toEqual(byWaybill);
    expect((await get(byWaybill.data.tracking_url.replace(emulator.origin, ""))).status).toBe(200);
    const other = await get(`/api/v2/clients/orders/${order.wakilniOrderId}`, await bearerFor());
    expect([other.status, other.json()]).toEqual([404, { message: "Order not found." }]);
    expect((await get("/api/v2/clients/orders/status", "app-token-amman")).status).toBe(422);
  });

  it("give a waybill the order id the webhook sender gives it, so API and webhooks name one order", async () => {
    const { wakilniOrderIdFor } = await import("../wakilni-sender");
    expect(emulator.store.createOrder({ account: "amman", waybill: "#1002" }).wakilniOrderId).toBe(wakilniOrderIdFor("#1002"));
  });

  it("are added and advanced through the control endpoints; seeding mistakes are 400 and change nothing", async () => {
    const created = await control("orders", { account: "beirut", waybill: "W-7", trackingUrl: null });
    expect(created).toMatchObject({ status: 201, body: { waybill: "W-7", status: "Pending", tracking_url: null } });
    const advanced = await control("orders/advance", { account: "beirut", waybill: "W-7", status: "postponed" });
    expect(advanced).toMatchObject({ status: 200, body: { status: "Postponed", status_code: 9 } });
    expect((await control("orders", { account: "beirut", waybill: "W-7" })).status).toBe(400);
    expect((await control("orders/advance", { account: "beirut", waybill: "W-7", status: "lost" })).status).toBe(400);
    expect((await control("orders", { account: "nobody", waybill: "W-8" })).status).toBe(400);
    const listed = (await (await fetch(`${emulator.origin}/_emulator/orders?account=beirut`)).json()) as { status_history: unknown[] }[];
    expect(listed).toHaveLength(1);
    expect(listed[0].status_history).toHaveLength(2);
  });
});

describe("rate limits", () => {
  it("answer 429 with Retry-After past an account's burst, count it, and let requests through once time refills the bucket", async () => {
    const token = await bearerFor();
    expect((await get("/api/v2/clients/profile", token)).status).toBe(200);
    expect((await get("/api/v2/clients/profile", token)).status).toBe(200);
    const limited = await get("/api/v2/clients/profile", token);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
    expect((await get("/api/v2/clients/profile", "app-token-amman")).status).toBe(200);
    time += 1000;
    expect((await get("/api/v2/clients/profile", token)).status).toBe(200);
    expect(emulator.stats.snapshot()).toMatchObject({
      rateLimited: 1,
      accounts: { beirut: { requests: 5, rateLimited: 1 }, amman: { requests: 1 } },
    });
  });
});

describe("faults", () => {
  beforeEach(() => void emulator.store.createOrder({ account: "amman", waybill: "#1001" }));
  const lookup = (signal?: AbortSignal) => get("/api/v2/clients/orders/status?waybill=%231001", "app-token-amman", signal);

  it("answer as scripted, one per request, then normally; stats count them", async () => {
    emulator.faults.script(["http500", "http503", "http401", "malformed", "missingFields", "ok"]);
    const answers: Awaited<ReturnType<typeof lookup>>[] = [];
    for (let index = 0; index < 6; index += 1) answers.push(await lookup());
    expect(answers.map((answer) => answer.status)).toEqual([500, 503, 401, 200, 200, 200]);
    expect(answers[0].text).toContain("Server Error");
    expect(() => answers[3].json()).toThrow();
    expect(answers[4].json()).toEqual({ data: { order_id: expect.any(Number) } });
    expect(answers[5].json().data.waybill).toBe("#1001");
    expect(emulator.stats.snapshot()).toMatchObject({ requests: 6, faulted: 5, byRoute: { orderByWaybill: 6 } });
  });

  it("timeout holds the request unanswered until the client gives up; slow answers late", async () => {
    emulator.faults.script(["timeout"]);
    await expect(lookup(AbortSignal.timeout(200))).rejects.toThrow();
    emulator.faults.setRates({ slow: 1, slowMs: 150 });
    const started = Date.now();
    expect((await lookup()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("are set by rate and read through the control endpoint", async () => {
    const snapshot = await control("faults", { rates: { http503: 1 } });
    expect(snapshot.body.rates).toEqual({ http503: 1 });
    expect((await lookup()).status).toBe(503);
    expect((await control("faults", { reset: true })).body.rates).toEqual({});
    expect((await lookup()).status).toBe(200);
    expect((await control("faults", { rates: { nonsense: 0.1 } })).status).toBe(400);
  });
});
