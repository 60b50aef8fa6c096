// The reconciliation token bucket in the Shop row, taken by instances at the same moment: the
// compare-and-set take must hand out exactly what the bucket holds and keep the per-second spacing,
// whoever asks.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { ensureShop } from "../settings/shop-settings.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { createBarrier } from "../../tests/helpers/barrier";
import { prismaReconcileStore } from "./reconcile-store.server";
import { TAKE_SPACING_MS } from "./token-bucket";

const PER_MINUTE = 30;
const t0 = new Date("2026-11-28T18:00:00Z");

/**
 * Two "instances" each try `tries` takes, the n-th at `at(n)`, every take meeting the other's at a
 * barrier; tokens each got.
 */
async function raceTakes(shop: string, at: (attempt: number) => Date, tries: number): Promise<number[]> {
  const barrier = createBarrier(2);
  const party = async () => {
    let taken = 0;
    for (let attempt = 0; attempt < tries; attempt += 1) {
      await barrier.meet();
      if ((await prismaReconcileStore.takeToken(shop, PER_MINUTE, at(attempt))).taken) taken += 1;
    }
    return taken;
  };
  return Promise.all([party(), party()]);
}

const spaced = (attempt: number) => new Date(t0.getTime() + attempt * TAKE_SPACING_MS);

describe("the shop's reconciliation token bucket, shared by instances", () => {
  it("gives two instances taking at once one token per spacing between them: a minute's worth, what refilled meanwhile, and no more", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    // 30 at once and half a token a second: the 31st at 3 s, the 32nd not before 4 s.
    const taken = await raceTakes(shop, spaced, 40);
    expect(taken[0] + taken[1]).toBe(31);
    const row = await prisma.shop.findUniqueOrThrow({ where: { shop }, select: { reconcileTokens: true, reconcileTokensAt: true } });
    expect(row.reconcileTokens).toBeLessThan(1);
    expect(row.reconcileTokensAt).toEqual(spaced(30));
  }, 60_000);

  it("keeps the spacing across instances: of takes at one instant only one goes, and the other learns how long to wait", async () => {
    const shop = uniqueShop();
    await ensureShop(shop);
    const atOnce = await raceTakes(shop, () => t0, 5);
    expect(atOnce[0] + atOnce[1]).toBe(1);
    expect(await prismaReconcileStore.takeToken(shop, PER_MINUTE, new Date(t0.getTime() + 40))).toEqual({
      taken: false,
      waitMs: TAKE_SPACING_MS - 40,
    });
  }, 60_000);

  it("takes nothing for a shop it does not know", async () => {
    expect(await prismaReconcileStore.takeToken(uniqueShop(), PER_MINUTE, t0)).toEqual({ taken: false, waitMs: null });
  });
});
