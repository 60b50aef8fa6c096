// The sync engine as the app runs it: the real Admin API client, the Prisma repository and the
// system clock. Shared by the worker and by the merchant's "link to order" and "unlink" actions.
// Every Admin request it sends is counted for /metrics (app/logging/metrics.server.ts).
import { observeShopifyRequest } from "../logging/metrics.server";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import { SyncEngine } from "./sync-engine";
import { syncRepository } from "./sync-repository.server";

const adminClient = new AdminGraphqlClient({ onRequest: observeShopifyRequest });
export const shopifyGateway = new AdminShopifyGateway(adminClient);
export const syncEngine = new SyncEngine(syncRepository, shopifyGateway, () => new Date());
