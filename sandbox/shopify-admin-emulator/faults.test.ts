// Every fault kind as a client meets it over real HTTP, scripted and by seeded rate; that
// faults leave state alone (except lostResponse, which applies and then hangs up); and the
// control endpoints and token exchange that out-of-process users rely on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Faults } from "./faults";
import { SHOP, TOKEN, startTestEmulator, type TestEmulator } from "../../tests/helpers/admin-emulator";
import type { OrderRecord } from "./model";

let t: TestEmulator;
let order: OrderRecord;
beforeEach(async () => {
  t = await startTestEmulator();
  order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] });
});
afterEach(() => t.emulator.close());

const tag = (name: string, signal?: AbortSignal) =>
  t.gql(`mutation ($id: ID!) { tagsAdd(id: $id, tags: ["${name}"]) { node { id } } }`, { id: order.id }, { signal });
const tags = () => t.emulator.store.getOrder(SHOP, order.id)!.tags;

describe("scripted faults", () => {
  it("are consumed one per request, in order, and change nothing", async () => {
    t.emulator.faults.script(["http503", "http500", "throttled", "ok", "http429"]);
    const answers = [];
    for (const name of ["a", "b", "c", "d", "e"]) answers.push(await tag(name));
    expect(answers.map((answer) => answer.status)).toEqual([503, 500, 200, 200, 429]);
    expect(answers[2].body.errors[0].extensions.code).toBe("THROTTLED");
    expect(answers[2].body.extensions.cost).toMatchObject({ requestedQueryCost: 11, actualQueryCost: null });
    expect(answers[3].body.data.tagsAdd.node.id).toBe(order.id);
    expect(answers[4].headers.get("retry-after")).toBe("1");
    expect(tags()).toEqual(["d"]);
    expect(t.emulator.faults.snapshot().injected).toEqual({ http503: 1, http500: 1, throttled: 1, http429: 1 });
    expect(t.emulator.stats.snapshot()).toMatchObject({ requests: 5, faulted: 4, throttled: 1 });
  });

  it("timeout holds the request unanswered and unexecuted until the client gives up", async () => {
    t.emulator.faults.script(["timeout"]);
    const started = Date.now();
    await expect(tag("held", AbortSignal.timeout(300))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(tags()).toEqual([]);
    expect((await tag("after")).status).toBe(200);
  });

  it("slow answers correctly after the delay", async () => {
    t.emulator.faults.setRates({ slow: 1, slowMs: 250 });
    const started = Date.now();
    const { status, body } = await tag("late");
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(status).toBe(200);
    expect(body.data.tagsAdd.node.id).toBe(order.id);
    expect(tags()).toEqual(["late"]);
  });

  it("lostResponse applies the request, then drops the connection", async () => {
    t.emulator.faults.script(["lostResponse"]);
    await expect(tag("applied")).rejects.toThrow();
    expect(tags()).toEqual(["applied"]);
  });

  it("close() ends requests still held by a timeout", async () => {
    t.emulator.faults.script(["timeout"]);
    const pending = tag("held").catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.emulator.close();
    expect(await pending).toBeInstanceOf(Error);
    t = await startTestEmulator();
  });
});

describe("faults by rate", () => {
  it("replay the same sequence for the same seed, at about the asked rates", () => {
    const draw = (seed: number) => {
      const faults = new Faults(seed);
      faults.setRates({ http503: 0.2, throttled: 0.1 });
      return Array.from({ length: 2000 }, () => faults.next());
    };
    const first = draw(7);
    expect(draw(7)).toEqual(first);
    expect(draw(8)).not.toEqual(first);
    const share = (kind: string) => first.filter((fault) => fault === kind).length / first.length;
    expect(share("http503")).toBeGreaterThan(0.17);
    expect(share("http503")).toBeLessThan(0.23);
    expect(share("throttled")).toBeGreaterThan(0.08);
    expect(share("throttled")).toBeLessThan(0.12);
  });

  it("refuse rates that cannot be", () => {
    const faults = new Faults();
    expect(() => faults.setRates({ http500: 0.7, http503: 0.5 })).toThrow(/more than 1/);
    expect(() => faults.setRates({ explode: 0.1 } as never)).toThrow(/unknown fault kind/);
  });

  it("let a script run before the rates", async () => {
    t.emulator.faults.setRates({ http500: 1 });
    t.emulator.faults.script(["ok"]);
    expect((await tag("a")).status).toBe(200);
    expect((await tag("b")).status).toBe(500);
  });
});

describe("control over HTTP", () => {
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(
      `${t.emulator.origin}${path}`,
      body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
    );
    return { status: response.status, body: await response.json() };
  };

  it("seeds shops and orders, injects faults, and reports state and stats", async () => {
    const shop = await control("/_emulator/shops", { shop: "e2e", accessToken: "shpat_e2e" });
    expect(shop).toMatchObject({ status: 201, body: { myshopifyDomain: "e2e.myshopify.com" } });
    expect(shop.body.accessToken).toBeUndefined();
    const seeded = await control("/_emulator/orders", {
      shop: "e2e.myshopify.com",
      lineItems: [{ title: "Oil", quantity: 2 }],
      fulfilled: { trackingNumber: "WK-1" },
    });
    expect(seeded).toMatchObject({ status: 201, body: { name: "#1001", fulfillments: [{ status: "SUCCESS" }] } });

    const state = await control("/_emulator/state?shop=e2e.myshopify.com");
    expect(state.body.orders[0]).toMatchObject({
      name: "#1001",
      tags: [],
      metafields: [],
      fulfillments: [{ trackingInfo: [{ number: "WK-1" }], events: [] }],
    });
    expect(state.body.accessToken).toBeUndefined();

    expect((await control("/_emulator/faults", { script: ["http503"] })).body.script).toEqual(["http503"]);
    expect((await tag("x")).status).toBe(503);
    expect((await control("/_emulator/faults", { reset: true })).body).toMatchObject({ script: [], rates: {} });
    const stats = await control("/_emulator/stats");
    expect(stats.body).toMatchObject({ requests: 1, faulted: 1, shops: { "e2e.myshopify.com": { bucket: { maximumAvailable: 2000 } } } });

    expect((await control("/_emulator/orders", { shop: "nowhere", lineItems: [] })).status).toBe(400);
    expect((await control("/_emulator/state?shop=nowhere.myshopify.com")).status).toBe(404);
  });
});

describe("token exchange", () => {
  const exchange = (body: string, contentType: string) =>
    fetch(`${t.emulator.origin}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": contentType, "x-emulator-shop": SHOP },
      body,
    });

  it("answers an offline token for a JSON request", async () => {
    const response = await exchange(
      JSON.stringify({
        client_id: "key",
        client_secret: "secret",
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: "jwt",
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      }),
      "application/json",
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      access_token: TOKEN,
      scope:
        "read_orders,write_orders,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders,write_fulfillments",
    });
  });

  it("answers an online token for a form request", async () => {
    const form = new URLSearchParams({
      client_id: "key",
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: "jwt",
      requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token",
    });
    const response = await exchange(form.toString(), "application/x-www-form-urlencoded");
    expect(await response.json()).toMatchObject({ access_token: TOKEN, expires_in: 86399, associated_user: { account_owner: true } });
  });

  it("refuses a request without a subject token", async () => {
    const response = await exchange(
      JSON.stringify({ client_id: "key", grant_type: "urn:ietf:params:oauth:grant-type:token-exchange" }),
      "application/json",
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_subject_token" });
  });
});
