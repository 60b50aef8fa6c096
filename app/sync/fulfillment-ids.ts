// Delivery.fulfillmentIds holds the app's fulfillments of an order as a JSON array of GIDs (one
// per merchant location shipped from; both database engines store it as text).

export function parseFulfillmentIds(json: string): string[] {
  const ids: unknown = JSON.parse(json);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

export function serializeFulfillmentIds(ids: readonly string[]): string {
  return JSON.stringify(ids);
}
