// The planner: turns a delivery's state and Wakilni events into the abstract Shopify changes
// that reflect them, without touching Shopify. The engine executes the changes; keeping this
// pure lets every rule, and the folding of a backlog into few API calls, be tested exhaustively.
import type { WakilniEvent } from "../wakilni/event";
import type { WakilniTopic } from "../wakilni/topics";
import { allStatusTags, formatContact, formatMessage, needsAttentionTag, statusTag, STATUS_LABELS } from "./labels";
import type { DeliverySettings } from "./settings";
import { admitEvent, transition, type DeliveryState, type EventOutcome, type FulfillmentEventStatus } from "./state";

export type { EventOutcome } from "./state";

export type ShopifyChange =
  | {
      kind: "createFulfillment";
      notifyCustomer: boolean;
      trackingCompany: "Wakilni";
      trackingNumber: string;
      trackingUrl: string | null;
    }
  | { kind: "fulfillmentEvent"; eventId: string; status: FulfillmentEventStatus; happenedAt: Date; message: string | null }
  | { kind: "cancelFulfillment" }
  | { kind: "tags"; add: string[]; remove: string[] }
  | { kind: "metafield"; namespace: string; key: string; type: "json"; value: string };

export interface PlannedEvent {
  eventId: string;
  outcome: EventOutcome;
  note: string;
  changes: ShopifyChange[];
}

/** App-owned, so merchants and other apps cannot overwrite it; the order-page block reads it. */
export const DELIVERY_METAFIELD = Object.freeze({ namespace: "$app:wakilni", key: "delivery", type: "json" } as const);

export interface DeliveryMetafieldValue {
  waybill: string;
  wakilniOrderId: string | null;
  /** The topic code, e.g. "completed". */
  status: DeliveryState["status"];
  statusLabel: string | null;
  /** ISO time of the last applied Wakilni event. */
  happenedAt: string | null;
  trackingUrl: string | null;
  driver: DeliveryState["driver"];
  needsAttention: boolean;
}

export function deliveryMetafieldValue(state: DeliveryState): DeliveryMetafieldValue {
  return {
    waybill: state.waybill,
    wakilniOrderId: state.wakilniOrderId,
    status: state.status,
    statusLabel: state.status && STATUS_LABELS[state.status],
    happenedAt: state.lastAppliedAt?.toISOString() ?? null,
    trackingUrl: state.trackingUrl,
    driver: state.driver,
    needsAttention: state.needsAttention,
  };
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

function skipNote(outcome: Exclude<EventOutcome, "applied">, state: DeliveryState, event: WakilniEvent): string {
  switch (outcome) {
    case "unsupported":
      return formatMessage("noteUnsupported", { topicName: event.topicName });
    case "stale":
      return formatMessage("noteStale", { lastAppliedAt: state.lastAppliedAt?.toISOString() ?? "" });
    case "after_terminal":
      return formatMessage("noteAfterTerminal", { status: state.status ? STATUS_LABELS[state.status] : "" });
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
    return { planned: { eventId: event.eventId, outcome, note: skipNote(outcome, state, event), changes: [] }, next: state };
  }
  const { topic } = admission.event;
  const step = transition(state, admission.event, settings);
  const { next } = step;
  const changes: ShopifyChange[] = [];
  if (step.createFulfillment) {
    changes.push({
      kind: "createFulfillment",
      notifyCustomer: settings.notifyCustomer,
      trackingCompany: "Wakilni",
      trackingNumber: state.waybill,
      trackingUrl: next.trackingUrl,
    });
  }
  if (step.fulfillmentEvent) {
    changes.push({
      kind: "fulfillmentEvent",
      eventId: event.eventId,
      status: step.fulfillmentEvent.status,
      happenedAt: event.occurredAt,
      message: DETAILED_EVENT_MESSAGES[topic]?.(event) ?? step.fulfillmentEvent.message,
    });
  }
  if (step.cancelFulfillment) changes.push({ kind: "cancelFulfillment" });
  const current = statusTag(topic, settings.tagPrefix);
  const attention = needsAttentionTag(settings.tagPrefix);
  changes.push({
    kind: "tags",
    add: next.needsAttention ? [current, attention] : [current],
    remove: [...allStatusTags(settings.tagPrefix).filter((tag) => tag !== current), ...(next.needsAttention ? [] : [attention])],
  });
  changes.push({ ...DELIVERY_METAFIELD, value: JSON.stringify(deliveryMetafieldValue(next)), kind: "metafield" });
  return {
    planned: {
      eventId: event.eventId,
      outcome: "applied",
      note: formatMessage("noteApplied", { status: STATUS_LABELS[topic] }),
      changes,
    },
    next,
  };
}

/** Re-inserts the key, so the map iterates in order of last write and the net tags change lists tags as the last event did. */
function setLast<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/**
 * Folds consecutive changes into the fewest with the same end result: fulfillment changes keep
 * their order (each event must reach the fulfillment that exists at that point), a tag ends up
 * as its last add or remove left it, and a metafield as its last value.
 */
export function foldChanges(changes: readonly ShopifyChange[]): ShopifyChange[] {
  const fulfillment: ShopifyChange[] = [];
  const tagPresent = new Map<string, boolean>();
  const metafields = new Map<string, ShopifyChange & { kind: "metafield" }>();
  for (const change of changes) {
    if (change.kind === "tags") {
      for (const tag of change.remove) setLast(tagPresent, tag, false);
      for (const tag of change.add) setLast(tagPresent, tag, true);
    } else if (change.kind === "metafield") {
      setLast(metafields, `${change.namespace}\u0000${change.key}`, change);
    } else {
      fulfillment.push(change);
    }
  }
  const tags = [...tagPresent];
  const folded: ShopifyChange[] = [...fulfillment];
  if (tags.length > 0) {
    folded.push({
      kind: "tags",
      add: tags.filter(([, present]) => present).map(([tag]) => tag),
      remove: tags.filter(([, present]) => !present).map(([tag]) => tag),
    });
  }
  return [...folded, ...metafields.values()];
}

/**
 * A backlog of consecutive events of one delivery, in Wakilni time order, folded into the
 * fewest Shopify changes: at most one createFulfillment (first, before any event needing it),
 * every fulfillmentEvent in order, a cancel after the events, one net tags change, the final
 * metafield. Events sharing a Wakilni time keep their input (arrival) order.
 */
export function planBatch(
  state: DeliveryState,
  events: readonly WakilniEvent[],
  settings: DeliverySettings,
): { planned: PlannedEvent[]; changes: ShopifyChange[]; next: DeliveryState } {
  // Array.prototype.sort is stable, which gives the input-order tie-break.
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const planned: PlannedEvent[] = [];
  let next = state;
  for (const event of ordered) {
    const step = planEvent(next, event, settings);
    planned.push(step.planned);
    next = step.next;
  }
  return { planned, changes: foldChanges(planned.flatMap((event) => event.changes)), next };
}
