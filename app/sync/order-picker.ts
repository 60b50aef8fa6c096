// The order picker's search: what the merchant typed, turned into Shopify's order search syntax.
// Only letters, digits and - _ . survive, so a quote, colon or parenthesis cannot change the
// query's meaning; a leading "#" is dropped because Shopify matches names without it.

export interface PickableOrder {
  id: string;
  name: string;
  createdAt: string;
  displayFulfillmentStatus: string;
}

/** `name:<typed>*` (names starting with it), or null when nothing searchable was typed. */
export function orderPickerQuery(typed: string): string | null {
  const name = typed
    .trim()
    .replace(/^#+/, "")
    .replace(/[^\p{L}\p{N}\-_.]/gu, "")
    .slice(0, 60);
  return name ? `name:${name}*` : null;
}
