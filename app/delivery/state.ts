// The delivery state machine: which Wakilni events may still move a parcel, and what applying
// one does to the app's fulfillment. Kept apart from the planner so the rules of the journey
// (ordering, terminal states, fulfillment stage) read without any Shopify vocabulary. What each
// status means (terminal, needs attention, cancels, reports) is its row in ../wakilni/statuses.ts.
import type { WakilniEvent } from "../wakilni/event";
import { WAKILNI_STATUSES, type StatusDefinition } from "../wakilni/statuses";
import { TERMINAL_TOPICS, type WakilniTopic } from "../wakilni/topics";
import { FULFILLMENT_STAGES, renderTrackingUrl, type DeliverySettings, type FulfillmentStage } from "./settings";

export interface DeliveryState {
  waybill: string;
  wakilniOrderId: string | null;
  /** The last applied topic. */
  status: WakilniTopic | null;
  /** Wakilni time of the last applied event. */
  lastAppliedAt: Date | null;
  /** The app's fulfillment exists (its id is the engine's business). */
  hasFulfillment: boolean;
  /**
   * The app's fulfillment exists at some of the order's locations only: an attempt stopped
   * between two (Shopify refused one). The next step that reports on it makes the rest first.
   */
  fulfillmentIncomplete: boolean;
  needsAttention: boolean;
  trackingUrl: string | null;
  driver: { name: string | null; phone: string | null } | null;
  /** The last few applied status changes, oldest first (the last is the current status): what the buyer's page lists. */
  recent: readonly StatusChange[];
}

/** One applied Wakilni status change: its topic and Wakilni's time. */
export interface StatusChange {
  status: WakilniTopic;
  at: Date;
}

/**
 * How many status changes a delivery keeps for the buyer's order status page: a few, so the
 * metafield stays small however long Wakilni goes on (the timeline keeps all of them).
 */
export const RECENT_STATUS_CHANGES = 5;

export function initialDeliveryState(waybill: string): DeliveryState {
  return {
    waybill,
    wakilniOrderId: null,
    status: null,
    lastAppliedAt: null,
    hasFulfillment: false,
    fulfillmentIncomplete: false,
    needsAttention: false,
    trackingUrl: null,
    driver: null,
    recent: [],
  };
}

export type EventOutcome = "applied" | "stale" | "after_terminal" | "unsupported";

export type { FulfillmentEventStatus } from "../wakilni/statuses";

/** A stage topic before the shop's chosen stage does not touch the fulfillment yet. */
function isBeforeStage(topic: WakilniTopic, stage: FulfillmentStage): boolean {
  const rank = (FULFILLMENT_STAGES as readonly string[]).indexOf(topic);
  return rank !== -1 && rank < FULFILLMENT_STAGES.indexOf(stage);
}

export type SupportedEvent = WakilniEvent & { topic: WakilniTopic };

export type Admission = { outcome: "applied"; event: SupportedEvent } | { outcome: Exclude<EventOutcome, "applied"> };

/**
 * Whether an event may still be applied. An older event is stale even after a terminal status
 * (it did not happen after it); the same Wakilni time as the last applied event is not stale,
 * since Wakilni's timestamps have one-second resolution and two steps often share a second.
 */
export function admitEvent(state: DeliveryState, event: WakilniEvent): Admission {
  const { topic } = event;
  if (topic === null) return { outcome: "unsupported" };
  if (state.lastAppliedAt && event.occurredAt.getTime() < state.lastAppliedAt.getTime()) return { outcome: "stale" };
  if (state.status && TERMINAL_TOPICS.has(state.status)) return { outcome: "after_terminal" };
  return { outcome: "applied", event: { ...event, topic } };
}

export interface Transition {
  createFulfillment: boolean;
  fulfillmentEvent: StatusDefinition["fulfillmentEvent"];
  cancelFulfillment: boolean;
  next: DeliveryState;
}

/** What applying an event admitted by admitEvent does. */
export function transition(state: DeliveryState, event: SupportedEvent, settings: DeliverySettings): Transition {
  const { topic } = event;
  const status = WAKILNI_STATUSES[topic];
  const fulfillmentEvent = isBeforeStage(topic, settings.fulfillmentStage) ? null : status.fulfillmentEvent;
  // Terminal protection already keeps "canceled" away from a delivered parcel: a delivered
  // order's fulfillment is never cancelled.
  const cancelFulfillment = state.hasFulfillment && status.cancelsFulfillment;
  // An incomplete fulfillment is completed by the next step that reports on it, not by a cancel.
  const createFulfillment =
    (!state.hasFulfillment || (state.fulfillmentIncomplete && !cancelFulfillment)) &&
    (fulfillmentEvent !== null || topic === settings.fulfillmentStage);
  const wakilniOrderId = event.wakilniOrderId || state.wakilniOrderId;
  return {
    createFulfillment,
    fulfillmentEvent,
    cancelFulfillment,
    next: {
      waybill: state.waybill,
      wakilniOrderId,
      status: topic,
      lastAppliedAt: event.occurredAt,
      hasFulfillment: (state.hasFulfillment || createFulfillment) && !cancelFulfillment,
      fulfillmentIncomplete: state.fulfillmentIncomplete && !createFulfillment && !cancelFulfillment,
      // Attention for an unmatched waybill is the engine's, set when it parks an event.
      needsAttention: status.needsAttention,
      trackingUrl: renderTrackingUrl(settings.trackingUrlTemplate, { waybill: state.waybill, wakilniOrderId }),
      // Only Order Assigned names a driver; the others keep the one already known.
      driver:
        event.driver && (event.driver.name || event.driver.phone) ? { name: event.driver.name, phone: event.driver.phone } : state.driver,
      recent: [...state.recent, { status: topic, at: event.occurredAt }].slice(-RECENT_STATUS_CHANGES),
    },
  };
}
