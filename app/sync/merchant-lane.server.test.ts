// A merchant's action against a shop whose Shopify budget the worker has used up, over real HTTP
// to the Admin emulator: the merchant's request is sent as soon as its points are back, ahead of
// the worker's requests that were already waiting for the bucket — with one client shared by both,
// and with a client each (the worker in a thread of its own, told of each merchant request).
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ShopifyAdminEmulator } from "../../sandbox/shopify-admin-emulator";
import { startEmulator, stopEmulator } from "../../tests/helpers/sync-harness";
import { DEFAULT_DELIVERY_SETTINGS } from "../delivery/settings";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { applyRequest } from "./apply-requests";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import type { SyncShop } from "./ports";

const SHOP = "merchant-lane.myshopify.com";
const WORKER_REQUESTS = 8;
let emulator: ShopifyAdminEmulator;
let shop: SyncShop;

beforeEach(async () => {
  // 200 points at 20 a second: each tag request below waits about half a second for its points.
  emulator = await startEmulator({ throttle: { maximumAvailable: 200, restoreRate: 20 } });
  const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
  emulator.store.createShop({ shop: SHOP, accessToken });
  shop = { shop: SHOP, accessToken, settings: DEFAULT_DELIVERY_SETTINGS, waybillPattern: "" };
});

afterEach(stopEmulator);

const tagged = (orderId: string) => applyRequest(orderId, { tags: { add: ["Wakilni: Assigned"], remove: [] } });

/**
 * The worker's gateway empties the shop's bucket, then sends WORKER_REQUESTS tag changes; the
 * merchant's gateway sends one once they wait. Returns the order they were answered in, and how
 * many of the worker's had been sent before the merchant's (they fitted in what was left).
 */
async function merchantAmongWaitingWorkerRequests(workerClient: AdminGraphqlClient, merchant: AdminShopifyGateway) {
  const worker = new AdminShopifyGateway(workerClient);
  const orders = Array.from({ length: WORKER_REQUESTS + 1 }, () =>
    emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] }),
  );
  // One request teaches the worker's client the document's cost and an all but empty bucket.
  emulator.store.shopData(SHOP)!.bucket.tryTake(200 - 12);
  await worker.apply(shop, tagged(orders[0].id));

  const answered: string[] = [];
  const workerRequests = orders
    .slice(1)
    .map((order, index) => worker.apply(shop, tagged(order.id)).then(() => void answered.push(`worker ${index + 1}`)));
  // Those that fit in what was left are sent by the next turn of the event loop; the rest wait.
  await new Promise((resolve) => setImmediate(resolve));
  const sentAhead = workerClient.stats.requests - 1;
  expect(sentAhead).toBeLessThan(WORKER_REQUESTS / 2);
  const merchantRequest = merchant.apply(shop, tagged(orders[0].id)).then(() => void answered.push("merchant"));
  await Promise.all([...workerRequests, merchantRequest]);
  return { answered, sentAhead };
}

describe("the merchant's lane in a shop's Shopify budget", () => {
  it("sends a merchant's request before the worker's requests already waiting for the bucket", async () => {
    const client = new AdminGraphqlClient({ timeoutMs: 5_000 });
    const { answered, sentAhead } = await merchantAmongWaitingWorkerRequests(client, new AdminShopifyGateway(client, "merchant"));

    // Without the lane, every waiter slept for the same refill and the merchant, last in, was answered late.
    expect(answered.indexOf("merchant"), answered.join(", ")).toBe(sentAhead);
    expect(client.stats.throttledUnhandled).toBe(0);
  });

  it("does the same when the worker has a client of its own, told of each merchant request", async () => {
    const workerClient = new AdminGraphqlClient({ timeoutMs: 5_000 });
    let announced = 0;
    const merchantClient = new AdminGraphqlClient({
      timeoutMs: 5_000,
      // What server-runtime.server.ts relays between the HTTP thread and the worker thread.
      onMerchantRequest: (shopName, cost) => {
        announced += 1;
        return workerClient.holdForMerchant(shopName, cost);
      },
    });
    // The merchant's client has not seen the shop: it learns the empty bucket from a THROTTLED answer.
    const { answered, sentAhead } = await merchantAmongWaitingWorkerRequests(
      workerClient,
      new AdminShopifyGateway(merchantClient, "merchant"),
    );

    expect(announced).toBe(1);
    expect(answered.indexOf("merchant"), answered.join(", ")).toBe(sentAhead);
    expect(merchantClient.stats.throttledUnhandled + workerClient.stats.throttledUnhandled).toBe(0);
  });
});
