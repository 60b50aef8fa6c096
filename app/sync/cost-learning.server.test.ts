// The Admin client's cost model against the emulator over real HTTP: when Shopify charges a
// document more than the app estimated, the client takes Shopify's figure from then on, and
// one shop never has more than one request refused for cost at a time.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";
import { createEmulatorDispatcher, startShopifyAdminEmulator, type ShopifyAdminEmulator } from "../../sandbox/shopify-admin-emulator";
import { DEFAULT_DELIVERY_SETTINGS } from "../delivery/settings";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { applyRequest } from "./apply-requests";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import type { SyncShop } from "./ports";

const SHOP = "cost-learning.myshopify.com";
let emulator: ShopifyAdminEmulator;
let previous: Dispatcher;
let shop: SyncShop;

beforeEach(async () => {
  // A Shopify that prices the batched mutation's switched-off parts too: every slot, every time.
  emulator = await startShopifyAdminEmulator({ chargeSkippedFields: true, throttle: { maximumAvailable: 2000, restoreRate: 100 } });
  const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
  emulator.store.createShop({ shop: SHOP, accessToken });
  shop = { shop: SHOP, accessToken, settings: DEFAULT_DELIVERY_SETTINGS, waybillPattern: "" };
  previous = getGlobalDispatcher();
  setGlobalDispatcher(createEmulatorDispatcher(emulator.origin));
});

afterEach(async () => {
  setGlobalDispatcher(previous);
  await emulator.close();
});

/** Six waybills of the shop tagged at once, as six worker slots would. */
async function tagSixOrders(gateway: AdminShopifyGateway) {
  const orders = Array.from({ length: 6 }, () => emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] }));
  // The emulator reads the Admin schema on its first request: not while the bucket refills.
  await gateway.order(shop, orders[0].id);
  // The bucket holds 47 points: enough for six requests as the app estimates them, not for one as charged.
  emulator.store.shopData(SHOP)!.bucket.tryTake(2000 - 47);
  emulator.stats.reset();
  const results = await Promise.all(
    orders.map((order) => gateway.apply(shop, applyRequest(order.id, { tags: { add: ["Wakilni: Assigned"], remove: [] } }))),
  );
  return { orders, results };
}

describe("the Admin client's cost model", () => {
  it("learns Shopify's figure from the first THROTTLED answer: one refusal, not six", async () => {
    const client = new AdminGraphqlClient({ timeoutMs: 5_000 });
    const { orders, results } = await tagSixOrders(new AdminShopifyGateway(client));

    expect(results.every((result) => result.userErrors.length === 0)).toBe(true);
    for (const order of orders) expect(emulator.store.getOrder(SHOP, order.id)?.tags).toContain("Wakilni: Assigned");
    expect(emulator.stats.snapshot().throttled).toBe(1);
    expect(client.stats).toMatchObject({ throttledAndRetried: 1, throttledUnhandled: 0 });
    expect(client.stats.costsRaised).toBeGreaterThanOrEqual(1);
  });
});
