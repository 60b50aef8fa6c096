// What the sync engine needs from the outside world, and nothing of how it is done: Shopify
// (snapshots of orders and fulfillments, one request's worth of changes) and the engine's
// storage (shops, deliveries, timelines). The adapters implement these (shopify-gateway.server.ts,
// sync-repository.server.ts); apply-requests.ts packs a plan into ApplyRequests.
import type { TimelineOutcomeCode } from "../delivery/timeline-outcomes";
import type { FulfillmentToCreate, MetafieldWrite, PlannedFulfillmentEvent, TagChange } from "../delivery/plan";
import type { DeliverySettings } from "../delivery/settings";
import type { DeliveryState } from "../delivery/state";
import type { WorkLane } from "../inbox/fair-share";

export interface OrderSnapshot {
  id: string;
  legacyId: string;
  name: string;
  fulfillmentOrders: { id: string; status: string; locationId: string; locationName: string; fulfillmentService: boolean }[];
  fulfillments: { id: string; status: string; createdAt: string; trackingNumbers: string[] }[];
}

export interface FulfillmentSnapshot {
  status: string;
  events: { status: string; happenedAt: string }[];
}

export interface FulfillmentEventInput extends PlannedFulfillmentEvent {
  fulfillmentId: string;
}

/** One request's worth of changes to an order (see APPLY_DELIVERY_CHANGES), carried out in this order. */
export interface ApplyRequest {
  orderId: string;
  /** The app's fulfillment for these fulfillment orders (one location's); null for none. */
  create: (FulfillmentToCreate & { fulfillmentOrderIds: string[] }) | null;
  events: FulfillmentEventInput[];
  tags: TagChange | null;
  metafield: MetafieldWrite | null;
  /** The fulfillment to cancel, last; null for none. */
  cancelFulfillmentId: string | null;
}

/** What Shopify did with an ApplyRequest: the new fulfillment's id, and any userErrors. */
export interface ApplyResult {
  createdFulfillmentId: string | null;
  /** After the creation, items of the order are still unfulfilled (elsewhere). */
  orderPartlyFulfilled: boolean;
  userErrors: string[];
}

/** Shopify, as the engine needs it. Transient failures throw ShopifyTransientError. */
export interface ShopifyPort {
  /** How many fulfillment events one ApplyRequest may carry. */
  readonly eventsPerRequest: number;
  /** `lane` "parked": the retry of a parked waybill, paid from its bounded share of the budget. */
  searchOrders(shop: SyncShop, query: string, lane?: WorkLane): Promise<OrderSnapshot[]>;
  /** Milliseconds until the shop's budget can take the first request of a waybill of this lane (0: now). */
  budgetDelayMs?(shop: string, lane: WorkLane): number;
  order(shop: SyncShop, orderId: string): Promise<OrderSnapshot | null>;
  fulfillment(shop: SyncShop, fulfillmentId: string): Promise<FulfillmentSnapshot | null>;
  apply(shop: SyncShop, request: ApplyRequest): Promise<ApplyResult>;
  /** Deletes one of the order's metafields; one that is not there is no error. Returns the userErrors. */
  deleteMetafield(shop: SyncShop, orderId: string, metafield: { namespace: string; key: string }): Promise<string[]>;
}

export interface SyncShop {
  shop: string;
  accessToken: string;
  settings: DeliverySettings;
  waybillPattern: string;
}

export interface DeliveryRecord {
  id: number;
  orderId: string | null;
  orderName: string | null;
  /** The app's fulfillments of the order: one per merchant location it was shipped from. */
  fulfillmentIds: string[];
  state: DeliveryState;
}

/** What a timeline entry records: the planner's outcomes and the engine's own (parked, failed, note). */
export type TimelineOutcome = TimelineOutcomeCode;

export interface TimelineInput {
  inboxEventId: number | null;
  topic: string | null;
  outcome: TimelineOutcome;
  message: string;
  occurredAt: Date | null;
}

/** The engine's storage: deliveries, their links and timelines. */
export interface SyncRepository {
  /** null when the shop is unknown or has no offline access token (uninstalled). */
  shopForSync(shop: string): Promise<SyncShop | null>;
  delivery(shop: string, waybill: string): Promise<DeliveryRecord | null>;
  /** Inbox events of this delivery that already have a timeline entry: their effects are committed. */
  alreadyRecorded(deliveryId: number, inboxEventIds: number[]): Promise<Set<number>>;
  linkOrder(shop: string, waybill: string, order: { id: string; name: string }, wakilniOrderId: string | null): Promise<DeliveryRecord>;
  /** The waybill's order is not known yet: remember why, once per event. */
  recordUnmatched(shop: string, waybill: string, reason: string, entries: TimelineInput[], now: Date): Promise<void>;
  /** Written as soon as Shopify made (or we adopted) the fulfillment, before anything else can fail. */
  saveFulfillmentIds(deliveryId: number, fulfillmentIds: string[]): Promise<void>;
  commit(deliveryId: number, next: DeliveryState, fulfillmentIds: string[], entries: TimelineInput[], now: Date): Promise<void>;
}
