// tagsAdd / tagsRemove as Shopify applies them to an order: each given string may itself be a
// comma-separated list; tags are trimmed, blank ones dropped, and compared case-insensitively
// (an existing tag keeps its original spelling).
import { parseGid, type OrderRecord } from "./model";
import type { ShopData } from "./shop-data";
import type { UserError } from "./fulfillments";
import { accessDenied } from "./errors";

const MAX_TAG_LENGTH = 255;

export function splitTags(tags: string[]): string[] {
  return tags
    .flatMap((tag) => tag.split(","))
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/** Tagging an order takes write_orders: without it Shopify denies the field rather than answering a userError. */
function taggedOrder(
  shop: ShopData,
  id: string,
  mutation: "tagsAdd" | "tagsRemove",
): { order: OrderRecord | null; userErrors: UserError[] } {
  if (!shop.hasScope("write_orders"))
    throw accessDenied(`Access denied for ${mutation} field. Required access: \`write_orders\` access scope.`);
  const order = parseGid(id)?.type === "Order" ? shop.order(id) : undefined;
  return order ? { order, userErrors: [] } : { order: null, userErrors: [{ field: ["id"], message: "Resource not found" }] };
}

export function addTags(shop: ShopData, id: string, tags: string[]): { order: OrderRecord | null; userErrors: UserError[] } {
  const found = taggedOrder(shop, id, "tagsAdd");
  if (!found.order) return found;
  const wanted = splitTags(tags);
  const tooLong = wanted.find((tag) => tag.length > MAX_TAG_LENGTH);
  if (tooLong)
    return {
      order: null,
      userErrors: [{ field: ["tags"], message: `Tag '${tooLong.slice(0, 20)}…' is too long (maximum is ${MAX_TAG_LENGTH} characters)` }],
    };
  const order = found.order;
  const known = new Set(order.tags.map((tag) => tag.toLowerCase()));
  for (const tag of wanted) {
    if (known.has(tag.toLowerCase())) continue;
    known.add(tag.toLowerCase());
    order.tags.push(tag);
  }
  order.updatedAt = shop.timestamp();
  return found;
}

export function removeTags(shop: ShopData, id: string, tags: string[]): { order: OrderRecord | null; userErrors: UserError[] } {
  const found = taggedOrder(shop, id, "tagsRemove");
  if (!found.order) return found;
  const unwanted = new Set(splitTags(tags).map((tag) => tag.toLowerCase()));
  found.order.tags = found.order.tags.filter((tag) => !unwanted.has(tag.toLowerCase()));
  found.order.updatedAt = shop.timestamp();
  return found;
}
