// The reconciliation token bucket in the Shop row, taken by instances at the same moment: the
// compare-and-set take must hand out exactly what the bucket holds, whoever asks.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { ensureShop } from "../settings/shop-settings.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { createBarrier } from "../../tests/helpers/barrier";
import { prismaReconcileStore } from "./reconcile-store.server";

const PER_MINUTE = 30;
const t0 = new Date("2026-11-28T18:00:00Z");

/** Two "instances" each try `tries` takes at `now`, every take meeting the other's at a barrier; tokens each got. */
async function raceTakes(shop: string, now: Date, tries: number): Promise<number[]> {
  const barrier = createBarrier(2);
  const party = async () => {
    let taken = 0;
    for (let attempt = 0; attempt < tries; attempt += 1) {
      await barrier.meet();
      if (await prismaReconcileStore.takeToken(shop, PER_MINUTE, now)) taken += 1;
    }
    return taken;
  };
  return Promise.all([party(), party()]);
}

describe("the shop's reconciliation token bucket, shared by instances", () => {
  it("gives two instances taking at once a minute's worth between them, then the refill and no more", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    const atStart = await raceTakes(shop, t0, PER_MINUTE);
    expect(atStart[0] + atStart[1]).toBe(PER_MINUTE);
    // Twenty seconds refill ten tokens at 30 a minute.
    const later = await raceTakes(shop, new Date(t0.getTime() + 20_000), PER_MINUTE);
    expect(later[0] + later[1]).toBe(10);
    const row = await prisma.shop.findUniqueOrThrow({ where: { shop }, select: { reconcileTokens: true, reconcileTokensAt: true } });
    expect(row.reconcileTokens).toBeLessThan(1);
    expect(row.reconcileTokensAt).toEqual(new Date(t0.getTime() + 20_000));
  }, 60_000);

  it("takes nothing for a shop it does not know", async () => {
    expect(await prismaReconcileStore.takeToken(uniqueShop(), PER_MINUTE, t0)).toBe(false);
  });
});
