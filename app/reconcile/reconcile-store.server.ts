// The reconciliation job's view of the database: which shops may run, which of their deliveries
// have gone silent, the shop's lease (a row of the worker's own lease table, so an instance that
// crashes mid-run frees the shop by expiry), the shop's token bucket (in its row, so every instance
// draws on the same one), and the record of each run that the home page shows.
import { prisma } from "../db.server";
import { prismaInboxStore } from "../inbox/inbox-store.server";
import { TERMINAL_TOPICS } from "../wakilni/topics";
import type { WakilniApiFailure } from "../wakilni/api/wakilni-api";
import { RECONCILE_LEASE_WAYBILL, type ReconcileRun, type ReconcileStore } from "./reconcile-job";
import type { Shop } from "@prisma/client";
import { reconcileMayRun, reconcileSummary, type ReconcileSummary } from "./reconcile-summary";
import { wakilniApiConnected } from "../settings/wakilni-connection";
import { takeToken, takeWaitMs, type TokenBucketState } from "./token-bucket";

const FINAL_STATUSES = [...TERMINAL_TOPICS];

/** The Shop columns of the last connection check (the settings page's Test connection). */
export const CONNECTION_COLUMNS = { wakilniApiOutcome: true, wakilniApiCheckedAt: true } as const;

/** When a connection check last passed; null when the last one failed or none ran. */
export function connectionPassedAt(row: { wakilniApiOutcome: string | null; wakilniApiCheckedAt: Date | null }): Date | null {
  return wakilniApiConnected(row) ? row.wakilniApiCheckedAt : null;
}

/** The failure as the Shop row keeps it for the home page (reconcileLastError). */
export function storedFailure(failure: WakilniApiFailure): string {
  return JSON.stringify(failure);
}

/** The stored failure read back; null for none or for text this version cannot read. */
export function readStoredFailure(text: string | null): WakilniApiFailure | null {
  if (!text) return null;
  try {
    const failure = JSON.parse(text) as WakilniApiFailure;
    return typeof failure === "object" && failure !== null && typeof failure.kind === "string" ? failure : null;
  } catch {
    return null;
  }
}

/** The home page's summary of the shop's reconciliation, from its row. */
export function reconcileSummaryOf(
  row: Pick<
    Shop,
    | "reconcileEnabled"
    | "wakilniApiOutcome"
    | "wakilniApiCheckedAt"
    | "reconcileRefusedAt"
    | "reconcileLastRunAt"
    | "reconcileLastChecked"
    | "reconcileLastHealed"
    | "reconcileLastError"
  >,
  now: Date,
): ReconcileSummary {
  return reconcileSummary(
    {
      enabled: row.reconcileEnabled,
      connectionPassedAt: connectionPassedAt(row),
      refusedAt: row.reconcileRefusedAt,
      lastRunAt: row.reconcileLastRunAt,
      lastChecked: row.reconcileLastChecked,
      lastHealed: row.reconcileLastHealed,
      lastFailure: readStoredFailure(row.reconcileLastError),
    },
    now,
  );
}

/** The Shop columns of its reconciliation token bucket. */
const BUCKET_COLUMNS = { reconcileTokens: true, reconcileTokensAt: true } as const;

/** Compare-and-set rounds one take may lose before it gives up (only under heavy contention). */
const TAKE_ATTEMPTS = 10;

function bucketOf(row: { reconcileTokens: number; reconcileTokensAt: Date | null }): TokenBucketState {
  return { tokens: row.reconcileTokens, at: row.reconcileTokensAt?.getTime() ?? null };
}

export const prismaReconcileStore: ReconcileStore = {
  async dueShops(now) {
    const rows = await prisma.shop.findMany({
      where: {
        uninstalledAt: null,
        reconcileEnabled: true,
        OR: [{ reconcileRetryAt: null }, { reconcileRetryAt: { lte: now } }],
      },
      select: {
        shop: true,
        reconcileSilentHours: true,
        reconcilePerMinute: true,
        reconcileFailures: true,
        reconcileRefusedAt: true,
        ...BUCKET_COLUMNS,
        ...CONNECTION_COLUMNS,
      },
      orderBy: { shop: "asc" },
    });
    const mayRun = rows.filter((row) =>
      reconcileMayRun({ enabled: true, connectionPassedAt: connectionPassedAt(row), refusedAt: row.reconcileRefusedAt }),
    );
    return mayRun.map((row) => ({
      shop: row.shop,
      silentHours: row.reconcileSilentHours,
      perMinute: row.reconcilePerMinute,
      bucket: bucketOf(row),
      failures: row.reconcileFailures,
    }));
  },

  async silentWaybills(shop, silentSince, limit) {
    if (limit < 1) return [];
    const rows = await prisma.delivery.findMany({
      where: {
        shop,
        OR: [{ status: null }, { status: { notIn: FINAL_STATUSES } }],
        lastEventAt: { lt: silentSince },
        AND: [{ OR: [{ reconciledAt: null }, { reconciledAt: { lt: silentSince } }] }],
      },
      orderBy: [{ lastEventAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { waybill: true },
    });
    return rows.map((row) => row.waybill);
  },

  async takeToken(shop, perMinute, now) {
    // Compare-and-set: the UPDATE matches only the bucket as read, so of two instances taking at
    // once one loses, reads the bucket the winner left and tries again. Every write moves the
    // bucket (fewer tokens at a later instant), so a stale read never matches. The instant is the
    // last take's, so the per-second spacing holds across instances as the tokens do.
    for (let attempt = 0; attempt < TAKE_ATTEMPTS; attempt += 1) {
      const row = await prisma.shop.findUnique({ where: { shop }, select: BUCKET_COLUMNS });
      if (!row) return { taken: false, waitMs: null };
      const bucket = bucketOf(row);
      const next = takeToken(bucket, perMinute, now.getTime());
      if (!next) return { taken: false, waitMs: takeWaitMs(bucket, perMinute, now.getTime()) };
      const taken = await prisma.shop.updateMany({
        where: { shop, reconcileTokens: row.reconcileTokens, reconcileTokensAt: row.reconcileTokensAt },
        data: { reconcileTokens: next.tokens, reconcileTokensAt: new Date(next.at ?? now.getTime()) },
      });
      if (taken.count === 1) return { taken: true };
    }
    // So many instances taking at once that this one kept losing: it asks nothing this time.
    return { taken: false, waitMs: null };
  },

  claim(shop, owner, now, leaseMs) {
    return prismaInboxStore.claim({ shop, waybill: RECONCILE_LEASE_WAYBILL }, owner, now, leaseMs);
  },

  release(shop, owner) {
    return prismaInboxStore.release({ shop, waybill: RECONCILE_LEASE_WAYBILL }, owner);
  },

  async recordRun(shop: string, run: ReconcileRun) {
    await prisma.shop.update({
      where: { shop },
      data: {
        reconcileLastRunAt: run.at,
        reconcileLastChecked: run.checked,
        reconcileLastHealed: run.healed,
        reconcileFailures: run.failures,
        reconcileRetryAt: run.retryAt,
        reconcileLastError: run.failure && storedFailure(run.failure),
        ...(run.refused ? { reconcileRefusedAt: run.at } : {}),
      },
    });
  },
};
