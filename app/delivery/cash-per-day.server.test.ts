// Runs on the test database's engine: `TEST_DATABASE=postgres` for PostgreSQL. Cash goes in
// through the sync repository's real write path, which keeps the per-day sums (CashDay).
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { createDelivery } from "../../tests/helpers/deliveries";
import { ensureShop } from "../settings/shop-settings.server";
import { syncRepository } from "../sync/sync-repository.server";
import { ensureOutcomeDays } from "../overview/overview-rollup.server";
import { cashCollectedPerDay } from "./cash-per-day.server";

const now = new Date("2026-12-01T10:00:00Z");

/** Records each payment on a delivery of its own, as the worker does once it marked the order paid. */
async function pay(shop: string, payments: [string, string, string][]) {
  const ids: number[] = [];
  for (const [amount, currencyCode, at] of payments) {
    const delivery = await createDelivery(shop, { waybill: `W${ids.length}`, status: "completed" });
    await syncRepository.recordCashCollected(delivery.id, { amount, currencyCode }, new Date(at));
    ids.push(delivery.id);
  }
  return ids;
}

const PAYMENTS: [string, string, string][] = [
  ["0.10", "USD", "2026-11-27T21:30:00Z"], // 23:30 in Beirut
  ["0.20", "USD", "2026-11-27T22:30:00Z"], // 00:30 on Nov 28 in Beirut
  ["25.5", "USD", "2026-11-28T10:00:00Z"],
  ["900000", "LBP", "2026-11-28T10:00:00Z"],
];

const IN_BEIRUT = [
  { day: "2026-11-27", currencyCode: "USD", amount: "0.10", orders: 1 },
  { day: "2026-11-28", currencyCode: "LBP", amount: "900000.00", orders: 1 },
  { day: "2026-11-28", currencyCode: "USD", amount: "25.70", orders: 2 },
];

describe("cash collected per day", () => {
  it("sums what the worker records per day in the shop's zone and per currency, exactly", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    await ensureOutcomeDays(prisma, shop, now);
    const other = uniqueShop("other");
    await ensureShop(other);
    await ensureOutcomeDays(prisma, other, now);
    await pay(shop, PAYMENTS);
    await pay(other, [["7", "USD", "2026-11-28T10:00:00Z"]]);
    expect(await cashCollectedPerDay(prisma, shop, "2026-11-27", "2026-11-28")).toEqual(IN_BEIRUT);
    expect(await cashCollectedPerDay(prisma, shop, "2026-11-28", "2026-11-28")).toEqual(IN_BEIRUT.slice(1));
  });

  it("moves a delivery's cash when it is recorded again, instead of counting it twice", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    await ensureOutcomeDays(prisma, shop, now);
    const [first] = await pay(shop, PAYMENTS);
    await syncRepository.recordCashCollected(first, { amount: "0.15", currencyCode: "USD" }, new Date("2026-11-28T09:00:00Z"));
    expect(await cashCollectedPerDay(prisma, shop, "2026-11-27", "2026-11-28")).toEqual([
      IN_BEIRUT[1],
      { day: "2026-11-28", currencyCode: "USD", amount: "25.85", orders: 3 },
    ]);
  });

  it("is rebuilt from the deliveries when the zone changes, counting cash recorded before the rollup", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    // Recorded before the shop's days were ever counted: only the rebuild counts them.
    await pay(shop, PAYMENTS);
    expect(await cashCollectedPerDay(prisma, shop, "2026-11-27", "2026-11-28")).toEqual([]);
    await ensureOutcomeDays(prisma, shop, now);
    expect(await cashCollectedPerDay(prisma, shop, "2026-11-27", "2026-11-28")).toEqual(IN_BEIRUT);
    await prisma.shop.update({ where: { shop }, data: { wakilniZone: "UTC" } });
    await ensureOutcomeDays(prisma, shop, now);
    // In UTC, the 20 cents of 00:30 in Beirut are Nov 27's.
    expect(await cashCollectedPerDay(prisma, shop, "2026-11-27", "2026-11-28")).toEqual([
      { day: "2026-11-27", currencyCode: "USD", amount: "0.30", orders: 2 },
      IN_BEIRUT[1],
      { day: "2026-11-28", currencyCode: "USD", amount: "25.50", orders: 1 },
    ]);
  });
});
