// Packs a ShopifyPlan into the fewest ApplyRequests (the batched ApplyDeliveryChanges document):
// first the requests that create the app's fulfillments, then, once their ids are known, each
// event on each fulfillment `eventsPerRequest` at a time and each cancel, with the order's tags
// and metafield riding on the last request. Pure, so every packing can be tested without Shopify;
// the engine sends what this returns.
import type { ShopifyPlan } from "../delivery/plan";
import type { ApplyRequest, FulfillmentEventInput, FulfillmentSnapshot } from "./ports";

/** A request that changes only `parts` of the order. */
export function applyRequest(orderId: string, parts: Partial<Omit<ApplyRequest, "orderId">>): ApplyRequest {
  return { orderId, create: null, events: [], tags: null, metafield: null, cancelFulfillmentId: null, ...parts };
}

/**
 * The requests that create the app's fulfillments, one per merchant location (Shopify fulfils a
 * location at a time), and what is left of the plan for afterwards. The first request also
 * carries the tags and the metafield, so a plan that only creates costs no request of its own.
 */
export function creationRequests(
  orderId: string,
  plan: ShopifyPlan,
  fulfillmentOrderIdsByLocation: readonly string[][],
): { requests: ApplyRequest[]; remaining: ShopifyPlan } {
  const create = plan.createFulfillment;
  if (!create || fulfillmentOrderIdsByLocation.length === 0) return { requests: [], remaining: { ...plan, createFulfillment: null } };
  const requests = fulfillmentOrderIdsByLocation.map((fulfillmentOrderIds, index) =>
    applyRequest(orderId, {
      create: { ...create, fulfillmentOrderIds },
      ...(index === 0 ? { tags: plan.tags, metafield: plan.metafield } : {}),
    }),
  );
  return { requests, remaining: { ...plan, createFulfillment: null, tags: null, metafield: null } };
}

export interface FollowUpPacking {
  orderId: string;
  /** The plan; its creation is creationRequests' business and is not looked at here. */
  plan: ShopifyPlan;
  /** The app's fulfillments, once they exist (known, adopted or just created). */
  fulfillmentIds: readonly string[];
  /** What Shopify already holds of some of them, when an earlier attempt may have reached it unanswered. */
  present: ReadonlyMap<string, FulfillmentSnapshot>;
  eventsPerRequest: number;
}

function alreadyReported(present: FulfillmentSnapshot | undefined, event: FulfillmentEventInput): boolean {
  return Boolean(
    present?.events.some((existing) => existing.status === event.status && Date.parse(existing.happenedAt) === event.happenedAt.getTime()),
  );
}

/**
 * Everything after the creation, in order: every event on every fulfillment (fulfillment by
 * fulfillment, each in the plan's order) `eventsPerRequest` at a time, then one request per
 * fulfillment to cancel, the tags and metafield on the last request (alone when nothing else
 * is sent). What Shopify already holds is skipped: an event it has, a cancel already done.
 */
export function followUpRequests({ orderId, plan, fulfillmentIds, present, eventsPerRequest }: FollowUpPacking): ApplyRequest[] {
  if (!Number.isInteger(eventsPerRequest) || eventsPerRequest < 1)
    throw new RangeError(`eventsPerRequest must be a whole number of at least 1, not ${eventsPerRequest}`);
  const events = fulfillmentIds.flatMap((fulfillmentId) =>
    plan.events
      .map((event): FulfillmentEventInput => ({ ...event, fulfillmentId }))
      .filter((event) => !alreadyReported(present.get(fulfillmentId), event)),
  );
  const cancels = plan.cancelFulfillment ? fulfillmentIds.filter((id) => present.get(id)?.status !== "CANCELLED") : [];

  const requests: ApplyRequest[] = [];
  for (let index = 0; index < events.length; index += eventsPerRequest)
    requests.push(applyRequest(orderId, { events: events.slice(index, index + eventsPerRequest) }));
  for (const cancelFulfillmentId of cancels) requests.push(applyRequest(orderId, { cancelFulfillmentId }));
  if (plan.tags || plan.metafield) {
    const last = requests.pop() ?? applyRequest(orderId, {});
    requests.push({ ...last, tags: plan.tags, metafield: plan.metafield });
  }
  return requests;
}
