// The inbox worker as production wires it (Prisma store, sync engine, Admin GraphQL client), for
// benchmarks that drain events in-process against the Shopify Admin emulator. Import it after the
// environment is set: the app's modules validate it when they load.
import { prismaInboxStore } from "../app/inbox/inbox-store.server";
import { InboxWorker } from "../app/inbox/worker";
import { DEFAULT_RETRY_POLICY } from "../app/inbox/retry-policy";
import { AdminGraphqlClient } from "../app/sync/admin-graphql.server";
import { AdminShopifyGateway } from "../app/sync/shopify-gateway.server";
import { SyncEngine } from "../app/sync/sync-engine";
import { syncRepository } from "../app/sync/sync-repository.server";

/** A worker applying events through `client` (whose stats count Shopify requests), on the wall clock. */
export function syncWorker(options: { owner: string; concurrency: number; client?: AdminGraphqlClient }): InboxWorker {
  return new InboxWorker({
    store: prismaInboxStore,
    processor: new SyncEngine(syncRepository, new AdminShopifyGateway(options.client ?? new AdminGraphqlClient()), () => new Date()),
    owner: options.owner,
    concurrency: options.concurrency,
    leaseMs: 120_000,
    pollMs: 20,
    batchLimit: 50,
    retry: DEFAULT_RETRY_POLICY,
    now: () => new Date(),
    random: Math.random,
    onError: (error) => console.error(error),
  });
}
