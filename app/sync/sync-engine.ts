// The sync engine: turns a waybill's pending Wakilni events into the right changes on the
// right Shopify order, once and in order, and records every event on the delivery's timeline.
// It only orchestrates: finds (and links) the order, plans with the pure planner, has the plan
// packed into requests (apply-requests.ts), sends them through the Shopify port and commits the
// new delivery state. Plain TypeScript over ports (ports.ts), tested end to end against the
// Shopify Admin emulator.
import { cashDecision, handsParcelOver } from "../delivery/cash-on-delivery";
import { FLOW_TRIGGERS, type FlowTrigger } from "../delivery/flow-trigger";
import { planBatch, planEvent, type ShopifyPlan } from "../delivery/plan";
import type { DeliveryState } from "../delivery/state";
import { needsAttentionTag } from "../delivery/labels";
import type { WakilniTopic } from "../wakilni/topics";
import { orderMatchesWaybill, ordersSearchQuery, waybillCandidates } from "../delivery/waybill";
import { timelineLogText, timelineMessage, type TimelineMessage } from "../delivery/timeline-messages";
import { BatchRefusedError, type EventResult, type PendingEvent, type WaybillKey, type WaybillProcessor } from "../inbox/worker";
import type { WorkLane } from "../inbox/fair-share";
import { applyRequest, creationRequests, followUpRequests } from "./apply-requests";
import type {
  ApplyResult,
  DeliveryRecord,
  FlowTriggerState,
  FulfillmentSnapshot,
  OrderSnapshot,
  ShopifyPort,
  SyncRepository,
  SyncShop,
  TimelineInput,
  TimelineOutcome,
} from "./ports";
import { ShopifyRejectedError, ShopifyTransientError } from "./shopify-errors";

const OPEN_FULFILLMENT_ORDER = new Set(["OPEN", "IN_PROGRESS"]);

/** What `execute` did with a plan. */
interface Execution {
  /** The app's fulfillments afterwards, those made or adopted before a refusal included. */
  fulfillmentIds: string[];
  /** Some of the order's locations are still without the app's fulfillment (DeliveryState.fulfillmentIncomplete). */
  fulfillmentIncomplete: boolean;
  notes: TimelineMessage[];
  /** The step Shopify refused, which stopped the rest of the plan; null when all went through. */
  refusal: ShopifyRejectedError | null;
}

/** Shopify's userErrors as the refusal that stops the plan. */
function throwIfRefused(result: ApplyResult): void {
  if (result.userErrors.length > 0) throw new ShopifyRejectedError(result.userErrors.join("; "));
}

/** One applied Wakilni status change: the delivery before and after it. */
interface AppliedStep {
  event: PendingEvent;
  before: DeliveryState;
  after: DeliveryState & { status: WakilniTopic };
}

function timelineEntry(event: PendingEvent, outcome: TimelineOutcome, message: TimelineMessage): TimelineInput {
  const { topic, topicName, occurredAt } = event.wakilniEvent;
  return { inboxEventId: event.id, topic: topic ?? topicName, outcome, message, occurredAt };
}

export class SyncEngine implements WaybillProcessor {
  constructor(
    private readonly repository: SyncRepository,
    private readonly shopify: ShopifyPort,
    private readonly now: () => Date,
  ) {}

  budgetDelayMs(shop: string, lane: WorkLane): number {
    return this.shopify.budgetDelayMs?.(shop, lane) ?? 0;
  }

  async process(key: WaybillKey, pending: PendingEvent[]): Promise<EventResult[]> {
    if (pending.length === 0) return [];
    const shop = await this.repository.shopForSync(key.shop);
    if (!shop) {
      const message = timelineMessage("appNotInstalled");
      return pending.map((event) => ({ id: event.id, kind: "permanent", error: "the app is not installed on this shop", message }));
    }

    let delivery = await this.repository.delivery(key.shop, key.waybill);
    let snapshot: OrderSnapshot | null = null;
    if (!delivery?.orderId) {
      // Every event already parked: a retry of the search, paid from the parked share of the budget.
      const lane: WorkLane = pending.every((event) => event.parkedSince !== null) ? "parked" : "live";
      const found = await this.findOrder(shop, key.waybill, lane);
      if (!found.order) {
        await this.repository.recordUnmatched(
          key.shop,
          key.waybill,
          found.reason,
          pending.map((event) => timelineEntry(event, "parked", found.reason)),
          this.now(),
        );
        return pending.map((event): EventResult => ({
          id: event.id,
          kind: "parked",
          reason: timelineLogText(found.reason),
          message: found.reason,
        }));
      }
      snapshot = found.order;
      delivery = await this.repository.linkOrder(key.shop, key.waybill, found.order, pending[0].wakilniEvent.wakilniOrderId);
    }

    // A crash after the delivery was committed but before the inbox was: those events are done.
    const done = await this.repository.alreadyRecorded(
      delivery.id,
      pending.map((event) => event.id),
    );
    const todo = pending.filter((event) => !done.has(event.id));
    const results = pending
      .filter((event) => done.has(event.id))
      .map((event): EventResult => ({
        id: event.id,
        kind: "applied",
        detail: "already applied",
        message: timelineMessage("alreadyApplied"),
      }));
    if (todo.length === 0) return results;

    const plan = planBatch(
      delivery.state,
      todo.map((event) => event.wakilniEvent),
      shop.settings,
    );
    const inDoubt = todo.some((event) => event.previouslyAttempted);
    const outcome = await this.execute(shop, delivery, plan.shopify, snapshot, inDoubt, key.waybill);
    const { refusal } = outcome;
    if (refusal) {
      // Shopify's userErrors do not say which event they are about: the worker tries each alone.
      if (todo.length > 1) throw new BatchRefusedError(refusal.message, refusal.reason);
      const entries = todo.map((event) => timelineEntry(event, "failed", refusal.reason));
      entries.push(...outcome.notes.map((message) => timelineEntry(todo[0], "note", message)));
      const tagNote = await this.tagForAttention(shop, delivery.orderId!);
      if (tagNote) entries.push(timelineEntry(todo[0], "note", tagNote));
      const flagged = { ...delivery.state, needsAttention: true, fulfillmentIncomplete: outcome.fulfillmentIncomplete };
      // The fulfillments made or adopted before the refusal stay the app's: forgetting them would
      // leave them out of the next events and the cancel.
      await this.repository.commit(delivery.id, flagged, outcome.fulfillmentIds, entries, this.now());
      return [
        ...results,
        ...todo.map((event): EventResult => ({ id: event.id, kind: "permanent", error: refusal.message, message: refusal.reason })),
      ];
    }

    // planBatch plans one event per input event, in the same order.
    const entries: TimelineInput[] = todo.map((event, index) =>
      timelineEntry(event, plan.planned[index].outcome, plan.planned[index].note),
    );
    // The notes are about the fulfillment: they belong to the event that made the app create or adopt it.
    const fulfilling = todo.find((_event, index) => plan.planned[index].shopify.createFulfillment !== null);
    entries.push(
      ...outcome.notes.map((message): TimelineInput =>
        fulfilling
          ? timelineEntry(fulfilling, "note", message)
          : { inboxEventId: null, topic: null, outcome: "note", message, occurredAt: null },
      ),
    );
    // The order now holds the new status: collect the cash and tell Flow before the commit, so a
    // crash in between retries them under their own once-only rules.
    const steps = this.appliedSteps(delivery.state, todo, shop);
    entries.push(...(await this.afterApplying(shop, delivery, steps)));
    await this.repository.commit(delivery.id, plan.next, plan.next.hasFulfillment ? outcome.fulfillmentIds : [], entries, this.now());
    return [
      ...results,
      ...todo.map((event, index): EventResult => ({
        id: event.id,
        kind: "applied",
        detail: timelineLogText(plan.planned[index].note),
        message: plan.planned[index].note,
      })),
    ];
  }

  /**
   * The worker gave up on events of a linked waybill after transient failures (Shopify or the
   * database down for the whole retry budget): the order is out of date and stays so until the
   * merchant retries, so the delivery is flagged and, if Shopify answers now, the order tagged.
   * An unmatched waybill is flagged already (recordUnmatched).
   */
  async gaveUp(key: WaybillKey, events: PendingEvent[]): Promise<void> {
    const shop = await this.repository.shopForSync(key.shop);
    const delivery = await this.repository.delivery(key.shop, key.waybill);
    if (!shop || !delivery?.orderId || events.length === 0) return;
    const tagNote = await this.tagForAttention(shop, delivery.orderId);
    await this.repository.flagAttention(delivery.id, tagNote ? [timelineEntry(events[0], "note", tagNote)] : [], this.now());
  }

  /**
   * Shopify refused the waybill's change, so the order no longer says where the parcel is: the
   * Needs attention tag tells the merchant on the order itself (the queue reads the delivery's
   * flag). Only the tag is sent; what Shopify refused is not tried again here. Returns a note
   * when Shopify refuses the tag too (a userError, or a denied request), or cannot take it now:
   * the app's own flag puts the delivery in the queue all the same, so neither an outage nor a
   * denial turns a refusal into a retry.
   */
  private async tagForAttention(shop: SyncShop, orderId: string): Promise<TimelineMessage | null> {
    const tag = needsAttentionTag(shop.settings.tagPrefix);
    let result: ApplyResult;
    try {
      result = await this.shopify.apply(shop, applyRequest(orderId, { tags: { add: [tag], remove: [] } }));
    } catch (error) {
      if (error instanceof ShopifyRejectedError) return timelineMessage("attentionTagRefused", { tag, errors: [error.message] });
      if (!(error instanceof ShopifyTransientError)) throw error;
      return timelineMessage("attentionTagNotSent", { tag });
    }
    return result.userErrors.length > 0 ? timelineMessage("attentionTagRefused", { tag, errors: result.userErrors }) : null;
  }

  /** The status changes a batch applies, replayed with the planner one event at a time. */
  private appliedSteps(start: DeliveryState, todo: PendingEvent[], shop: SyncShop): AppliedStep[] {
    const steps: AppliedStep[] = [];
    let state = start;
    for (const event of todo) {
      const { planned, next } = planEvent(state, event.wakilniEvent, shop.settings);
      if (planned.outcome === "applied" && next.status) steps.push({ event, before: state, after: { ...next, status: next.status } });
      state = next;
    }
    return steps;
  }

  /** What follows a status change besides the order's delivery: the cash collected, the Flow triggers. */
  private async afterApplying(shop: SyncShop, delivery: DeliveryRecord, steps: AppliedStep[]): Promise<TimelineInput[]> {
    const notes: TimelineInput[] = [];
    const handedOver = shop.settings.markCodPaid ? steps.find((step) => handsParcelOver(step.after.status)) : undefined;
    if (handedOver) {
      const cash = await this.collectCash(shop, delivery);
      if (cash) notes.push(timelineEntry(handedOver.event, "note", cash));
    }
    for (const trigger of FLOW_TRIGGERS) {
      const firing = steps.filter((step) => trigger.fires(step.before, step.after));
      if (firing.length === 0) continue;
      const known = await this.repository.flowTriggerStates(
        firing.map((step) => step.event.id),
        trigger.handle,
      );
      for (const step of firing) {
        const sent = await this.sendFlowTrigger(shop, delivery, trigger, step, known.get(step.event.id) ?? null);
        if (sent) notes.push(timelineEntry(step.event, "note", sent));
      }
    }
    return notes;
  }

  /**
   * Marks a delivered cash-on-delivery order paid (docs/decisions/015). The payment is read first,
   * every time: an order paid by hand meanwhile, or by an earlier attempt whose answer was lost,
   * reads as paid and is left alone, so no retry marks twice.
   */
  private async collectCash(shop: SyncShop, delivery: DeliveryRecord): Promise<TimelineMessage | null> {
    const orderId = delivery.orderId!;
    const payment = await this.shopify.orderPayment(shop, orderId);
    if (!payment) return null;
    const decision = cashDecision(payment);
    if (decision.kind === "leave") {
      if (decision.reason === "not_cod") return null;
      return timelineMessage(decision.reason === "already_paid" ? "cashAlreadyPaid" : "cashNotPayable");
    }
    const errors = await this.shopify.markAsPaid(shop, orderId);
    if (errors.length > 0) return timelineMessage("cashNotMarked", { errors });
    await this.repository.recordCashCollected(delivery.id, decision, this.now());
    return timelineMessage("cashMarkedPaid", { amount: decision.amount, currency: decision.currencyCode, gateway: decision.gateway });
  }

  /**
   * Sends one Flow trigger of one status change at most once (docs/decisions/016): recorded as
   * "sending" before it goes out; a retry finding it so does not send it again, since Flow cannot
   * say whether it arrived. Only a failure that proves Shopify did not get it lets it go again.
   * Shopify refusing it is a note on the timeline, not a failed event: the order is up to date.
   */
  private async sendFlowTrigger(
    shop: SyncShop,
    delivery: DeliveryRecord,
    trigger: FlowTrigger,
    step: AppliedStep,
    known: FlowTriggerState | null,
  ): Promise<TimelineMessage | null> {
    const { handle, notes } = trigger;
    const status = step.after.status;
    if (known === "sending") {
      await this.repository.finishFlowTrigger(step.event.id, handle, "in_doubt", null, this.now());
      return timelineMessage(notes.inDoubt, { status });
    }
    if (known !== null) return null;
    await this.repository.startFlowTrigger(delivery.id, step.event.id, handle, this.now());
    let errors: string[];
    try {
      errors = await this.shopify.sendFlowTrigger(shop, handle, trigger.payload(delivery.orderId!, step.before, step.after));
    } catch (error) {
      if (error instanceof ShopifyRejectedError) errors = [error.message];
      else {
        if (error instanceof ShopifyTransientError && error.notSent) await this.repository.forgetFlowTrigger(step.event.id, handle);
        throw error;
      }
    }
    if (errors.length > 0) {
      await this.repository.finishFlowTrigger(step.event.id, handle, "refused", errors.join("; "), this.now());
      return timelineMessage(notes.refused, { status, errors });
    }
    await this.repository.finishFlowTrigger(step.event.id, handle, "sent", null, this.now());
    return timelineMessage(notes.sent, { status });
  }

  /**
   * The order a merchant names (name, number or id) for a link; the merchant waits for it, so it
   * goes first in the shop's Shopify budget.
   */
  async findOrderByReference(shop: SyncShop, reference: string): Promise<OrderSnapshot | null> {
    const candidates = waybillCandidates(reference, "");
    if (candidates.length === 0) return null;
    const orders = await this.shopify.searchOrders(shop, ordersSearchQuery(candidates), "merchant");
    return (
      orders.find((order) => orderMatchesWaybill({ id: order.id, legacyResourceId: order.legacyId, name: order.name }, candidates)) ?? null
    );
  }

  private async findOrder(
    shop: SyncShop,
    waybill: string,
    lane: WorkLane,
  ): Promise<{ order: OrderSnapshot; reason?: never } | { order: null; reason: TimelineMessage }> {
    const candidates = waybillCandidates(waybill, shop.waybillPattern);
    if (candidates.length === 0) return { order: null, reason: timelineMessage("unmatchedPattern", { waybill }) };
    const orders = await this.shopify.searchOrders(shop, ordersSearchQuery(candidates), lane);
    const order = orders.find((candidate) =>
      orderMatchesWaybill({ id: candidate.id, legacyResourceId: candidate.legacyId, name: candidate.name }, candidates),
    );
    return order ? { order } : { order: null, reason: timelineMessage("unmatchedOrder", { waybill }) };
  }

  /**
   * Carries out the plan: the fulfillments first (adopted when Shopify already has them, so a
   * retry never makes a second one; created otherwise, one per merchant location), then the
   * rest as apply-requests.ts packs it, skipping what an unanswered earlier attempt already did.
   * Stops at the first step Shopify refuses and says so, with what was done before it.
   */
  private async execute(
    shop: SyncShop,
    delivery: DeliveryRecord,
    plan: ShopifyPlan,
    knownSnapshot: OrderSnapshot | null,
    inDoubt: boolean,
    waybill: string,
  ): Promise<Execution> {
    const orderId = delivery.orderId!;
    const notes: TimelineMessage[] = [];
    let fulfillmentIds = [...delivery.fulfillmentIds];
    let fulfillmentIncomplete = delivery.state.fulfillmentIncomplete;
    let remaining = plan;
    try {
      // Planned again after an attempt stopped between two locations (fulfillmentIncomplete):
      // the fulfillments made then are adopted, the remaining locations fulfilled now.
      if (plan.createFulfillment) {
        const snapshot = knownSnapshot ?? (await this.shopify.order(shop, orderId));
        if (!snapshot) throw new ShopifyRejectedError(timelineMessage("orderGone", { order: delivery.orderName ?? orderId }));
        // An earlier attempt may have stopped between two locations, answered or not.
        const resuming = delivery.state.fulfillmentIncomplete || inDoubt;
        const decision = this.fulfillmentFor(snapshot, waybill, resuming);
        notes.push(...decision.notes);
        const creation = creationRequests(orderId, plan, decision.createByLocation);
        let unmade = creation.requests.length;
        const keepFulfillments = async (ids: string[]) => {
          fulfillmentIds = ids;
          fulfillmentIncomplete = unmade > 0;
          await this.repository.saveFulfillmentIds(delivery.id, fulfillmentIds, fulfillmentIncomplete);
        };
        const adopted = decision.adopt.filter((id) => !fulfillmentIds.includes(id));
        if (adopted.length > 0) await keepFulfillments([...fulfillmentIds, ...adopted]);
        let partlyFulfilled = false;
        for (const creationRequest of creation.requests) {
          const created = await this.shopify.apply(shop, creationRequest);
          // Shopify may make the fulfillment and refuse the tags or metafield sent with it: it is the app's all the same.
          if (created.createdFulfillmentId) {
            unmade -= 1;
            await keepFulfillments([...fulfillmentIds, created.createdFulfillmentId]);
          }
          throwIfRefused(created);
          if (!created.createdFulfillmentId) throw new ShopifyRejectedError(timelineMessage("noFulfillmentReturned"));
          partlyFulfilled = created.orderPartlyFulfilled;
        }
        fulfillmentIncomplete = false;
        remaining = creation.remaining;
        // Without access to other services' fulfillment orders, the order's status is what tells.
        if (partlyFulfilled && decision.notes.length === 0) notes.push(timelineMessage("otherItemsLeftAlone"));
      }

      const present =
        inDoubt && (remaining.events.length > 0 || remaining.cancelFulfillment)
          ? await this.fulfillmentsInShopify(shop, fulfillmentIds)
          : new Map<string, FulfillmentSnapshot>();
      const requests = followUpRequests({
        orderId,
        plan: remaining,
        fulfillmentIds,
        present,
        eventsPerRequest: this.shopify.eventsPerRequest,
      });
      for (const followUp of requests) throwIfRefused(await this.shopify.apply(shop, followUp));
    } catch (error) {
      if (!(error instanceof ShopifyRejectedError)) throw error;
      return { fulfillmentIds, fulfillmentIncomplete, notes, refusal: error };
    }
    return { fulfillmentIds, fulfillmentIncomplete, notes, refusal: null };
  }

  /** An earlier attempt may have reached Shopify without us hearing back: what it holds now. */
  private async fulfillmentsInShopify(shop: SyncShop, fulfillmentIds: readonly string[]): Promise<Map<string, FulfillmentSnapshot>> {
    const present = new Map<string, FulfillmentSnapshot>();
    for (const fulfillmentId of fulfillmentIds) {
      const current = await this.shopify.fulfillment(shop, fulfillmentId);
      if (current) present.set(fulfillmentId, current);
    }
    return present;
  }

  /**
   * Which fulfillments are the app's: those Shopify already has for this waybill; when resuming
   * an attempt that may have stopped between locations, plus new ones over the merchant-managed
   * fulfillment orders still open (the attempt is completed, never repeated). Without any, new
   * ones over the open merchant-managed fulfillment orders, one per location, or, when every one
   * is done, the most recent fulfillment. Fulfillment services' orders are left alone.
   */
  private fulfillmentFor(
    snapshot: OrderSnapshot,
    waybill: string,
    resuming: boolean,
  ): { adopt: string[]; createByLocation: string[][]; notes: TimelineMessage[] } {
    const live = snapshot.fulfillments.filter((fulfillment) => fulfillment.status !== "CANCELLED");
    const tracked = live.filter((fulfillment) => fulfillment.trackingNumbers.includes(waybill)).map((fulfillment) => fulfillment.id);
    const open = snapshot.fulfillmentOrders.filter((order) => OPEN_FULFILLMENT_ORDER.has(order.status));
    const byLocation = new Map<string, string[]>();
    for (const order of open) {
      if (!order.fulfillmentService) byLocation.set(order.locationId, [...(byLocation.get(order.locationId) ?? []), order.id]);
    }
    // Not resuming, fulfillments with the waybill are the merchant's shipment of it: the rest of the order is theirs.
    if (tracked.length > 0 && (byLocation.size === 0 || !resuming)) return { adopt: tracked, createByLocation: [], notes: [] };
    const others = open.filter((order) => order.fulfillmentService);
    const notes = others.length
      ? [timelineMessage("otherServicesLeftAlone", { locations: [...new Set(others.map((order) => order.locationName))] })]
      : [];
    if (byLocation.size > 0) return { adopt: tracked, createByLocation: [...byLocation.values()], notes };
    const latest = [...live].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    if (latest) return { adopt: [latest.id], createByLocation: [], notes: [...notes, timelineMessage("adoptedLatestFulfillment")] };
    throw new ShopifyRejectedError(timelineMessage("nothingToFulfill", { order: snapshot.name }));
  }
}
