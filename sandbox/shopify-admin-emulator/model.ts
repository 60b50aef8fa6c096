// The emulator's in-memory state, kept as plain JSON-shaped records so that tests, the
// `/_emulator/state` endpoint and the GraphQL resolvers all read the same thing. Derived
// values (display statuses, unfulfilled quantities…) are computed from these records, never
// stored twice, so they cannot drift apart.

export type FulfillmentOrderStatus = "OPEN" | "IN_PROGRESS" | "SCHEDULED" | "ON_HOLD" | "INCOMPLETE" | "CLOSED" | "CANCELLED";
export type FulfillmentStatus = "SUCCESS" | "CANCELLED";

export interface LocationRecord {
  id: string;
  legacyResourceId: string;
  name: string;
  /** Set when a third-party fulfillment service owns the location (the app must not fulfill those). */
  fulfillmentService: { id: string; handle: string; serviceName: string } | null;
}

export interface LineItemRecord {
  id: string;
  title: string;
  quantity: number;
  sku: string | null;
  /** The unit price, a decimal string in the shop's currency. */
  price: string;
}

/** A payment transaction (OrderTransaction). Amounts are decimal strings in the shop's currency. */
export interface TransactionRecord {
  id: string;
  kind: "SALE" | "AUTHORIZATION" | "CAPTURE" | "REFUND";
  status: "PENDING" | "SUCCESS" | "FAILURE";
  gateway: string;
  /** Processed by a manual payment method (cash on delivery, bank deposit…), not a payment provider. */
  manual: boolean;
  amount: string;
  createdAt: string;
  processedAt: string;
}

/** One flowTriggerReceive call Shopify accepted, for tests to count (the payload as sent). */
export interface FlowTriggerCallRecord {
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

export interface FulfillmentOrderLineItemRecord {
  id: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrderRecord {
  id: string;
  status: FulfillmentOrderStatus;
  requestStatus: string;
  locationId: string;
  createdAt: string;
  updatedAt: string;
  lineItems: FulfillmentOrderLineItemRecord[];
}

export interface TrackingRecord {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface FulfillmentLineItemRecord {
  id: string;
  lineItemId: string;
  fulfillmentOrderId: string;
  fulfillmentOrderLineItemId: string;
  quantity: number;
}

export interface FulfillmentEventRecord {
  id: string;
  status: string;
  happenedAt: string;
  createdAt: string;
  message: string | null;
  estimatedDeliveryAt: string | null;
  address1: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface FulfillmentRecord {
  id: string;
  legacyResourceId: string;
  name: string;
  status: FulfillmentStatus;
  displayStatus: string;
  locationId: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  inTransitAt: string | null;
  estimatedDeliveryAt: string | null;
  trackingInfo: TrackingRecord[];
  /** Whether Shopify would have sent the shipping confirmation (and later delivery) emails. */
  notifyCustomer: boolean;
  /** Each email Shopify would have sent, so tests can assert on customer-visible effects. */
  notifications: { kind: string; at: string }[];
  message: string | null;
  fulfillmentLineItems: FulfillmentLineItemRecord[];
  events: FulfillmentEventRecord[];
}

export interface MetafieldRecord {
  id: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrderRecord {
  id: string;
  legacyResourceId: string;
  name: string;
  number: number;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  closed: boolean;
  closedAt: string | null;
  cancelledAt: string | null;
  tags: string[];
  lineItems: LineItemRecord[];
  fulfillmentOrders: FulfillmentOrderRecord[];
  /**
   * A fault for demos and tests: the merchant puts the order's open fulfillment orders on hold
   * just before the app's next fulfillmentCreate for it arrives, so Shopify refuses that request
   * with its own userError (the race between reading an order and fulfilling it). Used once.
   * With a location, only that location's are put on hold, at the next request to fulfil there:
   * the app's fulfillments at the order's other locations go through.
   */
  holdBeforeNextFulfillment?: { locationId: string | null } | null;
  fulfillments: FulfillmentRecord[];
  metafields: MetafieldRecord[];
  /** The gateways the buyer chose at checkout, as Order.paymentGatewayNames lists them. */
  paymentGatewayNames: string[];
  transactions: TransactionRecord[];
}

export interface ShopRecord {
  id: string;
  name: string;
  myshopifyDomain: string;
  ianaTimezone: string;
  currencyCode: string;
  accessToken: string;
  scopes: string[];
  appId: string;
  appInstallationId: string;
  locations: LocationRecord[];
  orders: OrderRecord[];
  flowTriggers: FlowTriggerCallRecord[];
}

export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** Splits `gid://shopify/Order/123` into its type and numeric tail; null when malformed. */
export function parseGid(value: string): { type: string; id: string } | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value);
  return match ? { type: match[1], id: match[2] } : null;
}

/** Shopify's DateTime scalar: ISO 8601 in UTC, whole seconds. */
export function dateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function isFulfillmentServiceLocation(shop: ShopRecord, locationId: string): boolean {
  return shop.locations.some((location) => location.id === locationId && location.fulfillmentService !== null);
}

export function fulfilledQuantity(order: OrderRecord, lineItemId: string): number {
  return order.fulfillments
    .filter((fulfillment) => fulfillment.status === "SUCCESS")
    .flatMap((fulfillment) => fulfillment.fulfillmentLineItems)
    .filter((line) => line.lineItemId === lineItemId)
    .reduce((sum, line) => sum + line.quantity, 0);
}

export function displayFulfillmentStatus(order: OrderRecord): string {
  const total = order.lineItems.reduce((sum, line) => sum + line.quantity, 0);
  const fulfilled = order.lineItems.reduce((sum, line) => sum + fulfilledQuantity(order, line.id), 0);
  if (fulfilled === 0) return order.fulfillmentOrders.some((fo) => fo.status === "IN_PROGRESS") ? "IN_PROGRESS" : "UNFULFILLED";
  return fulfilled >= total ? "FULFILLED" : "PARTIALLY_FULFILLED";
}

/** What Shopify lets an app do with a fulfillment order, given where it is assigned. */
export function supportedActions(shop: ShopRecord, fo: FulfillmentOrderRecord): string[] {
  if (fo.status !== "OPEN" && fo.status !== "IN_PROGRESS") return [];
  if (isFulfillmentServiceLocation(shop, fo.locationId)) {
    return fo.requestStatus === "UNSUBMITTED" ? ["REQUEST_FULFILLMENT", "HOLD", "MOVE", "SPLIT"] : ["REQUEST_CANCELLATION"];
  }
  return ["CREATE_FULFILLMENT", "REPORT_PROGRESS", "HOLD", "MOVE", "SPLIT"];
}
