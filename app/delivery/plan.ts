// The planner: turns a delivery's state and Wakilni events into the plan of what to send Shopify,
// without touching Shopify. The plan has the shape the engine executes (a creation, events, a
// cancel, tags, a metafield); keeping this pure lets every rule, and the folding of a backlog
// into one plan, be tested exhaustively.
import type { WakilniEvent } from "../wakilni/event";
import type { WakilniTopic } from "../wakilni/topics";
import { allStatusTags, formatContact, formatMessage, needsAttentionTag, statusTag } from "./labels";
import { timelineMessage, type TimelineMessage } from "./timeline-messages";
import type { DeliverySettings } from "./settings";
import { DELIVERY_METAFIELD, deliveryMetafieldValue } from "./delivery-metafield";
import { admitEvent, transition, type DeliveryState, type EventOutcome, type FulfillmentEventStatus } from "./state";

export type { EventOutcome } from "./state";

/** The app's fulfillment, carrying Wakilni's tracking. */
export interface FulfillmentToCreate {
  notifyCustomer: boolean;
  trackingCompany: "Wakilni";
  trackingNumber: string;
  trackingUrl: string | null;
}

/** One Wakilni step reported on the app's fulfillment, dated at Wakilni's time. */
export interface PlannedFulfillmentEvent {
  status: FulfillmentEventStatus;
  happenedAt: Date;
  message: string | null;
}

/** The order's tags afterwards: these added, those removed (never both). */
export interface TagChange {
  add: string[];
  remove: string[];
}

export interface MetafieldWrite {
  namespace: string;
  key: string;
  type: "json";
  value: string;
}

/**
 * What to send Shopify, in the order it must happen: create the app's fulfillment, report each
 * event on it, cancel it; retag the order and set the delivery metafield. The state machine
 * guarantees a backlog fits this shape (one creation before any event, a cancel only at the end).
 */
export interface ShopifyPlan {
  createFulfillment: FulfillmentToCreate | null;
  events: readonly PlannedFulfillmentEvent[];
  cancelFulfillment: boolean;
  tags: TagChange | null;
  metafield: MetafieldWrite | null;
}

export const NOTHING_TO_SEND: ShopifyPlan = Object.freeze({
  createFulfillment: null,
  events: Object.freeze([]),
  cancelFulfillment: false,
  tags: null,
  metafield: null,
});

export interface PlannedEvent {
  eventId: string;
  outcome: EventOutcome;
  /** What the timeline says about it. */
  note: TimelineMessage;
  shopify: ShopifyPlan;
}

/** Fulfillment-event texts that name the driver or the pickup office when Wakilni gives them; null falls back to the status table's. */
const DETAILED_EVENT_MESSAGES: Readonly<Partial<Record<WakilniTopic, (event: WakilniEvent) => string | null>>> = {
  assigned: ({ driver }) => {
    const contact = formatContact(driver?.name ?? null, driver?.phone ?? null);
    return contact && formatMessage("assignedToDriver", { driver: contact });
  },
  ready_for_pickup: ({ pickupLocation }) => {
    const office = formatContact(pickupLocation?.officeName ?? null, pickupLocation?.phone ?? null);
    return office && formatMessage("readyForPickupAt", { office });
  },
};

function skipNote(outcome: Exclude<EventOutcome, "applied">, state: DeliveryState, event: WakilniEvent): TimelineMessage {
  switch (outcome) {
    case "unsupported":
      return timelineMessage("unsupported", { topicName: event.topicName });
    case "stale":
      return timelineMessage("stale", { lastAppliedAt: state.lastAppliedAt?.toISOString() ?? "" });
    case "after_terminal":
      return timelineMessage("afterTerminal", { status: state.status ?? "" });
  }
}

export function planEvent(
  state: DeliveryState,
  event: WakilniEvent,
  settings: DeliverySettings,
): { planned: PlannedEvent; next: DeliveryState } {
  const admission = admitEvent(state, event);
  if (admission.outcome !== "applied") {
    const { outcome } = admission;
    return { planned: { eventId: event.eventId, outcome, note: skipNote(outcome, state, event), shopify: NOTHING_TO_SEND }, next: state };
  }
  const { topic } = admission.event;
  const step = transition(state, admission.event, settings);
  const { next } = step;
  const current = statusTag(topic, settings.tagPrefix);
  const attention = needsAttentionTag(settings.tagPrefix);
  const shopify: ShopifyPlan = {
    createFulfillment: step.createFulfillment
      ? {
          notifyCustomer: settings.notifyCustomer,
          trackingCompany: "Wakilni",
          trackingNumber: state.waybill,
          trackingUrl: next.trackingUrl,
        }
      : null,
    events: step.fulfillmentEvent
      ? [
          {
            status: step.fulfillmentEvent.status,
            happenedAt: event.occurredAt,
            message: DETAILED_EVENT_MESSAGES[topic]?.(event) ?? step.fulfillmentEvent.message,
          },
        ]
      : [],
    cancelFulfillment: step.cancelFulfillment,
    tags: {
      add: next.needsAttention ? [current, attention] : [current],
      remove: [...allStatusTags(settings.tagPrefix).filter((tag) => tag !== current), ...(next.needsAttention ? [] : [attention])],
    },
    metafield: { ...DELIVERY_METAFIELD, value: JSON.stringify(deliveryMetafieldValue(next, settings)) },
  };
  return {
    planned: { eventId: event.eventId, outcome: "applied", note: timelineMessage("applied", { status: topic }), shopify },
    next,
  };
}

/** Re-inserts the key, so the map iterates in order of last write and the net tags change lists tags as the last event did. */
function setLast<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/**
 * Plans carried out one after the other, as one plan with the same end result: the creation
 * and the events keep their order, a tag ends up as its last add or remove left it, the
 * metafield as its last value. Throws when the sequence does not fit one plan (a fulfillment
 * change after a cancel, a creation after events): the state machine never produces that.
 */
export function foldShopifyPlans(plans: readonly ShopifyPlan[]): ShopifyPlan {
  let createFulfillment: FulfillmentToCreate | null = null;
  const events: PlannedFulfillmentEvent[] = [];
  let cancelFulfillment = false;
  const tagPresent = new Map<string, boolean>();
  let metafield: MetafieldWrite | null = null;
  for (const plan of plans) {
    const touchesFulfillment = plan.createFulfillment !== null || plan.events.length > 0 || plan.cancelFulfillment;
    if (cancelFulfillment && touchesFulfillment) throw new Error("cannot fold a fulfillment change after the cancel into one plan");
    if (plan.createFulfillment && (createFulfillment || events.length > 0))
      throw new Error("cannot fold a fulfillment creation after another creation or after events into one plan");
    createFulfillment = plan.createFulfillment ?? createFulfillment;
    events.push(...plan.events);
    cancelFulfillment ||= plan.cancelFulfillment;
    for (const tag of plan.tags?.remove ?? []) setLast(tagPresent, tag, false);
    for (const tag of plan.tags?.add ?? []) setLast(tagPresent, tag, true);
    metafield = plan.metafield ?? metafield;
  }
  const tags = [...tagPresent];
  return {
    createFulfillment,
    events,
    cancelFulfillment,
    tags:
      tags.length > 0
        ? {
            add: tags.filter(([, present]) => present).map(([tag]) => tag),
            remove: tags.filter(([, present]) => !present).map(([tag]) => tag),
          }
        : null,
    metafield,
  };
}

/**
 * A backlog of consecutive events of one delivery, in Wakilni time order (the inbox's order,
 * decided once by the stored time; events sharing a time come in arrival order), planned one by
 * one and folded into one plan: at most one creation, every event, the cancel, the net tags
 * change, the final metafield. One planned event per input event, in the same order.
 */
export function planBatch(
  state: DeliveryState,
  events: readonly WakilniEvent[],
  settings: DeliverySettings,
): { planned: PlannedEvent[]; shopify: ShopifyPlan; next: DeliveryState } {
  const planned: PlannedEvent[] = [];
  let next = state;
  events.forEach((event, index) => {
    if (index > 0 && event.occurredAt.getTime() < events[index - 1].occurredAt.getTime())
      throw new RangeError(`planBatch: events must come in Wakilni time order (event ${event.eventId} is earlier than the one before it)`);
    const step = planEvent(next, event, settings);
    planned.push(step.planned);
    next = step.next;
  });
  return { planned, shopify: foldShopifyPlans(planned.map((event) => event.shopify)), next };
}
