// The shop's Wakilni API as refresh and reconciliation use it: only once a connection check has
// passed (the settings page's Test connection), so a shop with no or broken credentials is never
// asked about. And the merchant's "Refresh from Wakilni" (the delivery page, the order-page block
// and action): refresh one delivery, then wake this process's worker for what it stored.
import { prisma } from "../db.server";
import { inboxSignal } from "../inbox/inbox-signal.server";
import { wakilniApiCredentialsOf } from "../settings/shop-settings.server";
import { wakilniApiConnected } from "../settings/wakilni-connection";
import { hasWakilniApiCredentials } from "../wakilni/api/http-wakilni-api";
import type { WakilniApi } from "../wakilni/api/wakilni-api";
import { wakilniApiFor } from "../wakilni/api/wakilni-api.server";
import type { RefreshDeliveryAnswer } from "../delivery/order-actions";
import { refreshDelivery } from "./refresh.server";

/** The shop's API when its last connection check passed and its credentials are there; null otherwise. */
export async function connectedWakilniApi(shop: string): Promise<WakilniApi | null> {
  const row = await prisma.shop.findUnique({ where: { shop } });
  if (!row || row.uninstalledAt || !wakilniApiConnected(row)) return null;
  const credentials = wakilniApiCredentialsOf(row);
  return hasWakilniApiCredentials(credentials) ? wakilniApiFor(credentials) : null;
}

/** Whether the order surfaces offer "Refresh from Wakilni" to this shop. */
export async function canRefreshFromWakilni(shop: string): Promise<boolean> {
  const row = await prisma.shop.findUnique({ where: { shop }, select: { wakilniApiOutcome: true } });
  return row !== null && wakilniApiConnected(row);
}

export async function refreshFromWakilni(shop: string, waybill: string, now: Date): Promise<RefreshDeliveryAnswer> {
  const api = await connectedWakilniApi(shop);
  if (!api) return { ok: false, notConnected: true };
  const outcome = await refreshDelivery(shop, waybill, api, now);
  if (outcome.ok && outcome.newChanges > 0) inboxSignal.notify();
  return outcome;
}
