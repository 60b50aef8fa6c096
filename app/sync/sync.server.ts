// The sync engine as the app runs it: the real Admin API client, the Prisma repository and the
// system clock. The worker sends through its own gateway; the merchant's actions (resolve, link,
// unlink, the order picker) through merchantShopifyGateway, first in each shop's budget.
// Every Admin request it sends is counted for /metrics (app/logging/metrics.server.ts).
import { observeShopifyRequest } from "../logging/metrics.server";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import { SyncEngine } from "./sync-engine";
import { syncRepository } from "./sync-repository.server";

const adminClient = new AdminGraphqlClient({ onRequest: observeShopifyRequest });
const workerShopifyGateway = new AdminShopifyGateway(adminClient);
export const merchantShopifyGateway = new AdminShopifyGateway(adminClient, "merchant");
export const syncEngine = new SyncEngine(syncRepository, workerShopifyGateway, () => new Date());
