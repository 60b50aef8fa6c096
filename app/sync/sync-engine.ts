// The sync engine: turns a waybill's pending Wakilni events into the right changes on the
// right Shopify order, once and in order, and records every event on the delivery's timeline.
// It finds (and links) the order, plans with the pure planner, executes the plan through a
// Shopify port in as few requests as possible and commits the new delivery state. Plain
// TypeScript: the database and Shopify are ports, so this logic is tested against fakes and,
// end to end, against the Shopify Admin emulator.
import type { WakilniEvent } from "../wakilni/event";
import { parseWakilniEvent } from "../wakilni/payload";
import { planBatch, type PlannedEvent, type ShopifyChange } from "../delivery/plan";
import type { DeliverySettings } from "../delivery/settings";
import type { DeliveryState, FulfillmentEventStatus } from "../delivery/state";
import { orderMatchesWaybill, ordersSearchQuery, waybillCandidates } from "../delivery/waybill";
import { formatMessage } from "../delivery/labels";
import type { EventResult, PendingEvent, WaybillKey, WaybillProcessor } from "../inbox/worker";
import { ShopifyRejectedError } from "./shopify-errors";

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

export interface FulfillmentEventInput {
  fulfillmentId: string;
  status: FulfillmentEventStatus;
  happenedAt: Date;
  message: string | null;
}

/** One request's worth of changes to an order (see APPLY_DELIVERY_CHANGES). */
export interface ApplyRequest {
  orderId: string;
  /** The fulfillment to cancel, last; null for none. */
  cancelFulfillmentId: string | null;
  create: {
    fulfillmentOrderIds: string[];
    notifyCustomer: boolean;
    trackingCompany: string;
    trackingNumber: string;
    trackingUrl: string | null;
  } | null;
  events: FulfillmentEventInput[];
  tags: { add: string[]; remove: string[] } | null;
  metafield: { namespace: string; key: string; type: string; value: string } | null;
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
  readonly eventsPerRequest: number;
  searchOrders(shop: SyncShop, query: string): Promise<OrderSnapshot[]>;
  order(shop: SyncShop, orderId: string): Promise<OrderSnapshot | null>;
  fulfillment(shop: SyncShop, fulfillmentId: string): Promise<FulfillmentSnapshot | null>;
  apply(shop: SyncShop, request: ApplyRequest): Promise<ApplyResult>;
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

export type TimelineOutcome = PlannedEvent["outcome"] | "parked" | "failed" | "note";

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

const OPEN_FULFILLMENT_ORDER = new Set(["OPEN", "IN_PROGRESS"]);

function sameInstant(a: string, b: Date): boolean {
  return Date.parse(a) === b.getTime();
}

export class SyncEngine implements WaybillProcessor {
  constructor(
    private readonly repository: SyncRepository,
    private readonly shopify: ShopifyPort,
    private readonly now: () => Date,
  ) {}

  async process(key: WaybillKey, pending: PendingEvent[]): Promise<EventResult[]> {
    const shop = await this.repository.shopForSync(key.shop);
    if (!shop) return pending.map((event) => ({ id: event.id, kind: "permanent", error: "the app is not installed on this shop" }));

    const parsed = new Map<number, WakilniEvent>();
    const results: EventResult[] = [];
    for (const event of pending) {
      const reading = parseWakilniEvent(event.rawBody, { topicHeader: null, timeZone: event.wakilniZone });
      if (reading.ok) parsed.set(event.id, reading.event);
      else results.push({ id: event.id, kind: "permanent", error: `stored body no longer parses (${reading.failure.reason})` });
    }
    const readable = pending.filter((event) => parsed.has(event.id));
    if (readable.length === 0) return results;

    let delivery = await this.repository.delivery(key.shop, key.waybill);
    let snapshot: OrderSnapshot | null = null;
    if (!delivery?.orderId) {
      const found = await this.findOrder(shop, key.waybill);
      if (!found.order) {
        await this.repository.recordUnmatched(
          key.shop,
          key.waybill,
          found.reason,
          readable.map((event) => this.timelineEntry(event, parsed.get(event.id)!, "parked", found.reason)),
          this.now(),
        );
        return [...results, ...readable.map((event): EventResult => ({ id: event.id, kind: "parked", reason: found.reason }))];
      }
      snapshot = found.order;
      delivery = await this.repository.linkOrder(key.shop, key.waybill, found.order, parsed.get(readable[0].id)!.wakilniOrderId);
    }

    // A crash after the delivery was committed but before the inbox was: those events are done.
    const done = await this.repository.alreadyRecorded(
      delivery.id,
      readable.map((event) => event.id),
    );
    const todo = readable.filter((event) => !done.has(event.id));
    results.push(
      ...readable
        .filter((event) => done.has(event.id))
        .map((event): EventResult => ({ id: event.id, kind: "applied", detail: "already applied" })),
    );
    if (todo.length === 0) return results;

    const plan = planBatch(
      delivery.state,
      todo.map((event) => parsed.get(event.id)!),
      shop.settings,
    );
    const inDoubt = todo.some((event) => event.previouslyAttempted);
    let outcome: { fulfillmentIds: string[]; notes: string[] };
    try {
      outcome = await this.execute(shop, delivery, plan.changes, snapshot, inDoubt, key.waybill);
    } catch (error) {
      if (!(error instanceof ShopifyRejectedError)) throw error;
      const entries = todo.map((event) => this.timelineEntry(event, parsed.get(event.id)!, "failed", error.message));
      await this.repository.commit(delivery.id, delivery.state, delivery.fulfillmentIds, entries, this.now());
      return [...results, ...todo.map((event): EventResult => ({ id: event.id, kind: "permanent", error: error.message }))];
    }

    const byEventId = new Map(todo.map((event) => [parsed.get(event.id)!.eventId, event]));
    const entries: TimelineInput[] = plan.planned.map((planned) => {
      const event = byEventId.get(planned.eventId)!;
      return this.timelineEntry(event, parsed.get(event.id)!, planned.outcome, planned.note);
    });
    entries.push(
      ...outcome.notes.map((message): TimelineInput => ({ inboxEventId: null, topic: null, outcome: "note", message, occurredAt: null })),
    );
    await this.repository.commit(delivery.id, plan.next, plan.next.hasFulfillment ? outcome.fulfillmentIds : [], entries, this.now());
    const notes = new Map(plan.planned.map((planned) => [planned.eventId, planned.note]));
    return [
      ...results,
      ...todo.map((event): EventResult => ({ id: event.id, kind: "applied", detail: notes.get(parsed.get(event.id)!.eventId)! })),
    ];
  }

  /** Links a waybill to an order the merchant names (name, number or id) and returns it. */
  async findOrderByReference(shop: SyncShop, reference: string): Promise<OrderSnapshot | null> {
    const candidates = waybillCandidates(reference, "");
    if (candidates.length === 0) return null;
    const orders = await this.shopify.searchOrders(shop, ordersSearchQuery(candidates));
    return (
      orders.find((order) => orderMatchesWaybill({ id: order.id, legacyResourceId: order.legacyId, name: order.name }, candidates)) ?? null
    );
  }

  private async findOrder(
    shop: SyncShop,
    waybill: string,
  ): Promise<{ order: OrderSnapshot; reason?: never } | { order: null; reason: string }> {
    const candidates = waybillCandidates(waybill, shop.waybillPattern);
    if (candidates.length === 0) return { order: null, reason: formatMessage("unmatchedPattern", { waybill }) };
    const orders = await this.shopify.searchOrders(shop, ordersSearchQuery(candidates));
    const order = orders.find((candidate) =>
      orderMatchesWaybill({ id: candidate.id, legacyResourceId: candidate.legacyId, name: candidate.name }, candidates),
    );
    return order ? { order } : { order: null, reason: formatMessage("unmatchedOrder", { waybill }) };
  }

  private timelineEntry(event: PendingEvent, parsedEvent: WakilniEvent, outcome: TimelineOutcome, message: string): TimelineInput {
    return {
      inboxEventId: event.id,
      topic: parsedEvent.topic ?? parsedEvent.topicName,
      outcome,
      message,
      occurredAt: parsedEvent.occurredAt,
    };
  }

  /**
   * Carries out the folded changes: the fulfillments first (adopted when Shopify already has
   * them, so a retry never makes a second one; one per merchant location, as Shopify fulfils a
   * location at a time), then each event on each fulfillment, `eventsPerRequest` at a time,
   * with the tags, metafield and cancel riding on the last request.
   */
  private async execute(
    shop: SyncShop,
    delivery: DeliveryRecord,
    changes: ShopifyChange[],
    knownSnapshot: OrderSnapshot | null,
    inDoubt: boolean,
    waybill: string,
  ): Promise<{ fulfillmentIds: string[]; notes: string[] }> {
    const orderId = delivery.orderId!;
    const notes: string[] = [];
    let fulfillmentIds = [...delivery.fulfillmentIds];
    let tags: ApplyRequest["tags"] = null;
    let metafield: ApplyRequest["metafield"] = null;
    let cancel = false;
    const events: Omit<FulfillmentEventInput, "fulfillmentId">[] = [];
    const create = changes.find((change) => change.kind === "createFulfillment");
    for (const change of changes) {
      if (change.kind === "fulfillmentEvent")
        events.push({ status: change.status, happenedAt: change.happenedAt, message: change.message });
      else if (change.kind === "tags") tags = { add: change.add, remove: change.remove };
      else if (change.kind === "metafield")
        metafield = { namespace: change.namespace, key: change.key, type: change.type, value: change.value };
      else if (change.kind === "cancelFulfillment") cancel = true;
    }

    if (create && fulfillmentIds.length === 0) {
      const snapshot = knownSnapshot ?? (await this.shopify.order(shop, orderId));
      if (!snapshot) throw new ShopifyRejectedError(`order ${delivery.orderName ?? orderId} no longer exists in Shopify`);
      const decision = this.fulfillmentFor(snapshot, waybill);
      notes.push(...decision.notes);
      if (decision.kind === "adopt") {
        fulfillmentIds = decision.fulfillmentIds;
        await this.repository.saveFulfillmentIds(delivery.id, fulfillmentIds);
      } else {
        let partlyFulfilled = false;
        for (const fulfillmentOrderIds of decision.byLocation) {
          // The first request also carries the tags and metafield; the events need the new ids.
          const created = await this.send(shop, {
            orderId,
            cancelFulfillmentId: null,
            create: { ...create, fulfillmentOrderIds },
            events: [],
            tags,
            metafield,
          });
          if (!created.createdFulfillmentId) throw new ShopifyRejectedError("Shopify did not return the new fulfillment");
          fulfillmentIds = [...fulfillmentIds, created.createdFulfillmentId];
          await this.repository.saveFulfillmentIds(delivery.id, fulfillmentIds);
          tags = null;
          metafield = null;
          partlyFulfilled = created.orderPartlyFulfilled;
        }
        // Without access to other services' fulfillment orders, the order's status is what tells.
        if (partlyFulfilled && decision.notes.length === 0) notes.push(formatMessage("otherItemsLeftAlone"));
      }
    }

    let pairs = fulfillmentIds.flatMap((fulfillmentId) => events.map((event) => ({ ...event, fulfillmentId })));
    let cancels = cancel ? fulfillmentIds : [];
    if (inDoubt && (pairs.length > 0 || cancels.length > 0)) {
      // An earlier attempt may have reached Shopify without us hearing back: skip what is there.
      for (const fulfillmentId of fulfillmentIds) {
        const current = await this.shopify.fulfillment(shop, fulfillmentId);
        if (!current) continue;
        pairs = pairs.filter(
          (pair) =>
            pair.fulfillmentId !== fulfillmentId ||
            !current.events.some((existing) => existing.status === pair.status && sameInstant(existing.happenedAt, pair.happenedAt)),
        );
        if (current.status === "CANCELLED") cancels = cancels.filter((id) => id !== fulfillmentId);
      }
    }

    const requests: ApplyRequest[] = [];
    for (let index = 0; index < pairs.length; index += this.shopify.eventsPerRequest) {
      requests.push({
        orderId,
        cancelFulfillmentId: null,
        create: null,
        events: pairs.slice(index, index + this.shopify.eventsPerRequest),
        tags: null,
        metafield: null,
      });
    }
    for (const cancelFulfillmentId of cancels)
      requests.push({ orderId, cancelFulfillmentId, create: null, events: [], tags: null, metafield: null });
    if (tags || metafield) {
      if (requests.length === 0)
        requests.push({ orderId, cancelFulfillmentId: null, create: null, events: [], tags: null, metafield: null });
      requests[requests.length - 1] = { ...requests[requests.length - 1], tags, metafield };
    }
    for (const request of requests) await this.send(shop, request);
    return { fulfillmentIds, notes };
  }

  private async send(shop: SyncShop, request: ApplyRequest): Promise<ApplyResult> {
    const result = await this.shopify.apply(shop, request);
    if (result.userErrors.length > 0) throw new ShopifyRejectedError(result.userErrors.join("; "));
    return result;
  }

  /**
   * Which fulfillments are the app's: those Shopify already has for this waybill, or, when every
   * merchant-managed fulfillment order is done, the most recent; otherwise new ones over the
   * open merchant-managed fulfillment orders, one per location. Fulfillment services' orders
   * are left alone.
   */
  private fulfillmentFor(
    snapshot: OrderSnapshot,
    waybill: string,
  ): { kind: "adopt"; fulfillmentIds: string[]; notes: string[] } | { kind: "create"; byLocation: string[][]; notes: string[] } {
    const live = snapshot.fulfillments.filter((fulfillment) => fulfillment.status !== "CANCELLED");
    const tracked = live.filter((fulfillment) => fulfillment.trackingNumbers.includes(waybill));
    if (tracked.length > 0) return { kind: "adopt", fulfillmentIds: tracked.map((fulfillment) => fulfillment.id), notes: [] };
    const open = snapshot.fulfillmentOrders.filter((order) => OPEN_FULFILLMENT_ORDER.has(order.status));
    const merchantManaged = open.filter((order) => !order.fulfillmentService);
    const others = open.filter((order) => order.fulfillmentService);
    const notes = others.length
      ? [formatMessage("otherServicesLeftAlone", { locations: [...new Set(others.map((order) => order.locationName))].join(", ") })]
      : [];
    if (merchantManaged.length > 0) {
      const byLocation = new Map<string, string[]>();
      for (const order of merchantManaged) byLocation.set(order.locationId, [...(byLocation.get(order.locationId) ?? []), order.id]);
      return { kind: "create", byLocation: [...byLocation.values()], notes };
    }
    const latest = [...live].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    if (latest) return { kind: "adopt", fulfillmentIds: [latest.id], notes: [...notes, formatMessage("adoptedLatestFulfillment")] };
    throw new ShopifyRejectedError(formatMessage("nothingToFulfill", { order: snapshot.name }));
  }
}
