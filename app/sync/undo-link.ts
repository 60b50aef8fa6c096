// What unlinking a waybill from the wrong order takes back there: the app's tags, its metafield
// and the fulfillments it created (cancelled while Shopify still allows it). Each part is its own
// request so one refusal (a delivered fulfillment) is reported and the rest still done; the
// answer lists every part as a short machine-readable item for the confirmation and the
// timeline. Plain TypeScript over the Shopify port; the database side is link-waybill.server.ts.
import { allAppTags } from "../delivery/labels";
import { DELIVERY_METAFIELD } from "../delivery/delivery-metafield";
import { applyRequest } from "./apply-requests";
import type { DeliveryRecord, ShopifyPort, SyncShop } from "./ports";

type LinkedDelivery = DeliveryRecord & { orderId: string };

/** The app's fulfillments of the order Shopify still has live: a cancelled or vanished one needs nothing. */
async function liveFulfillmentIds(shopify: ShopifyPort, shop: SyncShop, delivery: LinkedDelivery): Promise<string[]> {
  const live: string[] = [];
  for (const fulfillmentId of delivery.fulfillmentIds) {
    const current = await shopify.fulfillment(shop, fulfillmentId);
    if (current && current.status !== "CANCELLED") live.push(fulfillmentId);
  }
  return live;
}

/** What undoLink would do now, changing nothing. */
export async function previewUndoLink(shopify: ShopifyPort, shop: SyncShop, delivery: LinkedDelivery): Promise<string[]> {
  const live = await liveFulfillmentIds(shopify, shop, delivery);
  return ["tags", "metafield", ...live.map((id) => `fulfillment:${id}`)];
}

/**
 * Takes the app's changes off the order. Shopify's refusals are items of the answer, not
 * errors; a transient failure throws, and since every part can be done twice the whole undo
 * can simply be run again.
 */
export async function undoLink(shopify: ShopifyPort, shop: SyncShop, delivery: LinkedDelivery): Promise<string[]> {
  const { orderId } = delivery;
  const undone: string[] = [];

  const untagged = await shopify.apply(shop, applyRequest(orderId, { tags: { add: [], remove: allAppTags(shop.settings.tagPrefix) } }));
  undone.push(untagged.userErrors.length ? `tags-not-removed: ${untagged.userErrors.join("; ")}` : "tags");

  const metafieldErrors = await shopify.deleteMetafield(shop, orderId, DELIVERY_METAFIELD);
  undone.push(metafieldErrors.length ? `metafield-not-deleted: ${metafieldErrors.join("; ")}` : "metafield");

  for (const fulfillmentId of await liveFulfillmentIds(shopify, shop, delivery)) {
    const cancelled = await shopify.apply(shop, applyRequest(orderId, { cancelFulfillmentId: fulfillmentId }));
    undone.push(
      cancelled.userErrors.length
        ? `fulfillment-not-cancelled:${fulfillmentId}: ${cancelled.userErrors.join("; ")}`
        : `fulfillment:${fulfillmentId}`,
    );
  }
  return undone;
}
