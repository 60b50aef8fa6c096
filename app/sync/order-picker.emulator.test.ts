// The order picker's Admin search against the Shopify Admin emulator (real 2026-10 schema).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import { syncRepository } from "./sync-repository.server";
import { startEmulator, stopEmulator, syncShop } from "../../tests/helpers/sync-harness";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);

describe("pickOrders", () => {
  it("finds the orders whose name starts with what the merchant typed, newest first, ten at most", async () => {
    const harness = await syncShop();
    for (let n = 0; n < 12; n += 1) harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    const gateway = new AdminShopifyGateway(new AdminGraphqlClient({ timeoutMs: 15_000 }));
    const shop = (await syncRepository.shopForSync(harness.shop))!;

    const found = await gateway.pickOrders(shop, "#101");
    expect(found.map((order) => order.name)).toEqual(["#1012", "#1011", "#1010"]);
    expect(found[0]).toMatchObject({ id: expect.stringMatching(/^gid:\/\/shopify\/Order\//), displayFulfillmentStatus: "UNFULFILLED" });
    expect((await gateway.pickOrders(shop, "10")).length).toBe(10);
    expect(await gateway.pickOrders(shop, "#2")).toEqual([]);
    expect(await gateway.pickOrders(shop, '" OR')).toEqual([]);
  });
});
