// For the tests of the pure planning code (app/delivery/): Wakilni events in a line, the seeded
// generator for the property tests, and a tiny model of the Shopify side that carries out a
// ShopifyPlan and refuses what real Shopify would refuse (an event without a fulfillment, a
// second fulfillment, …).
import type { WakilniEvent } from "../../app/wakilni/event";
import { WAKILNI_TOPICS, type WakilniTopic } from "../../app/wakilni/topics";
import type { ShopifyPlan } from "../../app/delivery/plan";
import { pickRandom, seededRandom } from "../../sandbox/seeded-random";

export function at(iso: string): Date {
  return new Date(iso);
}

export function wakilniEvent(topic: WakilniTopic | null, occurredAt: Date | string, overrides: Partial<WakilniEvent> = {}): WakilniEvent {
  const when = typeof occurredAt === "string" ? new Date(occurredAt) : occurredAt;
  return {
    eventId: `evt-${topic ?? "unknown"}-${when.toISOString()}`,
    topic,
    topicName: topic ? WAKILNI_TOPICS[topic] : "Order Returned To Sender",
    wakilniOrderId: "123",
    waybill: "1001",
    occurredAtText: when.toISOString().slice(0, 19).replace("T", " "),
    occurredAt: when,
    timestampText: when.toISOString().slice(0, 19).replace("T", " "),
    newStatus: null,
    previousStatus: null,
    driver: null,
    pickupLocation: null,
    ...overrides,
  };
}

/** The seeded generator with the draws the property tests make. */
export function prng(seed: number): { next(): number; int(max: number): number; pick<T>(items: readonly T[]): T } {
  const next = seededRandom(seed);
  return { next, int: (max) => Math.floor(next() * max), pick: (items) => pickRandom(next, items) };
}

export interface ModelFulfillment {
  cancelled: boolean;
  notifyCustomer: boolean;
  trackingNumber: string;
  trackingUrl: string | null;
  events: { status: string; happenedAt: string; message: string | null }[];
}

export interface ShopifyModel {
  tags: Set<string>;
  fulfillments: ModelFulfillment[];
  metafields: Map<string, string>;
  /** What real Shopify would have refused (userErrors), in order. */
  errors: string[];
}

export function shopifyModel(tags: readonly string[] = []): ShopifyModel {
  return { tags: new Set(tags), fulfillments: [], metafields: new Map(), errors: [] };
}

function activeFulfillment(model: ShopifyModel): ModelFulfillment | undefined {
  return model.fulfillments.find((fulfillment) => !fulfillment.cancelled);
}

/** Carries out the plan in the order Shopify is asked to: creation, events, cancel, tags, metafield. */
export function applyPlan(model: ShopifyModel, plan: ShopifyPlan): ShopifyModel {
  const create = plan.createFulfillment;
  if (create) {
    if (activeFulfillment(model)) model.errors.push("second fulfillment");
    model.fulfillments.push({
      cancelled: false,
      notifyCustomer: create.notifyCustomer,
      trackingNumber: create.trackingNumber,
      trackingUrl: create.trackingUrl,
      events: [],
    });
  }
  for (const event of plan.events) {
    const active = activeFulfillment(model);
    if (!active) model.errors.push(`event ${event.status} without a fulfillment`);
    else active.events.push({ status: event.status, happenedAt: event.happenedAt.toISOString(), message: event.message });
  }
  if (plan.cancelFulfillment) {
    const active = activeFulfillment(model);
    if (!active) model.errors.push("cancel without a fulfillment");
    else if (active.events.some((event) => event.status === "DELIVERED")) model.errors.push("cancelled a delivered fulfillment");
    else active.cancelled = true;
  }
  if (plan.tags) {
    const { add, remove } = plan.tags;
    if (add.some((tag) => remove.includes(tag))) model.errors.push("tag both added and removed");
    for (const tag of remove) model.tags.delete(tag);
    for (const tag of add) model.tags.add(tag);
  }
  if (plan.metafield) model.metafields.set(`${plan.metafield.namespace}.${plan.metafield.key}`, plan.metafield.value);
  return model;
}

/** A comparable picture of the model. */
export function snapshot(model: ShopifyModel) {
  return {
    tags: [...model.tags].sort(),
    fulfillments: model.fulfillments,
    metafields: Object.fromEntries(model.metafields),
    errors: model.errors,
  };
}
