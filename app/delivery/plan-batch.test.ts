import { describe, expect, it } from "vitest";
import type { WakilniEvent } from "../wakilni/event";
import { ALL_TOPICS, type WakilniTopic } from "../wakilni/topics";
import { allStatusTags, needsAttentionTag } from "./labels";
import { foldShopifyPlans, NOTHING_TO_SEND, planBatch, planEvent, type PlannedEvent, type ShopifyPlan } from "./plan";
import { DEFAULT_DELIVERY_SETTINGS, FULFILLMENT_STAGES, type DeliverySettings } from "./settings";
import { initialDeliveryState, type DeliveryState } from "./state";
import { applyPlan, at, prng, shopifyModel, snapshot, wakilniEvent } from "../../tests/helpers/plan-model";

const minute = (n: number) => new Date(Date.UTC(2024, 10, 14, 12, n));

/** The plan as the list of steps Shopify is asked to take, in order. */
function steps(plan: ShopifyPlan): string[] {
  return [
    ...(plan.createFulfillment ? ["createFulfillment"] : []),
    ...plan.events.map((event) => `event:${event.status}`),
    ...(plan.cancelFulfillment ? ["cancelFulfillment"] : []),
    ...(plan.tags ? ["tags"] : []),
    ...(plan.metafield ? ["metafield"] : []),
  ];
}

describe("planBatch", () => {
  const settings = DEFAULT_DELIVERY_SETTINGS;

  it("folds a whole journey into one fulfillment, its events, one tags change and the final metafield", () => {
    const events = [
      wakilniEvent("created", minute(1)),
      wakilniEvent("confirmed", minute(2)),
      wakilniEvent("assigned", minute(3), { driver: { name: "Ali", phone: null } }),
      wakilniEvent("processed", minute(4)),
      wakilniEvent("failed", minute(5)),
      wakilniEvent("processed", minute(6), { eventId: "second-round" }),
      wakilniEvent("completed", minute(7)),
    ];
    const { planned, shopify, next } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.outcome)).toEqual(Array(7).fill("applied"));
    expect(steps(shopify)).toEqual([
      "createFulfillment",
      "event:CONFIRMED",
      "event:OUT_FOR_DELIVERY",
      "event:ATTEMPTED_DELIVERY",
      "event:OUT_FOR_DELIVERY",
      "event:DELIVERED",
      "tags",
      "metafield",
    ]);
    expect(shopify.tags).toEqual({
      add: ["Wakilni: Delivered"],
      remove: expect.arrayContaining([
        ...allStatusTags("Wakilni: ").filter((tag) => tag !== "Wakilni: Delivered"),
        "Wakilni: Needs attention",
      ]),
    });
    expect(shopify.tags?.remove).toHaveLength(13);
    expect(JSON.parse(shopify.metafield!.value)).toMatchObject({
      status: "completed",
      happenedAt: minute(7).toISOString(),
      driver: { firstName: "Ali", phone: null },
      needsAttention: false,
    });
    expect(next).toMatchObject({ status: "completed", lastAppliedAt: minute(7), hasFulfillment: true, needsAttention: false });
  });

  it("refuses a backlog out of Wakilni time order: the inbox alone decides the order", () => {
    const events = [wakilniEvent("assigned", minute(2)), wakilniEvent("completed", minute(4)), wakilniEvent("processed", minute(3))];
    expect(() => planBatch(initialDeliveryState("1001"), events, settings)).toThrow(RangeError);
    expect(() => planBatch(initialDeliveryState("1001"), events, settings)).toThrow(/Wakilni time order/);
  });

  it("applies events of one Wakilni time in the order given (the inbox gives arrival order)", () => {
    const b = wakilniEvent("processed", minute(1), { eventId: "b" });
    const a = wakilniEvent("failed", minute(2), { eventId: "a" });
    const c = wakilniEvent("processed", minute(2), { eventId: "c" });
    const d = wakilniEvent("postponed", minute(2), { eventId: "d" });
    const inOrder = planBatch(initialDeliveryState("1001"), [b, a, c, d], settings);
    expect(inOrder.planned.map((event) => event.eventId)).toEqual(["b", "a", "c", "d"]);
    expect(inOrder.next.status).toBe("postponed");
    const otherArrival = planBatch(initialDeliveryState("1001"), [b, d, c, a], settings);
    expect(otherArrival.planned.map((event) => event.eventId)).toEqual(["b", "d", "c", "a"]);
    expect(otherArrival.next.status).toBe("failed");
  });

  it("puts the cancel after the events and records what follows it as after-terminal", () => {
    const events = [
      wakilniEvent("assigned", minute(1)),
      wakilniEvent("processed", minute(2)),
      wakilniEvent("canceled", minute(3)),
      wakilniEvent("completed", minute(4)),
    ];
    const { planned, shopify, next } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.outcome)).toEqual(["applied", "applied", "applied", "after_terminal"]);
    expect(steps(shopify)).toEqual([
      "createFulfillment",
      "event:CONFIRMED",
      "event:OUT_FOR_DELIVERY",
      "cancelFulfillment",
      "tags",
      "metafield",
    ]);
    expect(next).toMatchObject({ status: "canceled", hasFulfillment: false });
  });

  it("never cancels a delivered parcel inside a batch", () => {
    const events = [wakilniEvent("assigned", minute(1)), wakilniEvent("completed", minute(2)), wakilniEvent("canceled", minute(3))];
    const { planned, shopify } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.outcome)).toEqual(["applied", "applied", "after_terminal"]);
    expect(shopify.cancelFulfillment).toBe(false);
  });

  it("sends nothing for an empty backlog or one that is all skipped", () => {
    const state = {
      ...initialDeliveryState("1001"),
      status: "processed" as const,
      lastAppliedAt: minute(5),
      hasFulfillment: true,
    };
    expect(planBatch(state, [], settings)).toEqual({ planned: [], shopify: NOTHING_TO_SEND, next: state });
    const skipped = planBatch(state, [wakilniEvent("assigned", minute(1)), wakilniEvent(null, minute(9))], settings);
    expect(skipped.planned.map((event) => event.outcome)).toEqual(["stale", "unsupported"]);
    expect(skipped.shopify).toEqual(NOTHING_TO_SEND);
    expect(skipped.next).toBe(state);
  });
});

describe("foldShopifyPlans", () => {
  const CREATE = { notifyCustomer: true, trackingCompany: "Wakilni", trackingNumber: "1001", trackingUrl: null } as const;
  const event = (n: number) => ({ status: "OUT_FOR_DELIVERY", happenedAt: minute(n), message: null }) as const;
  const metafield = (value: string) => ({ namespace: "$app:wakilni", key: "delivery", type: "json", value }) as const;
  const plan = (parts: Partial<ShopifyPlan>): ShopifyPlan => ({ ...NOTHING_TO_SEND, ...parts });

  it("keeps each tag's last operation", () => {
    const folded = foldShopifyPlans([
      plan({ tags: { add: ["a", "b"], remove: ["c"] } }),
      plan({ tags: { add: ["c"], remove: ["a", "d"] } }),
    ]);
    expect(folded.tags).toEqual({ add: ["b", "c"], remove: ["a", "d"] });
  });

  it("keeps the last metafield value, even when later plans send none", () => {
    expect(foldShopifyPlans([plan({ metafield: metafield("1") }), plan({ metafield: metafield("2") }), NOTHING_TO_SEND]).metafield).toEqual(
      metafield("2"),
    );
  });

  it("keeps the creation first, the events in order and the cancel last", () => {
    expect(
      foldShopifyPlans([
        plan({ createFulfillment: CREATE, events: [event(1)] }),
        plan({ events: [event(2)] }),
        plan({ events: [event(3)], cancelFulfillment: true }),
        NOTHING_TO_SEND,
      ]),
    ).toEqual(plan({ createFulfillment: CREATE, events: [event(1), event(2), event(3)], cancelFulfillment: true }));
  });

  it.each([
    ["a change of the fulfillment after its cancel", [plan({ cancelFulfillment: true }), plan({ events: [event(1)] })]],
    ["a second cancel", [plan({ cancelFulfillment: true }), plan({ cancelFulfillment: true })]],
    ["a creation after events", [plan({ events: [event(1)] }), plan({ createFulfillment: CREATE })]],
    ["a second creation", [plan({ createFulfillment: CREATE }), plan({ createFulfillment: CREATE })]],
  ])("refuses %s, which one plan cannot say", (_, plans) => {
    expect(() => foldShopifyPlans(plans)).toThrow(/cannot fold/);
  });

  it("returns nothing to send for nothing", () => {
    expect(foldShopifyPlans([])).toEqual(NOTHING_TO_SEND);
  });
});

describe("planBatch ≡ planEvent one by one (property test)", () => {
  const SEQUENCES = 4000;
  const topics: (WakilniTopic | null)[] = [...ALL_TOPICS, null];

  function randomSettings(rand: ReturnType<typeof prng>): DeliverySettings {
    return {
      tagPrefix: rand.pick(["Wakilni: ", "WK/"]),
      fulfillmentStage: rand.pick(FULFILLMENT_STAGES),
      notifyCustomer: rand.next() < 0.5,
      showDriverPhoneToBuyers: rand.next() < 0.5,
      trackingUrlTemplate: rand.pick(["", "https://t.example.com/{waybill}?o={order_id}"]),
      markCodPaid: rand.next() < 0.5,
    };
  }

  /** A state the app could be in before the backlog, possibly parked or already final. */
  function randomState(rand: ReturnType<typeof prng>): DeliveryState {
    if (rand.next() < 0.4) return { ...initialDeliveryState("1001"), needsAttention: rand.next() < 0.3 };
    return {
      ...initialDeliveryState("1001"),
      wakilniOrderId: "123",
      status: rand.pick(ALL_TOPICS),
      lastAppliedAt: minute(rand.int(6)),
      hasFulfillment: rand.next() < 0.5,
      needsAttention: rand.next() < 0.3,
    };
  }

  /** A backlog as the inbox hands it over: in Wakilni time order, arrival order within one time. */
  function randomEvents(rand: ReturnType<typeof prng>): WakilniEvent[] {
    const arrived = Array.from({ length: 1 + rand.int(10) }, (_, index) =>
      wakilniEvent(rand.pick(topics), minute(rand.int(12)), {
        eventId: `e${index}`,
        driver: rand.next() < 0.3 ? { name: rand.pick(["Ali", null]), phone: rand.pick(["+961 3 123456", null]) } : null,
        pickupLocation: rand.next() < 0.3 ? { officeName: "Hamra", phone: null } : null,
      }),
    );
    return arrived.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  }

  /** Shopify as the app left it: the fulfillment if the state says so, some of the app's tags and the merchant's own. */
  function startingShopify(rand: ReturnType<typeof prng>, state: DeliveryState, settings: DeliverySettings) {
    const candidates = [...allStatusTags(settings.tagPrefix), needsAttentionTag(settings.tagPrefix), "VIP", "Other: Delivered"];
    const model = shopifyModel(candidates.filter(() => rand.next() < 0.2));
    if (state.hasFulfillment)
      applyPlan(model, {
        ...NOTHING_TO_SEND,
        createFulfillment: { notifyCustomer: false, trackingCompany: "Wakilni", trackingNumber: "1001", trackingUrl: null },
      });
    return model;
  }

  /** The reference: plan one event at a time, each with its own plan. */
  function oneByOne(state: DeliveryState, events: WakilniEvent[], settings: DeliverySettings) {
    const planned: PlannedEvent[] = [];
    let next = state;
    for (const event of events) {
      const step = planEvent(next, event, settings);
      planned.push(step.planned);
      next = step.next;
    }
    return { planned, next };
  }

  it(`holds for ${SEQUENCES} random backlogs`, () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const rand = prng(seed);
      const settings = randomSettings(rand);
      const state = randomState(rand);
      const events = randomEvents(rand);
      const tagSeed = seed * 7919;
      const context = `seed ${seed}`;

      const batch = planBatch(state, events, settings);
      const reference = oneByOne(state, events, settings);
      expect(batch.planned, context).toEqual(reference.planned);
      expect(batch.next, context).toEqual(reference.next);

      const stepByStep = startingShopify(prng(tagSeed), state, settings);
      for (const event of reference.planned) applyPlan(stepByStep, event.shopify);
      const folded = applyPlan(startingShopify(prng(tagSeed), state, settings), batch.shopify);
      expect(snapshot(folded), context).toEqual(snapshot(stepByStep));
      expect(stepByStep.errors, context).toEqual([]);

      // The plan's shape keeps creation, events and cancel in order; what is left to check is time.
      if (batch.shopify.createFulfillment) expect(state.hasFulfillment, context).toBe(false);
      const times = batch.shopify.events.map((event) => event.happenedAt.getTime());
      expect(times, context).toEqual([...times].sort((a, b) => a - b));

      // What the merchant sees afterwards agrees with the state.
      const applied = batch.planned.filter((event) => event.outcome === "applied");
      if (applied.length > 0) {
        const statusTags = allStatusTags(settings.tagPrefix).filter((tag) => folded.tags.has(tag));
        expect(statusTags, context).toHaveLength(1);
        expect(folded.tags.has(needsAttentionTag(settings.tagPrefix)), context).toBe(batch.next.needsAttention);
        expect(
          folded.fulfillments.some((fulfillment) => !fulfillment.cancelled),
          context,
        ).toBe(batch.next.hasFulfillment);
        expect(JSON.parse(folded.metafields.get("$app:wakilni.delivery") ?? "null")?.status, context).toBe(batch.next.status);
      } else {
        expect(batch.shopify, context).toEqual(NOTHING_TO_SEND);
      }

      for (const event of batch.planned) count(event.outcome);
      if (batch.shopify.createFulfillment) count("createFulfillment");
      for (const _ of batch.shopify.events) count("fulfillmentEvent");
      if (batch.shopify.cancelFulfillment) count("cancelFulfillment");
    }
    // The generator really reaches every branch the property is about.
    for (const what of [
      "applied",
      "stale",
      "after_terminal",
      "unsupported",
      "createFulfillment",
      "fulfillmentEvent",
      "cancelFulfillment",
    ]) {
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(50);
    }
  });

  it("is reproducible: the same seed gives the same backlog", () => {
    const a = prng(42);
    const b = prng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(at("2024-11-14T12:00:00Z")).toEqual(minute(0));
  });
});
