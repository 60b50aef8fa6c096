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
  fulfillmentOrders: { id: string; status: string; locationName: string; fulfillmentService: boolean }[];
  fulfillments: { id: string; status: string; createdAt: string; trackingNumbers: string[] }[];
}

export interface FulfillmentSnapshot {
  status: string;
  events: { status: string; happenedAt: string }[];
}

export interface FulfillmentEventInput {
  status: FulfillmentEventStatus;
  happenedAt: Date;
  message: string | null;
}

/** One request's worth of changes to an order (see APPLY_DELIVERY_CHANGES). */
export interface ApplyRequest {
  orderId: string;
  fulfillmentId: string | null;
  create: { fulfillmentOrderIds: string[]; notifyCustomer: boolean; trackingCompany: string; trackingNumber: string; trackingUrl: string | null } | null;
  events: FulfillmentEventInput[];
  tags: { add: string[]; remove: string[] } | null;
  metafield: { namespace: string; key: string; type: string; value: string } | null;
  cancel: boolean;
}

/** What Shopify did with an ApplyRequest: the new fulfillment's id, and any userErrors. */
export interface ApplyResult {
  createdFulfillmentId: string | null;
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
  fulfillmentId: string | null;
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
  saveFulfillmentId(deliveryId: number, fulfillmentId: string): Promise<void>;
  commit(deliveryId: number, next: DeliveryState, fulfillmentId: string | null, entries: TimelineInput[], now: Date): Promise<void>;
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
    const done = await this.repository.alreadyRecorded(delivery.id, readable.map((event) => event.id));
    const todo = readable.filter((event) => !done.has(event.id));
    results.push(...readable.filter((event) => done.has(event.id)).map((event): EventResult => ({ id: event.id, kind: "applied", detail: "already applied" })));
    if (todo.length === 0) return results;

    const plan = planBatch(delivery.state, todo.map((event) => parsed.get(event.id)!), shop.settings);
    const inDoubt = todo.some((event) => event.previouslyAttempted);
    let outcome: { fulfillmentId: string | null; notes: string[] };
    try {
      outcome = await this.execute(shop, delivery, plan.changes, snapshot, inDoubt, key.waybill);
    } catch (error) {
      if (!(error instanceof ShopifyRejectedError)) throw error;
      const entries = todo.map((event) => this.timelineEntry(event, parsed.get(event.id)!, "failed", error.message));
      await this.repository.commit(delivery.id, delivery.state, delivery.fulfillmentId, entries, this.now());
      return [...results, ...todo.map((event): EventResult => ({ id: event.id, kind: "permanent", error: error.message }))];
    }

    const byEventId = new Map(todo.map((event) => [parsed.get(event.id)!.eventId, event]));
    const entries: TimelineInput[] = plan.planned.map((planned) => {
      const event = byEventId.get(planned.eventId)!;
      return this.timelineEntry(event, parsed.get(event.id)!, planned.outcome, planned.note);
    });
    entries.push(...outcome.notes.map((message): TimelineInput => ({ inboxEventId: null, topic: null, outcome: "note", message, occurredAt: null })));
    await this.repository.commit(delivery.id, plan.next, plan.next.hasFulfillment ? outcome.fulfillmentId : null, entries, this.now());
    const notes = new Map(plan.planned.map((planned) => [planned.eventId, planned.note]));
    return [...results, ...todo.map((event): EventResult => ({ id: event.id, kind: "applied", detail: notes.get(parsed.get(event.id)!.eventId)! }))];
  }

  /** Links a waybill to an order the merchant names (name, number or id) and returns it. */
  async findOrderByReference(shop: SyncShop, reference: string): Promise<OrderSnapshot | null> {
    const candidates = waybillCandidates(reference, "");
    if (candidates.length === 0) return null;
    const orders = await this.shopify.searchOrders(shop, ordersSearchQuery(candidates));
    return orders.find((order) => orderMatchesWaybill({ id: order.id, legacyResourceId: order.legacyId, name: order.name }, candidates)) ?? null;
  }

  private async findOrder(shop: SyncShop, waybill: string): Promise<{ order: OrderSnapshot; reason?: never } | { order: null; reason: string }> {
    const candidates = waybillCandidates(waybill, shop.waybillPattern);
    if (candidates.length === 0) return { order: null, reason: formatMessage("unmatchedPattern", { waybill }) };
    const orders = await this.shopify.searchOrders(shop, ordersSearchQuery(candidates));
    const order = orders.find((candidate) => orderMatchesWaybill({ id: candidate.id, legacyResourceId: candidate.legacyId, name: candidate.name }, candidates));
    return order ? { order } : { order: null, reason: formatMessage("unmatchedOrder", { waybill }) };
  }

  private timelineEntry(event: PendingEvent, parsedEvent: WakilniEvent, outcome: TimelineOutcome, message: string): TimelineInput {
    return { inboxEventId: event.id, topic: parsedEvent.topic ?? parsedEvent.topicName, outcome, message, occurredAt: parsedEvent.occurredAt };
  }

  /**
   * Carries out the folded changes: the fulfillment first (adopted when Shopify already has it,
   * so a retry never makes a second one), then events in slots of `eventsPerRequest`, with the
   * tags, metafield and cancel riding on the last request.
   */
  private async execute(
    shop: SyncShop,
    delivery: DeliveryRecord,
    changes: ShopifyChange[],
    knownSnapshot: OrderSnapshot | null,
    inDoubt: boolean,
    waybill: string,
  ): Promise<{ fulfillmentId: string | null; notes: string[] }> {
    const orderId = delivery.orderId!;
    const notes: string[] = [];
    let fulfillmentId = delivery.fulfillmentId;
    let create: ApplyRequest["create"] = null;
    let events: FulfillmentEventInput[] = [];
    let tags: ApplyRequest["tags"] = null;
    let metafield: ApplyRequest["metafield"] = null;
    let cancel = false;
    for (const change of changes) {
      if (change.kind === "createFulfillment" && !fulfillmentId) {
        const snapshot = knownSnapshot ?? (await this.shopify.order(shop, orderId));
        if (!snapshot) throw new ShopifyRejectedError(`order ${delivery.orderName ?? orderId} no longer exists in Shopify`);
        const decision = this.fulfillmentFor(snapshot, waybill);
        notes.push(...decision.notes);
        if (decision.kind === "adopt") {
          fulfillmentId = decision.fulfillmentId;
          await this.repository.saveFulfillmentId(delivery.id, fulfillmentId);
        } else {
          create = { ...change, fulfillmentOrderIds: decision.fulfillmentOrderIds };
        }
      } else if (change.kind === "fulfillmentEvent") {
        events.push({ status: change.status, happenedAt: change.happenedAt, message: change.message });
      } else if (change.kind === "tags") {
        tags = { add: change.add, remove: change.remove };
      } else if (change.kind === "metafield") {
        metafield = { namespace: change.namespace, key: change.key, type: change.type, value: change.value };
      } else if (change.kind === "cancelFulfillment") {
        cancel = true;
      }
    }

    if (create) {
      // The fulfillment's own request also carries the tags and metafield; its events need its id.
      const created = await this.send(shop, { orderId, fulfillmentId: null, create, events: [], tags, metafield, cancel: false });
      fulfillmentId = created.createdFulfillmentId;
      if (!fulfillmentId) throw new ShopifyRejectedError("Shopify did not return the new fulfillment");
      await this.repository.saveFulfillmentId(delivery.id, fulfillmentId);
      tags = null;
      metafield = null;
    }

    if (inDoubt && fulfillmentId && (events.length > 0 || cancel)) {
      // An earlier attempt may have reached Shopify without us hearing back: skip what is there.
      const current = await this.shopify.fulfillment(shop, fulfillmentId);
      if (current) {
        events = events.filter((event) => !current.events.some((existing) => existing.status === event.status && sameInstant(existing.happenedAt, event.happenedAt)));
        if (current.status === "CANCELLED") cancel = false;
      }
    }
    if (!fulfillmentId) events = [];

    const chunks: FulfillmentEventInput[][] = [];
    for (let index = 0; index < events.length; index += this.shopify.eventsPerRequest) {
      chunks.push(events.slice(index, index + this.shopify.eventsPerRequest));
    }
    if (chunks.length === 0 && (tags || metafield || cancel)) chunks.push([]);
    for (const [index, chunk] of chunks.entries()) {
      const last = index === chunks.length - 1;
      await this.send(shop, {
        orderId,
        fulfillmentId,
        create: null,
        events: chunk,
        tags: last ? tags : null,
        metafield: last ? metafield : null,
        cancel: last && cancel && fulfillmentId !== null,
      });
    }
    return { fulfillmentId, notes };
  }

  private async send(shop: SyncShop, request: ApplyRequest): Promise<ApplyResult> {
    const result = await this.shopify.apply(shop, request);
    if (result.userErrors.length > 0) throw new ShopifyRejectedError(result.userErrors.join("; "));
    return result;
  }

  /**
   * Which fulfillment is the app's: one Shopify already has for this waybill, or, when every
   * merchant-managed fulfillment order is done, the most recent; otherwise a new one over all
   * open merchant-managed fulfillment orders. Other fulfillment services' orders are left alone.
   */
  private fulfillmentFor(
    snapshot: OrderSnapshot,
    waybill: string,
  ): { kind: "adopt"; fulfillmentId: string; notes: string[] } | { kind: "create"; fulfillmentOrderIds: string[]; notes: string[] } {
    const live = snapshot.fulfillments.filter((fulfillment) => fulfillment.status !== "CANCELLED");
    const tracked = live.find((fulfillment) => fulfillment.trackingNumbers.includes(waybill));
    if (tracked) return { kind: "adopt", fulfillmentId: tracked.id, notes: [] };
    const open = snapshot.fulfillmentOrders.filter((order) => OPEN_FULFILLMENT_ORDER.has(order.status));
    const merchantManaged = open.filter((order) => !order.fulfillmentService);
    const others = open.filter((order) => order.fulfillmentService);
    const notes = others.length
      ? [formatMessage("otherServicesLeftAlone", { locations: [...new Set(others.map((order) => order.locationName))].join(", ") })]
      : [];
    if (merchantManaged.length > 0) return { kind: "create", fulfillmentOrderIds: merchantManaged.map((order) => order.id), notes };
    const latest = [...live].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    if (latest) return { kind: "adopt", fulfillmentId: latest.id, notes: [...notes, formatMessage("adoptedLatestFulfillment")] };
    throw new ShopifyRejectedError(formatMessage("nothingToFulfill", { order: snapshot.name }));
  }
}


