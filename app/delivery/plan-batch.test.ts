import { describe, expect, it } from "vitest";
import type { WakilniEvent } from "../wakilni/event";
import { ALL_TOPICS, type WakilniTopic } from "../wakilni/topics";
import { allStatusTags, needsAttentionTag } from "./labels";
import { foldChanges, planBatch, planEvent, type PlannedEvent, type ShopifyChange } from "./plan";
import { DEFAULT_DELIVERY_SETTINGS, FULFILLMENT_STAGES, type DeliverySettings } from "./settings";
import { initialDeliveryState, type DeliveryState } from "./state";
import { applyChanges, at, prng, shopifyModel, snapshot, wakilniEvent } from "../../tests/helpers/plan-model";

const minute = (n: number) => new Date(Date.UTC(2024, 10, 14, 12, n));

function kinds(changes: ShopifyChange[]): string[] {
  return changes.map((change) => (change.kind === "fulfillmentEvent" ? `event:${change.status}` : change.kind));
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
    const { planned, changes, next } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.outcome)).toEqual(Array(7).fill("applied"));
    expect(kinds(changes)).toEqual([
      "createFulfillment",
      "event:CONFIRMED",
      "event:OUT_FOR_DELIVERY",
      "event:ATTEMPTED_DELIVERY",
      "event:OUT_FOR_DELIVERY",
      "event:DELIVERED",
      "tags",
      "metafield",
    ]);
    const tags = changes.find((change) => change.kind === "tags");
    expect(tags).toEqual({
      kind: "tags",
      add: ["Wakilni: Delivered"],
      remove: expect.arrayContaining([
        ...allStatusTags("Wakilni: ").filter((tag) => tag !== "Wakilni: Delivered"),
        "Wakilni: Needs attention",
      ]),
    });
    expect(tags?.kind === "tags" && tags.remove).toHaveLength(13);
    const metafield = changes.at(-1);
    expect(metafield?.kind === "metafield" && JSON.parse(metafield.value)).toMatchObject({
      status: "completed",
      happenedAt: minute(7).toISOString(),
      driver: { name: "Ali", phone: null },
      needsAttention: false,
    });
    expect(next).toMatchObject({ status: "completed", lastAppliedAt: minute(7), hasFulfillment: true, needsAttention: false });
  });

  it("sorts by Wakilni time, whatever the arrival order", () => {
    const events = [wakilniEvent("completed", minute(4)), wakilniEvent("processed", minute(3)), wakilniEvent("assigned", minute(2))];
    const { planned, changes } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.eventId)).toEqual([events[2].eventId, events[1].eventId, events[0].eventId]);
    expect(planned.every((event) => event.outcome === "applied")).toBe(true);
    expect(kinds(changes)).toEqual([
      "createFulfillment",
      "event:CONFIRMED",
      "event:OUT_FOR_DELIVERY",
      "event:DELIVERED",
      "tags",
      "metafield",
    ]);
  });

  it("keeps the input order between events of the same Wakilni time", () => {
    const events = [
      wakilniEvent("failed", minute(2), { eventId: "a" }),
      wakilniEvent("processed", minute(1), { eventId: "b" }),
      wakilniEvent("processed", minute(2), { eventId: "c" }),
      wakilniEvent("postponed", minute(2), { eventId: "d" }),
    ];
    const { planned, next } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.eventId)).toEqual(["b", "a", "c", "d"]);
    expect(next.status).toBe("postponed");
  });

  it("puts the cancel after the events and records what follows it as after-terminal", () => {
    const events = [
      wakilniEvent("assigned", minute(1)),
      wakilniEvent("processed", minute(2)),
      wakilniEvent("canceled", minute(3)),
      wakilniEvent("completed", minute(4)),
    ];
    const { planned, changes, next } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.outcome)).toEqual(["applied", "applied", "applied", "after_terminal"]);
    expect(kinds(changes)).toEqual([
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
    const events = [wakilniEvent("canceled", minute(3)), wakilniEvent("completed", minute(2)), wakilniEvent("assigned", minute(1))];
    const { planned, changes } = planBatch(initialDeliveryState("1001"), events, settings);
    expect(planned.map((event) => event.outcome)).toEqual(["applied", "applied", "after_terminal"]);
    expect(kinds(changes)).not.toContain("cancelFulfillment");
  });

  it("changes nothing for an empty backlog or one that is all skipped", () => {
    const state = {
      ...initialDeliveryState("1001"),
      status: "processed" as const,
      lastAppliedAt: minute(5),
      hasFulfillment: true,
    };
    expect(planBatch(state, [], settings)).toEqual({ planned: [], changes: [], next: state });
    const skipped = planBatch(state, [wakilniEvent("assigned", minute(1)), wakilniEvent(null, minute(9))], settings);
    expect(skipped.planned.map((event) => event.outcome)).toEqual(["stale", "unsupported"]);
    expect(skipped.changes).toEqual([]);
    expect(skipped.next).toBe(state);
  });

  it("does not reorder the caller's array", () => {
    const events = [wakilniEvent("completed", minute(4)), wakilniEvent("assigned", minute(2))];
    const copy = [...events];
    planBatch(initialDeliveryState("1001"), events, settings);
    expect(events).toEqual(copy);
  });
});

describe("foldChanges", () => {
  const metafield = (key: string, value: string): ShopifyChange => ({
    kind: "metafield",
    namespace: "$app:wakilni",
    key,
    type: "json",
    value,
  });

  it("keeps each tag's last operation", () => {
    expect(
      foldChanges([
        { kind: "tags", add: ["a", "b"], remove: ["c"] },
        { kind: "tags", add: ["c"], remove: ["a", "d"] },
      ]),
    ).toEqual([{ kind: "tags", add: ["b", "c"], remove: ["a", "d"] }]);
  });

  it("keeps the last value of each metafield, after everything else", () => {
    expect(foldChanges([metafield("x", "1"), metafield("y", "2"), { kind: "cancelFulfillment" }, metafield("x", "3")])).toEqual([
      { kind: "cancelFulfillment" },
      metafield("y", "2"),
      metafield("x", "3"),
    ]);
  });

  it("returns nothing for nothing", () => {
    expect(foldChanges([])).toEqual([]);
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
      trackingUrlTemplate: rand.pick(["", "https://t.example.com/{waybill}?o={order_id}"]),
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

  function randomEvents(rand: ReturnType<typeof prng>): WakilniEvent[] {
    return Array.from({ length: 1 + rand.int(10) }, (_, index) =>
      wakilniEvent(rand.pick(topics), minute(rand.int(12)), {
        eventId: `e${index}`,
        driver: rand.next() < 0.3 ? { name: rand.pick(["Ali", null]), phone: rand.pick(["+961 3 123456", null]) } : null,
        pickupLocation: rand.next() < 0.3 ? { officeName: "Hamra", phone: null } : null,
      }),
    );
  }

  /** Shopify as the app left it: the fulfillment if the state says so, some of the app's tags and the merchant's own. */
  function startingShopify(rand: ReturnType<typeof prng>, state: DeliveryState, settings: DeliverySettings) {
    const candidates = [...allStatusTags(settings.tagPrefix), needsAttentionTag(settings.tagPrefix), "VIP", "Other: Delivered"];
    const model = shopifyModel(candidates.filter(() => rand.next() < 0.2));
    if (state.hasFulfillment)
      applyChanges(model, [
        {
          kind: "createFulfillment",
          notifyCustomer: false,
          trackingCompany: "Wakilni",
          trackingNumber: "1001",
          trackingUrl: null,
        },
      ]);
    return model;
  }

  /** The reference: sort by (time, input index) explicitly, then plan one event at a time. */
  function oneByOne(state: DeliveryState, events: WakilniEvent[], settings: DeliverySettings) {
    const ordered = events
      .map((event, index) => ({ event, index }))
      .sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime() || a.index - b.index);
    const planned: PlannedEvent[] = [];
    let next = state;
    for (const { event } of ordered) {
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
      for (const event of reference.planned) applyChanges(stepByStep, event.changes);
      const folded = applyChanges(startingShopify(prng(tagSeed), state, settings), batch.changes);
      expect(snapshot(folded), context).toEqual(snapshot(stepByStep));
      expect(stepByStep.errors, context).toEqual([]);

      // The shape promised for the folded changes.
      const k = batch.changes.map((change) => change.kind);
      expect(k.filter((kind) => kind === "createFulfillment").length, context).toBeLessThanOrEqual(1);
      if (k.includes("createFulfillment")) expect(k[0], context).toBe("createFulfillment");
      expect(k.filter((kind) => kind === "cancelFulfillment").length, context).toBeLessThanOrEqual(1);
      if (k.includes("cancelFulfillment")) expect(k.lastIndexOf("fulfillmentEvent"), context).toBeLessThan(k.indexOf("cancelFulfillment"));
      expect(k.filter((kind) => kind === "tags").length, context).toBeLessThanOrEqual(1);
      expect(k.filter((kind) => kind === "metafield").length, context).toBeLessThanOrEqual(1);
      if (k.includes("metafield")) expect(k.at(-1), context).toBe("metafield");
      const times = batch.changes.flatMap((change) => (change.kind === "fulfillmentEvent" ? [change.happenedAt.getTime()] : []));
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
        expect(batch.changes, context).toEqual([]);
      }

      for (const event of batch.planned) count(event.outcome);
      for (const kind of k) count(kind);
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
