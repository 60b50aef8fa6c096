// Fulfillment rules as Shopify applies them: what may be fulfilled, how fulfillment orders
// close and reopen, how events move a fulfillment's display status and timestamps. Every
// function validates first and changes state only when it returns no user errors, so a failed
// mutation leaves the shop untouched.
import {
  gid,
  parseGid,
  type FulfillmentEventRecord,
  type FulfillmentOrderRecord,
  type FulfillmentRecord,
  type OrderRecord,
  type TrackingRecord,
} from "./model";
import type { ShopData } from "./shop-data";
import { accessDenied, badArgument } from "./errors";

export interface UserError {
  field: string[] | null;
  message: string;
}

export interface TrackingInput {
  company?: string | null;
  number?: string | null;
  numbers?: string[] | null;
  url?: string | null;
  urls?: string[] | null;
}

export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: TrackingInput | null;
}

export interface FulfillmentEventInput {
  fulfillmentId: string;
  status: string;
  happenedAt?: string | null;
  estimatedDeliveryAt?: string | null;
  message?: string | null;
  address1?: string | null;
  city?: string | null;
  province?: string | null;
  country?: string | null;
  zip?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

type Outcome<T> = { value: T; userErrors: [] } | { value: null; userErrors: UserError[] };

function fail(field: string[] | null, message: string): { value: null; userErrors: UserError[] } {
  return { value: null, userErrors: [{ field, message }] };
}

function tail(id: string): string {
  return parseGid(id)?.id ?? id;
}

/** Shopify's shipping-update emails go out for these statuses when the fulfillment notifies. */
const NOTIFYING_EVENTS = new Set(["OUT_FOR_DELIVERY", "DELIVERED"]);

function trackingRecords(input: TrackingInput | null | undefined): TrackingRecord[] {
  if (!input) return [];
  const numbers = [...(input.number ? [input.number] : []), ...(input.numbers ?? [])];
  const urls = [...(input.url ? [input.url] : []), ...(input.urls ?? [])];
  const company = input.company ?? null;
  if (numbers.length === 0) return company || urls.length > 0 ? [{ company, number: null, url: urls[0] ?? null }] : [];
  return numbers.map((number, index) => ({ company, number, url: urls[index] ?? null }));
}

function fulfillmentOrderStatusAfterChange(fo: FulfillmentOrderRecord): FulfillmentOrderRecord["status"] {
  const remaining = fo.lineItems.reduce((sum, line) => sum + line.remainingQuantity, 0);
  const total = fo.lineItems.reduce((sum, line) => sum + line.totalQuantity, 0);
  if (remaining === 0) return "CLOSED";
  return remaining === total ? "OPEN" : "IN_PROGRESS";
}

export function createFulfillment(shop: ShopData, input: FulfillmentInput, message?: string | null): Outcome<FulfillmentRecord> {
  const field = ["fulfillment"];
  if (input.lineItemsByFulfillmentOrder.length === 0) return fail(field, "Line items by fulfillment order can't be blank.");
  const take = new Map<string, number>();
  let order: OrderRecord | undefined;
  let locationId: string | undefined;
  for (const group of input.lineItemsByFulfillmentOrder) {
    const fo = shop.fulfillmentOrder(group.fulfillmentOrderId);
    if (!fo) return fail(field, "Fulfillment order does not exist.");
    const missing = shop.missingWriteScope(fo);
    if (missing) throw accessDenied(`Access denied for fulfillmentCreate field. Required access: \`${missing}\` access scope.`);
    const owner = shop.orderOf(fo.id);
    if (order && owner !== order) return fail(field, "All fulfillment orders must belong to the same order.");
    if (locationId && fo.locationId !== locationId) return fail(field, "All fulfillment orders must be assigned to the same location.");
    order = owner;
    locationId = fo.locationId;
    const hold = owner.holdBeforeNextFulfillment;
    if (hold && (hold.locationId === null || hold.locationId === fo.locationId)) {
      owner.holdBeforeNextFulfillment = null;
      for (const held of owner.fulfillmentOrders)
        if ((held.status === "OPEN" || held.status === "IN_PROGRESS") && (hold.locationId === null || held.locationId === hold.locationId))
          held.status = "ON_HOLD";
    }
    if (fo.status !== "OPEN" && fo.status !== "IN_PROGRESS") {
      return fail(field, `Fulfillment order ${tail(fo.id)} has an unfulfillable status= ${fo.status.toLowerCase()}.`);
    }
    const requested = group.fulfillmentOrderLineItems ?? [];
    const lines =
      requested.length > 0
        ? requested
        : fo.lineItems.filter((line) => line.remainingQuantity > 0).map((line) => ({ id: line.id, quantity: line.remainingQuantity }));
    if (lines.length === 0) return fail(field, "Invalid fulfillment order line item quantity requested.");
    for (const { id, quantity } of lines) {
      const line = fo.lineItems.find((candidate) => candidate.id === id);
      if (!line) return fail(field, "Fulfillment order line item does not exist.");
      const total = (take.get(id) ?? 0) + quantity;
      if (quantity <= 0 || total > line.remainingQuantity) return fail(field, "Invalid fulfillment order line item quantity requested.");
      take.set(id, total);
    }
  }
  if (!order || !locationId) return fail(field, "Fulfillment order does not exist.");

  const now = shop.timestamp();
  const id = shop.newId();
  const trackingInfo = trackingRecords(input.trackingInfo);
  const notifyCustomer = input.notifyCustomer ?? false;
  const fulfillment: FulfillmentRecord = {
    id: gid("Fulfillment", id),
    legacyResourceId: String(id),
    name: `${order.name}-F${order.fulfillments.length + 1}`,
    status: "SUCCESS",
    displayStatus: trackingInfo.some((info) => info.number) ? "FULFILLED" : "MARKED_AS_FULFILLED",
    locationId,
    createdAt: now,
    updatedAt: now,
    deliveredAt: null,
    inTransitAt: null,
    estimatedDeliveryAt: null,
    trackingInfo,
    notifyCustomer,
    notifications: notifyCustomer ? [{ kind: "SHIPPING_CONFIRMATION", at: now }] : [],
    message: message ?? null,
    fulfillmentLineItems: [],
    events: [],
  };
  for (const fo of order.fulfillmentOrders) {
    for (const line of fo.lineItems) {
      const quantity = take.get(line.id);
      if (!quantity) continue;
      line.remainingQuantity -= quantity;
      const lineId = gid("FulfillmentLineItem", shop.newId());
      fulfillment.fulfillmentLineItems.push({
        id: lineId,
        lineItemId: line.lineItemId,
        fulfillmentOrderId: fo.id,
        fulfillmentOrderLineItemId: line.id,
        quantity,
      });
      shop.own(lineId, order);
    }
    if (fulfillment.fulfillmentLineItems.some((line) => line.fulfillmentOrderId === fo.id)) {
      fo.status = fulfillmentOrderStatusAfterChange(fo);
      fo.updatedAt = now;
    }
  }
  order.fulfillments.push(fulfillment);
  order.updatedAt = now;
  shop.own(fulfillment.id, order);
  return { value: fulfillment, userErrors: [] };
}

function liveFulfillment(shop: ShopData, id: string, field: string[], action: string): Outcome<FulfillmentRecord> {
  const fulfillment = parseGid(id)?.type === "Fulfillment" ? shop.fulfillment(id) : undefined;
  if (!fulfillment) return fail(field, "Fulfillment does not exist.");
  if (fulfillment.status === "CANCELLED") return fail(field, `Cannot ${action} a cancelled fulfillment.`);
  return { value: fulfillment, userErrors: [] };
}

function parseDateTime(value: string | null | undefined, fallback: string | null): string | null {
  if (value === null || value === undefined) return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badArgument(`Invalid DateTime: ${value}`);
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

export function createFulfillmentEvent(shop: ShopData, input: FulfillmentEventInput): Outcome<FulfillmentEventRecord> {
  const found = liveFulfillment(shop, input.fulfillmentId, ["fulfillmentEvent", "fulfillmentId"], "create an event for");
  if (!found.value) return found;
  const fulfillment = found.value;
  const now = shop.timestamp();
  const happenedAt = parseDateTime(input.happenedAt, now) ?? now;
  const event: FulfillmentEventRecord = {
    id: gid("FulfillmentEvent", shop.newId()),
    status: input.status,
    happenedAt,
    createdAt: now,
    message: input.message ?? null,
    estimatedDeliveryAt: parseDateTime(input.estimatedDeliveryAt, null),
    address1: input.address1 ?? null,
    city: input.city ?? null,
    province: input.province ?? null,
    country: input.country ?? null,
    zip: input.zip ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
  };
  fulfillment.events.push(event);
  // The newest event decides the display status, whatever its happenedAt: an app that sends
  // events out of order sees its fulfillment go backwards, so it must order them itself.
  fulfillment.displayStatus = event.status;
  if (event.status === "DELIVERED") fulfillment.deliveredAt = happenedAt;
  if (event.status === "IN_TRANSIT" && !fulfillment.inTransitAt) fulfillment.inTransitAt = happenedAt;
  if (event.estimatedDeliveryAt) fulfillment.estimatedDeliveryAt = event.estimatedDeliveryAt;
  if (fulfillment.notifyCustomer && NOTIFYING_EVENTS.has(event.status)) fulfillment.notifications.push({ kind: event.status, at: now });
  fulfillment.updatedAt = now;
  shop.orderOf(fulfillment.id).updatedAt = now;
  shop.own(event.id, shop.orderOf(fulfillment.id));
  return { value: event, userErrors: [] };
}

export function cancelFulfillment(shop: ShopData, id: string): Outcome<FulfillmentRecord> {
  const found = liveFulfillment(shop, id, ["id"], "cancel");
  if (!found.value) return found;
  const fulfillment = found.value;
  const order = shop.orderOf(fulfillment.id);
  const now = shop.timestamp();
  for (const line of fulfillment.fulfillmentLineItems) {
    const fo = order.fulfillmentOrders.find((candidate) => candidate.id === line.fulfillmentOrderId);
    const foLine = fo?.lineItems.find((candidate) => candidate.id === line.fulfillmentOrderLineItemId);
    if (!fo || !foLine) continue;
    foLine.remainingQuantity += line.quantity;
    fo.status = fulfillmentOrderStatusAfterChange(fo);
    fo.updatedAt = now;
  }
  fulfillment.status = "CANCELLED";
  fulfillment.displayStatus = "CANCELED";
  fulfillment.updatedAt = now;
  order.updatedAt = now;
  return { value: fulfillment, userErrors: [] };
}

export function updateTracking(
  shop: ShopData,
  fulfillmentId: string,
  input: TrackingInput,
  notifyCustomer: boolean | null | undefined,
): Outcome<FulfillmentRecord> {
  const found = liveFulfillment(shop, fulfillmentId, ["fulfillmentId"], "update tracking of");
  if (!found.value) return found;
  const fulfillment = found.value;
  const now = shop.timestamp();
  fulfillment.trackingInfo = trackingRecords(input);
  if (notifyCustomer) {
    fulfillment.notifyCustomer = true;
    fulfillment.notifications.push({ kind: "SHIPPING_UPDATE", at: now });
  }
  fulfillment.updatedAt = now;
  shop.orderOf(fulfillment.id).updatedAt = now;
  return { value: fulfillment, userErrors: [] };
}
