// What the sync engine needs from the outside world, and nothing of how it is done: Shopify
// (snapshots of orders and fulfillments, one request's worth of changes) and the engine's
// storage (shops, deliveries, timelines). The adapters implement these (shopify-gateway.server.ts,
// sync-repository.server.ts); apply-requests.ts packs a plan into ApplyRequests.
import type { TimelineOutcomeCode } from "../delivery/timeline-outcomes";
import type { TimelineMessage } from "../delivery/timeline-messages";
import type { FulfillmentToCreate, MetafieldWrite, PlannedFulfillmentEvent, TagChange } from "../delivery/plan";
import type { OrderPayment } from "../delivery/cash-on-delivery";
import type { DeliverySettings } from "../delivery/settings";
import type { DeliveryState } from "../delivery/state";
import type { WorkLane } from "../inbox/fair-share";
import type { BudgetLane } from "./cost-bucket";

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
  /**
   * `lane` "parked": the retry of a parked waybill, paid from its bounded share of the budget;
   * "merchant": a search a merchant waits for, ahead of the worker.
   */
  searchOrders(shop: SyncShop, query: string, lane?: BudgetLane): Promise<OrderSnapshot[]>;
  /** Milliseconds until the shop's budget can take the first request of a waybill of this lane (0: now). */
  budgetDelayMs?(shop: string, lane: WorkLane): number;
  order(shop: SyncShop, orderId: string): Promise<OrderSnapshot | null>;
  fulfillment(shop: SyncShop, fulfillmentId: string): Promise<FulfillmentSnapshot | null>;
  apply(shop: SyncShop, request: ApplyRequest): Promise<ApplyResult>;
  /** Deletes one of the order's metafields; one that is not there is no error. Returns the userErrors. */
  deleteMetafield(shop: SyncShop, orderId: string, metafield: { namespace: string; key: string }): Promise<string[]>;
  /** The order's payment now; null when the order is gone. */
  orderPayment(shop: SyncShop, orderId: string): Promise<OrderPayment | null>;
  /** orderMarkAsPaid; returns the userErrors. */
  markAsPaid(shop: SyncShop, orderId: string): Promise<string[]>;
  /** flowTriggerReceive; returns the userErrors. Never repeated by the client. */
  sendFlowTrigger(shop: SyncShop, handle: string, payload: Record<string, unknown>): Promise<string[]>;
}

/** Where one Flow trigger of one event stands (docs/decisions/016). */
export type FlowTriggerState = "sending" | "sent" | "refused" | "in_doubt";

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
  message: TimelineMessage;
  occurredAt: Date | null;
}

/** The engine's storage: deliveries, their links and timelines. */
export interface SyncRepository {
  /** null when the shop is unknown or has no offline access token (uninstalled). */
  shopForSync(shop: string): Promise<SyncShop | null>;
  delivery(shop: string, waybill: string): Promise<DeliveryRecord | null>;
  /**
   * Inbox events of this delivery that already have an outcome on the timeline: their effects are
   * committed. Parked, failed and a note about an event (the Needs attention tag after a refusal) are not outcomes.
   */
  alreadyRecorded(deliveryId: number, inboxEventIds: number[]): Promise<Set<number>>;
  linkOrder(shop: string, waybill: string, order: { id: string; name: string }, wakilniOrderId: string | null): Promise<DeliveryRecord>;
  /** The waybill's order is not known yet: remember why, once per event. */
  recordUnmatched(shop: string, waybill: string, reason: TimelineMessage, entries: TimelineInput[], now: Date): Promise<void>;
  /** The delivery needs the merchant (outside a commit: the app gave up on an event), with any notes about it. */
  flagAttention(deliveryId: number, notes: TimelineInput[], now: Date): Promise<void>;
  /**
   * Written as soon as Shopify made (or we adopted) a fulfillment, before anything else can fail;
   * `incomplete` while locations of the order are still to be fulfilled (DeliveryState.fulfillmentIncomplete).
   */
  saveFulfillmentIds(deliveryId: number, fulfillmentIds: string[], incomplete: boolean): Promise<void>;
  commit(deliveryId: number, next: DeliveryState, fulfillmentIds: string[], entries: TimelineInput[], now: Date): Promise<void>;
  /** The Flow triggers of these events already begun or done, by event id. */
  flowTriggerStates(inboxEventIds: number[], handle: string): Promise<Map<number, FlowTriggerState>>;
  /** Written before the trigger goes out: from here on, not sending it again is the safe side. */
  startFlowTrigger(deliveryId: number, inboxEventId: number, handle: string, now: Date): Promise<void>;
  finishFlowTrigger(
    inboxEventId: number,
    handle: string,
    state: Exclude<FlowTriggerState, "sending">,
    detail: string | null,
    now: Date,
  ): Promise<void>;
  /** Shopify certainly did not get it: the next attempt sends it. */
  forgetFlowTrigger(inboxEventId: number, handle: string): Promise<void>;
  /** The cash the app just recorded as paid on the delivery's order. */
  recordCashCollected(deliveryId: number, cash: { amount: string; currencyCode: string }, at: Date): Promise<void>;
}
