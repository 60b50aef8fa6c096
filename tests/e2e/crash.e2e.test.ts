// The promise behind the webhook's 2xx: a server killed with SIGKILL in the middle of a burst
// of Wakilni deliveries, while its worker thread holds waybill leases, loses none of the events
// it acknowledged, and after a restart applies each of them to Shopify exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "../../app/db.server";
import { ensureShop, saveWakilniCredentials } from "../../app/settings/shop-settings.server";
import { wakilniWebhookUrl } from "../../app/inbox/wakilni-webhook-path";
import { startShopifyAdminEmulator, type ShopifyAdminEmulator } from "../../sandbox/shopify-admin-emulator";
import { ensureBuild, freePort, startAppServer, type AppServer } from "../../sandbox/app-server";
import { specPayload, wakilniHeaders, wakilniTimeText } from "../../sandbox/wakilni-sender";
import { installShop, uniqueShop } from "../helpers/shopify";

const ORDERS = 30;
const JOURNEY = ["created", "confirmed", "assigned", "processed", "completed"] as const;
const SECRET = "crash-test-wakilni-secret";

let emulator: ShopifyAdminEmulator;
let server: AppServer | null = null;
beforeAll(async () => {
  ensureBuild();
  emulator = await startShopifyAdminEmulator({ throttle: { maximumAvailable: 2000, restoreRate: 1000 } });
});
afterAll(async () => {
  await server?.stop("SIGKILL");
  await emulator.close();
});

describe("a server killed under load", () => {
  it("applies every acknowledged event exactly once after a restart", async () => {
    const shop = uniqueShop("crash");
    const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
    emulator.store.createShop({ shop, accessToken });
    for (let index = 0; index < ORDERS; index += 1) emulator.store.createOrder(shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    const { endpointKey } = await ensureShop(shop);
    await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
    await installShop(shop, { accessToken });

    const port = await freePort();
    // The worker in its own thread, as production runs it: the kill must catch the thread mid-apply.
    const serverEnv = { WORKER_THREAD: "true", WORKER_LEASE_SECONDS: "2", WORKER_POLL_MS: "50" };
    server = await startAppServer({ port, adminApiOrigin: emulator.origin, env: serverEnv });

    // Every delivery of the journey, interleaved across orders, each sent until it is acknowledged.
    const deliveries = JOURNEY.flatMap((topic, step) =>
      Array.from({ length: ORDERS }, (_, index) =>
        specPayload({
          topic,
          waybill: `#${1001 + index}`,
          at: wakilniTimeText(new Date(Date.now() - (JOURNEY.length - step) * 3_600_000)),
        }),
      ),
    );
    const acknowledged = new Set<string>();
    let killed = false;
    const post = async (payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      for (;;) {
        try {
          const response = await fetch(wakilniWebhookUrl(server!.url, endpointKey), {
            method: "POST",
            body,
            headers: wakilniHeaders(body, SECRET, String(payload.event)),
          });
          if (response.ok) {
            acknowledged.add(String(payload.event_id));
            return;
          }
        } catch {
          // the server is down: Wakilni retries later
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const senders = Array.from({ length: 8 }, async (_, lane) => {
      for (let index = lane; index < deliveries.length; index += 8) await post(deliveries[index]);
    });
    // A third of the deliveries in, the server is killed the moment its worker thread holds a lease.
    let leasesAtKill = 0;
    const killer = (async () => {
      while (acknowledged.size < deliveries.length / 3) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const deadline = Date.now() + 30_000; leasesAtKill === 0 && Date.now() < deadline;) {
        leasesAtKill = await prisma.waybillLease.count({ where: { shop, expiresAt: { gt: new Date() } } });
      }
      killed = true;
      await server!.stop("SIGKILL");
      server = await startAppServer({ port, adminApiOrigin: emulator.origin, env: serverEnv });
    })();
    await Promise.all([...senders, killer]);
    expect(killed).toBe(true);
    expect(leasesAtKill).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(deliveries.length);

    const deadline = Date.now() + 60_000;
    for (;;) {
      const unfinished = await prisma.inboxEvent.count({ where: { shop, state: { notIn: ["applied"] } } });
      if (unfinished === 0) break;
      if (Date.now() > deadline) throw new Error(`events still unapplied:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const stored = await prisma.inboxEvent.findMany({ where: { shop }, select: { eventId: true } });
    expect(new Set(stored.map((event) => event.eventId))).toEqual(acknowledged);
    for (let index = 0; index < ORDERS; index += 1) {
      const order = emulator.store.getOrder(shop, `#${1001 + index}`)!;
      expect(order.fulfillments).toHaveLength(1);
      // Lanes retrying through the crash deliver some events late; a late older event is
      // recorded as stale, never applied. So: no event twice, in journey order, ending delivered.
      const events = order.fulfillments[0].events.map((event) => event.status);
      expect(new Set(events).size).toBe(events.length);
      expect(events).toEqual(["CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED"].filter((status) => events.includes(status)));
      expect(events.at(-1)).toBe("DELIVERED");
      expect(order.tags).toEqual(["Wakilni: Delivered"]);
    }
    expect(await server.stop("SIGTERM")).toBe(0);
    server = null;
  }, 120_000);
});
