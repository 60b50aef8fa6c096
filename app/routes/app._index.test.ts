import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { embeddedRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";
import { createDelivery } from "../../tests/helpers/deliveries";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { ensureShop, saveWakilniCredentials } from "../settings/shop-settings.server";
import { countRejection } from "../inbox/inbox-store.server";
import { localDate } from "../overview/periods";
import { syncRepository } from "../sync/sync-repository.server";
import { timelineMessage } from "../delivery/timeline-messages";
import { loader } from "./app._index";

const routeArgs = (request: Request) => ({ request, params: {}, context: {} });

async function load(shop: string, search = "") {
  return loader(routeArgs(await embeddedRequest(shop, `/app${search}`)));
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("overview page", () => {
  it("refuses a request without a session token", async () => {
    await expect(loader(routeArgs(new Request("https://my-test-app.myshopify.io/app")))).rejects.toBeInstanceOf(Response);
  });

  it("asks a new shop to set up, with nothing to count and no tracking link yet", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const data = await load(shop);
    expect(data.connection).toMatchObject({ kind: "not_set_up", dismissKey: null });
    expect(data).toMatchObject({ hasDeliveries: false, trackingUrlMissing: true, period: "7d", successRate: null });
    expect(data.current).toEqual({ anyDelivery: false, inTransit: 0, outForDelivery: 0, needsAttention: 0 });
  });

  it("waits for the first webhook once the secret is saved, then says how long ago the last one came", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await saveWakilniCredentials(shop, { secret: "secret-12345678" }, new Date());
    expect((await load(shop)).connection.kind).toBe("waiting");
    await storeEvent(shop, wakilniEvent({ waybill: "A", topic: "assigned", occurredAt: minutesAgo(20) }), minutesAgo(7));
    await createDelivery(shop, { waybill: "A", orderId: "gid://shopify/Order/1", status: "assigned" });
    const data = await load(shop);
    expect(data.connection).toMatchObject({ kind: "receiving", lastWebhookMinutesAgo: 7, dismissKey: "receiving" });
    expect(data.hasDeliveries).toBe(true);
  });

  it("warns of silence after the shop's hours while parcels are on their way, and of refusals with their reasons", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await saveWakilniCredentials(shop, { secret: "secret-12345678" }, new Date());
    await prisma.shop.update({ where: { shop }, data: { silentAfterHours: 2 } });
    await storeEvent(shop, wakilniEvent({ waybill: "A", topic: "processed", occurredAt: minutesAgo(200) }), minutesAgo(180));
    await createDelivery(shop, { waybill: "A", orderId: "gid://shopify/Order/1", status: "processed" });
    expect((await load(shop)).connection).toMatchObject({ kind: "silent", silentHours: 3, inTransit: 1 });

    await countRejection(shop, "signature_mismatch", minutesAgo(5));
    await countRejection(shop, "signature_mismatch", minutesAgo(4));
    expect((await load(shop)).connection).toMatchObject({
      kind: "rejecting",
      rejections: [{ reason: "signature_mismatch", count: 2, minutesAgo: 4 }],
    });
  });

  it("counts the chosen period's outcomes, with the range its links filter on", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await ensureShop(shop);
    await prisma.shop.update({ where: { shop }, data: { trackingUrlTemplate: "https://track.example.com/{waybill}" } });
    const events = [
      ["A", "created", 60 * 30],
      ["A", "assigned", 60 * 28],
      ["A", "completed", 60 * 20],
      ["B", "created", 60 * 24 * 10],
      ["B", "completed", 60 * 24 * 9],
      ["C", "completed_rejected", 60 * 2],
    ] as const;
    // Received and recorded by the worker (parked: no order), as the overview's rollup expects.
    // One instant, in whole seconds as Wakilni writes them, so the spans are exact hours however
    // long each store takes on a busy machine.
    const start = Math.floor(Date.now() / 1000) * 1000;
    for (const [waybill, topic, minutes] of events) {
      const stored = await storeEvent(shop, wakilniEvent({ waybill, topic, occurredAt: new Date(start - minutes * 60_000) }));
      const reason = timelineMessage("unmatchedOrder", { waybill });
      await syncRepository.recordUnmatched(
        shop,
        waybill,
        reason,
        [{ inboxEventId: stored.id, topic, outcome: "parked", message: reason, occurredAt: stored.occurredAt }],
        new Date(),
      );
    }
    await createDelivery(shop, {
      waybill: "CASH-1",
      cashCollectedAmount: "12.50",
      cashCollectedCurrency: "USD",
      cashCollectedAt: minutesAgo(60 * 24 * 3),
    });
    await createDelivery(shop, {
      waybill: "CASH-2",
      cashCollectedAmount: "7.50",
      cashCollectedCurrency: "USD",
      cashCollectedAt: minutesAgo(60 * 24 * 20),
    });

    const week = await load(shop);
    expect(week).toMatchObject({ trackingUrlMissing: false, period: "7d", successRate: 0.5 });
    expect(week.outcomes).toEqual({ delivered: 1, failedAttempt: 0, returned: 1, canceled: 0 });
    expect(week.timeToDeliver).toMatchObject({ delivered: 1, medianFromCreatedHours: 10, medianFromAssignedHours: 8 });
    expect(week.range.toDate).toBe(localDate(new Date(), "Asia/Beirut"));
    expect(week.perDay).toHaveLength(30);
    expect(week.perDay.reduce((sum, day) => sum + day.counts.delivered, 0)).toBe(2);

    expect(week.cash.inPeriod).toEqual([{ currencyCode: "USD", amount: "12.50", orders: 1 }]);
    expect(week.cash.perDay).toHaveLength(2);

    const month = await load(shop, "?period=30d");
    expect(month.outcomes.delivered).toBe(2);
    expect(month.cash.inPeriod).toEqual([{ currencyCode: "USD", amount: "20.00", orders: 2 }]);
    expect(month.timeToDeliver.medianFromCreatedHours).toBe(17);
    expect((await load(shop, "?period=nonsense")).period).toBe("7d");
  });
});
