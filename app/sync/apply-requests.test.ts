import { describe, expect, it } from "vitest";
import { NOTHING_TO_SEND, type PlannedFulfillmentEvent, type ShopifyPlan } from "../delivery/plan";
import { WAKILNI_STATUSES } from "../wakilni/statuses";
import { applyRequest, creationRequests, followUpRequests } from "./apply-requests";
import type { ApplyRequest, FulfillmentSnapshot } from "./ports";

const ORDER = "gid://shopify/Order/1";
const CREATE = { notifyCustomer: true, trackingCompany: "Wakilni", trackingNumber: "1001", trackingUrl: null } as const;
const TAGS = { add: ["Wakilni: Delivered"], remove: ["Wakilni: Assigned"] };
const METAFIELD = { namespace: "$app:wakilni", key: "delivery", type: "json", value: '{"status":"completed"}' } as const;
const STATUSES = [
  ...new Set(Object.values(WAKILNI_STATUSES).flatMap((status) => (status.fulfillmentEvent ? [status.fulfillmentEvent.status] : []))),
];

const event = (n: number): PlannedFulfillmentEvent => ({
  status: STATUSES[n % STATUSES.length],
  happenedAt: new Date(Date.UTC(2026, 10, 28, 9, n)),
  message: n % 2 ? `step ${n}` : null,
});
const fulfillment = (n: number) => `gid://shopify/Fulfillment/${n}`;
const plan = (parts: Partial<ShopifyPlan>): ShopifyPlan => ({ ...NOTHING_TO_SEND, ...parts });
const blank = (parts: Partial<ApplyRequest>): ApplyRequest => applyRequest(ORDER, parts);
/** What Shopify answers for a fulfillment: times as ISO text, in its own format. */
const snapshot = (status: string, events: PlannedFulfillmentEvent[] = []): FulfillmentSnapshot => ({
  status,
  events: events.map((existing) => ({ status: existing.status, happenedAt: existing.happenedAt.toISOString().replace(".000Z", "Z") })),
});

function followUps(
  parts: Partial<ShopifyPlan>,
  fulfillmentIds: string[],
  present = new Map<string, FulfillmentSnapshot>(),
  eventsPerRequest = 4,
) {
  return followUpRequests({ orderId: ORDER, plan: plan(parts), fulfillmentIds, present, eventsPerRequest });
}

describe("creationRequests", () => {
  it("creates one fulfillment per location, the first carrying the tags and the metafield", () => {
    const whole = plan({ createFulfillment: CREATE, events: [event(1)], cancelFulfillment: false, tags: TAGS, metafield: METAFIELD });
    const { requests, remaining } = creationRequests(ORDER, whole, [["fo-1", "fo-2"], ["fo-3"]]);
    expect(requests).toEqual([
      blank({ create: { ...CREATE, fulfillmentOrderIds: ["fo-1", "fo-2"] }, tags: TAGS, metafield: METAFIELD }),
      blank({ create: { ...CREATE, fulfillmentOrderIds: ["fo-3"] } }),
    ]);
    expect(remaining).toEqual(plan({ events: [event(1)] }));
  });

  it("leaves the plan as it is when it creates nothing", () => {
    const whole = plan({ events: [event(1)], tags: TAGS, metafield: METAFIELD });
    expect(creationRequests(ORDER, whole, [["fo-1"]])).toEqual({ requests: [], remaining: whole });
  });

  it("keeps the tags and metafield for later when there is no location to fulfil", () => {
    const whole = plan({ createFulfillment: CREATE, tags: TAGS, metafield: METAFIELD });
    expect(creationRequests(ORDER, whole, [])).toEqual({ requests: [], remaining: plan({ tags: TAGS, metafield: METAFIELD }) });
  });
});

describe("followUpRequests", () => {
  it("sends a backlog's events, tags and metafield in one request when they fit", () => {
    const events = [event(1), event(2), event(3)];
    expect(followUps({ events, tags: TAGS, metafield: METAFIELD }, [fulfillment(1)])).toEqual([
      blank({ events: events.map((planned) => ({ ...planned, fulfillmentId: fulfillment(1) })), tags: TAGS, metafield: METAFIELD }),
    ]);
  });

  it("splits events by the slots of a request, fulfillment by fulfillment, the tags on the last", () => {
    const requests = followUps({ events: [event(1), event(2), event(3)], tags: TAGS }, [fulfillment(1), fulfillment(2)]);
    expect(
      requests.map((request) => request.events.map((sent) => `${sent.fulfillmentId.slice(-1)}:${sent.happenedAt.getUTCMinutes()}`)),
    ).toEqual([
      ["1:1", "1:2", "1:3", "2:1"],
      ["2:2", "2:3"],
    ]);
    expect(requests.map((request) => request.tags)).toEqual([null, TAGS]);
  });

  it("cancels each fulfillment after the events, one request each, the tags riding on the last cancel", () => {
    const requests = followUps({ events: [event(1)], cancelFulfillment: true, tags: TAGS, metafield: METAFIELD }, [
      fulfillment(1),
      fulfillment(2),
    ]);
    expect(requests).toEqual([
      blank({
        events: [
          { ...event(1), fulfillmentId: fulfillment(1) },
          { ...event(1), fulfillmentId: fulfillment(2) },
        ],
      }),
      blank({ cancelFulfillmentId: fulfillment(1) }),
      blank({ cancelFulfillmentId: fulfillment(2), tags: TAGS, metafield: METAFIELD }),
    ]);
  });

  it("sends the tags and metafield alone when nothing else is sent", () => {
    expect(followUps({ tags: TAGS, metafield: METAFIELD }, [])).toEqual([blank({ tags: TAGS, metafield: METAFIELD })]);
    expect(followUps({ metafield: METAFIELD }, [fulfillment(1)])).toEqual([blank({ metafield: METAFIELD })]);
  });

  it("sends nothing for nothing", () => {
    expect(followUps({}, [fulfillment(1)])).toEqual([]);
  });

  it("skips what Shopify already holds: an event at the same status and instant, a cancel already done", () => {
    const present = new Map([
      [fulfillment(1), snapshot("SUCCESS", [event(1), { ...event(2), happenedAt: new Date(event(2).happenedAt.getTime() + 1000) }])],
      [fulfillment(2), snapshot("CANCELLED", [event(1), event(2)])],
    ]);
    const requests = followUps({ events: [event(1), event(2)], cancelFulfillment: true }, [fulfillment(1), fulfillment(2)], present);
    expect(requests).toEqual([
      blank({ events: [{ ...event(2), fulfillmentId: fulfillment(1) }] }),
      blank({ cancelFulfillmentId: fulfillment(1) }),
    ]);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %s events per request", (eventsPerRequest) => {
    expect(() => followUps({ events: [event(1)] }, [fulfillment(1)], new Map(), eventsPerRequest)).toThrow(RangeError);
  });
});

/** A tiny Shopify that carries requests out in the document's order and notes what it would refuse or what is repeated. */
function shopifyAfter(requests: ApplyRequest[], start: ReadonlyMap<string, FulfillmentSnapshot>, fulfillmentIds: string[]) {
  const fulfillments = new Map(
    fulfillmentIds.map((id) => [id, { events: [...(start.get(id)?.events ?? [])], cancelled: start.get(id)?.status === "CANCELLED" }]),
  );
  const sent = { tags: [] as unknown[], metafields: [] as unknown[], created: [] as string[][] };
  const problems: string[] = [];
  for (const request of requests) {
    if (request.orderId !== ORDER) problems.push("another order");
    if (request.create) sent.created.push(request.create.fulfillmentOrderIds);
    for (const { fulfillmentId, status, happenedAt } of request.events) {
      const target = fulfillments.get(fulfillmentId);
      if (!target) problems.push(`event on unknown ${fulfillmentId}`);
      else if (target.events.some((existing) => existing.status === status && Date.parse(existing.happenedAt) === happenedAt.getTime()))
        problems.push(`${status} reported twice on ${fulfillmentId}`);
      else target.events.push({ status, happenedAt: happenedAt.toISOString() });
    }
    if (request.tags) sent.tags.push(request.tags);
    if (request.metafield) sent.metafields.push(request.metafield);
    if (request.cancelFulfillmentId) {
      const target = fulfillments.get(request.cancelFulfillmentId);
      if (!target || target.cancelled) problems.push(`cancel of ${request.cancelFulfillmentId}`);
      else target.cancelled = true;
    }
  }
  return { fulfillments, sent, problems };
}

describe("packing, exhaustively", () => {
  const tagChoices = [null, TAGS];
  const metafieldChoices = [null, METAFIELD];

  /** What Shopify may already hold after an unanswered attempt: nothing, part of the events, a cancelled fulfillment. */
  function presentChoices(events: PlannedFulfillmentEvent[], fulfillmentIds: string[]): Map<string, FulfillmentSnapshot>[] {
    if (fulfillmentIds.length === 0) return [new Map()];
    return [
      new Map(),
      new Map([
        [
          fulfillmentIds[0],
          snapshot(
            "SUCCESS",
            events.filter((_, index) => index % 2 === 0),
          ),
        ],
      ]),
      new Map([[fulfillmentIds.at(-1)!, snapshot("CANCELLED", events)]]),
    ];
  }

  it("sends every change exactly once, in the fewest requests of the promised shape", () => {
    let cases = 0;
    for (let eventsPerRequest = 1; eventsPerRequest <= 5; eventsPerRequest += 1)
      for (let eventCount = 0; eventCount <= 9; eventCount += 1)
        for (let fulfillmentCount = 0; fulfillmentCount <= 3; fulfillmentCount += 1)
          for (const cancelFulfillment of [false, true])
            for (const tags of tagChoices)
              for (const metafield of metafieldChoices) {
                const events = Array.from({ length: eventCount }, (_, index) => event(index));
                const fulfillmentIds = Array.from({ length: fulfillmentCount }, (_, index) => fulfillment(index + 1));
                for (const present of presentChoices(events, fulfillmentIds)) {
                  cases += 1;
                  const context = JSON.stringify({
                    eventsPerRequest,
                    eventCount,
                    fulfillmentCount,
                    cancelFulfillment,
                    tags,
                    metafield,
                    present: [...present],
                  });
                  const whole = plan({ events, cancelFulfillment, tags, metafield });
                  const requests = followUpRequests({ orderId: ORDER, plan: whole, fulfillmentIds, present, eventsPerRequest });

                  // Shopify ends up holding the plan, and nothing was sent twice.
                  const after = shopifyAfter(requests, present, fulfillmentIds);
                  expect(after.problems, context).toEqual([]);
                  const held = [...after.fulfillments].map(([id, { events: heldEvents, cancelled }]) => ({
                    reported: events.map(
                      (planned) =>
                        heldEvents.filter(
                          (existing) =>
                            existing.status === planned.status && Date.parse(existing.happenedAt) === planned.happenedAt.getTime(),
                        ).length,
                    ),
                    cancelled,
                    shouldBeCancelled: cancelFulfillment || present.get(id)?.status === "CANCELLED",
                  }));
                  expect(held, context).toEqual(
                    held.map(({ shouldBeCancelled }) => ({
                      reported: events.map(() => 1),
                      cancelled: shouldBeCancelled,
                      shouldBeCancelled,
                    })),
                  );
                  expect(after.sent.tags, context).toEqual(tags ? [tags] : []);
                  expect(after.sent.metafields, context).toEqual(metafield ? [metafield] : []);
                  expect(after.sent.created, context).toEqual([]);

                  // The shape: events first (fulfillment by fulfillment, in plan order), then cancels, order changes on the last.
                  const sentEvents = requests.flatMap((request) =>
                    request.events.map((sent) => `${sent.fulfillmentId}@${sent.happenedAt.getTime()}`),
                  );
                  const heldBefore = (id: string, planned: PlannedFulfillmentEvent) =>
                    present.get(id)?.events.some((existing) => Date.parse(existing.happenedAt) === planned.happenedAt.getTime()) ?? false;
                  expect(sentEvents, context).toEqual(
                    fulfillmentIds.flatMap((id) =>
                      events.filter((planned) => !heldBefore(id, planned)).map((planned) => `${id}@${planned.happenedAt.getTime()}`),
                    ),
                  );
                  const firstCancel = requests.findIndex((request) => request.cancelFulfillmentId !== null);
                  const misshapen = requests.filter(
                    (request, index) =>
                      request.events.length > eventsPerRequest ||
                      (firstCancel !== -1 && index >= firstCancel && request.events.length > 0) ||
                      (index < requests.length - 1 && (request.tags !== null || request.metafield !== null)),
                  );
                  expect(misshapen, context).toEqual([]);

                  // The fewest: the events' share of requests, one per cancel, one for order changes only if nothing else goes.
                  const eventsToSend = sentEvents.length;
                  const cancels = requests.filter((request) => request.cancelFulfillmentId !== null).length;
                  const expectedCancels = cancelFulfillment
                    ? fulfillmentIds.filter((id) => present.get(id)?.status !== "CANCELLED").length
                    : 0;
                  expect(cancels, context).toBe(expectedCancels);
                  const onlyOrderChanges = eventsToSend === 0 && cancels === 0 && (tags !== null || metafield !== null) ? 1 : 0;
                  expect(requests.length, context).toBe(Math.ceil(eventsToSend / eventsPerRequest) + cancels + onlyOrderChanges);
                }
              }
    expect(cases).toBe(4000);
  });

  it("creation then follow-ups send the order's changes once, and a creation-only plan needs no extra request", () => {
    for (let locations = 1; locations <= 3; locations += 1)
      for (let eventCount = 0; eventCount <= 6; eventCount += 1)
        for (const cancelFulfillment of [false, true])
          for (const tags of tagChoices)
            for (const metafield of metafieldChoices) {
              const context = JSON.stringify({ locations, eventCount, cancelFulfillment, tags, metafield });
              const events = Array.from({ length: eventCount }, (_, index) => event(index));
              const whole = plan({ createFulfillment: CREATE, events, cancelFulfillment, tags, metafield });
              const byLocation = Array.from({ length: locations }, (_, index) => [`fo-${index}`]);
              const creation = creationRequests(ORDER, whole, byLocation);
              // Shopify answers each creation with a new fulfillment.
              const fulfillmentIds = creation.requests.map((_, index) => fulfillment(index + 1));
              const rest = followUpRequests({
                orderId: ORDER,
                plan: creation.remaining,
                fulfillmentIds,
                present: new Map(),
                eventsPerRequest: 4,
              });
              const requests = [...creation.requests, ...rest];

              const after = shopifyAfter(requests, new Map(), fulfillmentIds);
              expect(after.problems, context).toEqual([]);
              expect(after.sent.created, context).toEqual(byLocation);
              expect(after.sent.tags, context).toEqual(tags ? [tags] : []);
              expect(after.sent.metafields, context).toEqual(metafield ? [metafield] : []);
              for (const held of after.fulfillments.values()) {
                expect(held.events.length, context).toBe(eventCount);
                expect(held.cancelled, context).toBe(cancelFulfillment);
              }
              expect(requests.length, context).toBe(
                locations + Math.ceil((locations * eventCount) / 4) + (cancelFulfillment ? locations : 0),
              );
            }
  });
});
