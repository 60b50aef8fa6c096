// "I have dealt with it": the merchant takes a delivery out of the needs-attention queue. Shopify
// first (the order loses its Needs attention tag, so the merchant's own order views agree), then
// the delivery records who resolved it and when, with a timeline entry. It holds the waybill's
// lease meanwhile, as the worker does, so an event applied at the same moment cannot put the
// flag back half-way. The list page's bulk action and the order-page block both call this.
import { randomUUID } from "node:crypto";
import { prisma } from "../db.server";
import { needsAttentionTag } from "../delivery/labels";
import { orderActionRefusal, refusalText, type OrderActionRefusal } from "../delivery/order-action-refusals";
import { timelineMessage } from "../delivery/timeline-messages";
import { prismaInboxStore } from "../inbox/inbox-store.server";
import { applyRequest } from "./apply-requests";
import { merchantShopifyGateway } from "./sync.server";
import { syncRepository } from "./sync-repository.server";
import type { ShopifyPort } from "./ports";

/** A resolve refused, changing nothing: the reason as a keyed refusal, its message in English. */
export class ResolveError extends Error {
  readonly name = "ResolveError";
  constructor(readonly refusal: OrderActionRefusal) {
    super(refusalText(refusal, "en"));
  }
}

/** Who resolved: what the merchant reads on the timeline. */
export const UNKNOWN_STAFF = "staff";

const RESOLVE_LEASE_MS = 60_000;

export interface ResolveResult {
  waybill: string;
  orderName: string | null;
}

/**
 * Resolves one delivery's attention. Throws ResolveError when there is nothing to resolve (an
 * unmatched waybill needs a link instead), when the worker holds the waybill, or when Shopify
 * refuses; in each case nothing has changed.
 */
export async function resolveAttention(
  shop: string,
  deliveryId: number,
  by: string,
  now: Date,
  shopify: ShopifyPort = merchantShopifyGateway,
): Promise<ResolveResult> {
  const row = await prisma.delivery.findFirst({ where: { id: deliveryId, shop }, select: { waybill: true } });
  if (!row) throw new ResolveError(orderActionRefusal("noSuchDelivery"));
  const key = { shop, waybill: row.waybill };
  const owner = `resolve-${randomUUID()}`;
  if (!(await prismaInboxStore.claim(key, owner, now, RESOLVE_LEASE_MS)))
    throw new ResolveError(orderActionRefusal("busy", { waybill: row.waybill }));
  try {
    const syncShop = await syncRepository.shopForSync(shop);
    if (!syncShop) throw new ResolveError(orderActionRefusal("notInstalled"));
    const delivery = await syncRepository.delivery(shop, row.waybill);
    if (!delivery?.orderId) throw new ResolveError(orderActionRefusal("linkInstead", { waybill: row.waybill }));
    const untagged = await shopify.apply(
      syncShop,
      applyRequest(delivery.orderId, { tags: { add: [], remove: [needsAttentionTag(syncShop.settings.tagPrefix)] } }),
    );
    if (untagged.userErrors.length)
      throw new ResolveError(orderActionRefusal("shopifyRefused", { errors: untagged.userErrors.join("; ") }));
    const resolvedBy = by.trim() || UNKNOWN_STAFF;
    const message = timelineMessage("attentionResolved", { by: resolvedBy });
    await prisma.$transaction([
      prisma.delivery.update({
        where: { id: delivery.id },
        data: { needsAttention: false, attentionResolvedAt: now, attentionResolvedBy: resolvedBy },
      }),
      prisma.timelineEntry.create({
        data: {
          deliveryId: delivery.id,
          outcome: "note",
          messageKey: message.key,
          messageValues: JSON.stringify(message.values),
          recordedAt: now,
        },
      }),
    ]);
    return { waybill: row.waybill, orderName: delivery.orderName };
  } finally {
    await prismaInboxStore.release(key, owner);
  }
}

interface StaffAuth {
  session: { onlineAccessInfo?: { associated_user?: { first_name?: string; last_name?: string; email?: string } } };
  sessionToken?: { sub?: string };
}

/**
 * The staff member behind an admin request, as the merchant will read it: the name an online
 * session carries, else the user id of the session token, else "staff".
 */
export function staffMember({ session, sessionToken }: StaffAuth): string {
  const user = session.onlineAccessInfo?.associated_user;
  const name = [user?.first_name, user?.last_name].filter(Boolean).join(" ").trim() || user?.email;
  if (name) return name;
  return sessionToken?.sub ? `${UNKNOWN_STAFF} #${sessionToken.sub}` : UNKNOWN_STAFF;
}
