// The sync engine as the app runs it: the real Admin API client, the Prisma repository and the
// system clock. The worker sends through its own gateway; the merchant's actions (resolve, link,
// unlink, the order picker) through merchantShopifyGateway, first in each shop's budget. Where
// the worker runs in a thread of its own, with a client of its own, each merchant request is
// announced to it (merchantRequests), and that thread's client leaves the points to the merchant
// (leaveBudgetToMerchant) until the request ends.
// Every Admin request it sends is counted for /metrics (app/logging/metrics.server.ts).
import { observeShopifyRequest } from "../logging/metrics.server";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import { SyncEngine } from "./sync-engine";
import { syncRepository } from "./sync-repository.server";

type MerchantRequestListener = (shop: string, cost: number) => () => void;
const merchantRequestListeners = new Set<MerchantRequestListener>();

/** Merchant requests of this thread as they start: the listener returns what to do as each ends. */
export const merchantRequests = {
  subscribe(listener: MerchantRequestListener): () => void {
    merchantRequestListeners.add(listener);
    return () => merchantRequestListeners.delete(listener);
  },
};

const adminClient = new AdminGraphqlClient({
  onRequest: observeShopifyRequest,
  onMerchantRequest(shop, cost) {
    const ended = [...merchantRequestListeners].map((listener) => listener(shop, cost));
    return () => ended.forEach((end) => end());
  },
});
const workerShopifyGateway = new AdminShopifyGateway(adminClient);
export const merchantShopifyGateway = new AdminShopifyGateway(adminClient, "merchant");
export const syncEngine = new SyncEngine(syncRepository, workerShopifyGateway, () => new Date());

/** A merchant request of another thread waits for `shop`'s budget: this thread's worker leaves it `cost` points until released. */
export function leaveBudgetToMerchant(shop: string, cost: number): () => void {
  return adminClient.holdForMerchant(shop, cost);
}
