// The app's unchanged fetch reaching the emulator: with the dispatcher installed globally,
// https://<shop>.myshopify.com goes to the emulator and every other host goes out untouched.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetch as undiciFetch, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";
import { createEmulatorDispatcher } from "./dispatcher";
import { startShopifyAdminEmulator, type ShopifyAdminEmulator } from "./server";

let emulator: ShopifyAdminEmulator;
let previous: Dispatcher;
let dispatcher: Dispatcher;
let other: Server;
let otherOrigin: string;
const seen: { host?: string; shopHeader?: string | string[] }[] = [];

beforeAll(async () => {
  emulator = await startShopifyAdminEmulator({ shops: [{ shop: "demo.myshopify.com", accessToken: "shpat_demo" }] });
  emulator.store.createOrder("demo.myshopify.com", { lineItems: [{ title: "Soap", quantity: 1 }] });
  other = createServer((req, res) => {
    seen.push({ host: req.headers.host, shopHeader: req.headers["x-emulator-shop"] });
    res.end("elsewhere");
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  previous = getGlobalDispatcher();
  dispatcher = createEmulatorDispatcher(emulator.origin);
  setGlobalDispatcher(dispatcher);
});

afterAll(async () => {
  setGlobalDispatcher(previous);
  await dispatcher.close();
  await new Promise((resolve) => other.close(resolve));
  await emulator.close();
});

const request = (token: string) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
  body: JSON.stringify({ query: '{ shop { myshopifyDomain } orders(first: 1, query: "name:#1001") { nodes { name } } }' }),
});

describe("createEmulatorDispatcher", () => {
  it.each([
    ["Node's global fetch", globalThis.fetch as typeof undiciFetch],
    ["undici's fetch", undiciFetch],
  ])("routes %s for https://<shop>.myshopify.com to the emulator", async (_name, fetchImpl) => {
    const response = await fetchImpl("https://demo.myshopify.com/admin/api/2026-10/graphql.json", request("shpat_demo"));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-shopify-api-version")).toBe("2026-10");
    expect(await response.json()).toMatchObject({
      data: { shop: { myshopifyDomain: "demo.myshopify.com" }, orders: { nodes: [{ name: "#1001" }] } },
    });
  });

  it("keeps the shop's auth check", async () => {
    const response = await fetch("https://demo.myshopify.com/admin/api/2026-10/graphql.json", request("shpat_wrong"));
    expect(response.status).toBe(401);
  });

  it("answers 404 for a shop the emulator does not host", async () => {
    const response = await fetch("https://unknown.myshopify.com/admin/api/2026-10/graphql.json", request("shpat_demo"));
    expect(response.status).toBe(404);
  });

  it("lets every other host through untouched", async () => {
    const response = await fetch(`${otherOrigin}/ping`);
    expect(await response.text()).toBe("elsewhere");
    expect(seen.at(-1)).toEqual({ host: otherOrigin.replace("http://", ""), shopHeader: undefined });
  });
});
