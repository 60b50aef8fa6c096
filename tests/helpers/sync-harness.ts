// A shop wired end to end for sync tests: the Shopify Admin emulator (real schema, real HTTP
// on loopback) behind the app's own Admin client, the shop installed in the app's database
// with an offline token the emulator accepts, and the real worker and sync engine draining
// the real inbox.
import { randomUUID } from "node:crypto";
import { getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";
import { createEmulatorDispatcher, startShopifyAdminEmulator, type ShopifyAdminEmulator } from "../../sandbox/shopify-admin-emulator";
import { prisma } from "../../app/db.server";
import { ensureShop } from "../../app/settings/shop-settings.server";
import { prismaInboxStore } from "../../app/inbox/inbox-store.server";
import { observedInboxStore } from "../../app/logging/observed-inbox-store.server";
import { observeShopifyRequest } from "../../app/logging/metrics.server";
import { InboxWorker } from "../../app/inbox/worker";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../app/inbox/retry-policy";
import { AdminGraphqlClient } from "../../app/sync/admin-graphql.server";
import { AdminShopifyGateway } from "../../app/sync/shopify-gateway.server";
import { SyncEngine } from "../../app/sync/sync-engine";
import { syncRepository } from "../../app/sync/sync-repository.server";
import type { WakilniTopic } from "../../app/wakilni/topics";
import type { WakilniEvent } from "../../app/wakilni/event";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { installShop, uniqueShop } from "./shopify";

let emulator: ShopifyAdminEmulator | null = null;
let previousDispatcher: Dispatcher | null = null;

/** One emulator per test file, reached by every fetch to *.myshopify.com. */
export async function startEmulator(options: Parameters<typeof startShopifyAdminEmulator>[0] = {}): Promise<ShopifyAdminEmulator> {
  emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: 2000, restoreRate: 1000 }, ...options });
  previousDispatcher = getGlobalDispatcher();
  setGlobalDispatcher(createEmulatorDispatcher(emulator.origin));
  return emulator;
}

export async function stopEmulator(): Promise<void> {
  if (previousDispatcher) setGlobalDispatcher(previousDispatcher);
  await emulator?.close();
  emulator = null;
}

export interface SyncShopHarness {
  shop: string;
  emulator: ShopifyAdminEmulator;
  client: AdminGraphqlClient;
  /** Stores a Wakilni event for the waybill, as the webhook endpoint would. */
  send(topic: WakilniTopic, waybill: string, at: string, extra?: Omit<Partial<WakilniEvent>, "topic">): Promise<number>;
  /** Runs the worker until nothing is due at the harness clock. */
  drain(): Promise<void>;
  clock: { now: Date };
  order(name: string): ReturnType<ShopifyAdminEmulator["store"]["getOrder"]> & object;
}

export async function syncShop(
  settings: Partial<{
    fulfillmentStage: string;
    tagPrefix: string;
    notifyCustomer: boolean;
    trackingUrlTemplate: string;
    waybillPattern: string;
  }> = {},
  /**
   * `observed`: the worker's outcomes and the client's requests logged and counted, as the app wires them (app/logging/).
   * `scopes`: what the emulator grants the app, when not the scopes it asks for.
   */
  options: { retry?: Partial<RetryPolicy>; timeoutMs?: number; observed?: boolean; scopes?: string[] } = {},
): Promise<SyncShopHarness> {
  if (!emulator) throw new Error("startEmulator() first");
  const running = emulator;
  const shop = uniqueShop("sync");
  const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
  running.store.createShop({ shop, accessToken, scopes: options.scopes });
  await ensureShop(shop);
  await prisma.shop.update({ where: { shop }, data: settings });
  await installShop(shop, { accessToken, scope: "read_orders,write_orders" });

  const clock = { now: new Date("2026-11-28T12:00:00Z") };
  const client = new AdminGraphqlClient({
    timeoutMs: options.timeoutMs ?? 2_000,
    ...(options.observed ? { onRequest: observeShopifyRequest } : {}),
  });
  const engine = new SyncEngine(syncRepository, new AdminShopifyGateway(client), () => clock.now);
  const worker = new InboxWorker({
    store: options.observed ? observedInboxStore(prismaInboxStore) : prismaInboxStore,
    processor: engine,
    owner: `test-${shop}`,
    concurrency: 4,
    leaseMs: 60_000,
    pollMs: 5,
    batchLimit: 50,
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 30, ...options.retry },
    now: () => clock.now,
    random: () => 1,
    onError: (error) => {
      throw error;
    },
  });
  return {
    shop,
    emulator: running,
    client,
    clock,
    async send(topic, waybill, at, extra = {}) {
      const event = wakilniEvent({ topic, waybill, occurredAt: new Date(at), ...extra });
      return (await storeEvent(shop, event, clock.now)).id;
    },
    async drain() {
      // Retries are scheduled in the future: move the clock past them until nothing is due.
      for (let round = 0; round < 60; round += 1) {
        await worker.drain();
        const pending = await prisma.inboxEvent.findFirst({
          where: { shop, state: { in: ["received", "processing"] } },
          orderBy: { nextAttemptAt: "asc" },
        });
        if (!pending) return;
        clock.now = new Date(Math.max(clock.now.getTime(), pending.nextAttemptAt.getTime()) + 1);
      }
      throw new Error("the inbox did not settle");
    },
    order(name) {
      const order = running.store.getOrder(shop, name);
      if (!order) throw new Error(`no order ${name}`);
      return order;
    },
  };
}
