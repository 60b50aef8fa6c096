import { describe, expect, it } from "vitest";
import type { WakilniEvent } from "../wakilni/event";
import { ALL_TOPICS, TERMINAL_TOPICS, type WakilniTopic } from "../wakilni/topics";
import { NOTHING_TO_SEND, planEvent, type ShopifyPlan } from "./plan";
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from "./settings";
import { initialDeliveryState, RECENT_STATUS_CHANGES, type DeliveryState, type FulfillmentEventStatus } from "./state";
import { deliveryMetafieldValue, readDeliveryMetafield } from "./delivery-metafield";
import { JSON_METAFIELD_MAX_BYTES } from "../../sandbox/shopify-admin-emulator/metafields";
import { at, wakilniEvent } from "../../tests/helpers/plan-model";

const T1 = at("2024-11-14T12:00:00Z");
const T2 = at("2024-11-14T13:00:00Z");
const T3 = at("2024-11-14T14:00:00Z");
const DRIVER = { name: "Ali", phone: "+961 3 123456" };
const OFFICE = { officeName: "Wakilni Hamra office", phone: "+961 1 111111" };

const STATUS_TAGS = [
  "Wakilni: Created",
  "Wakilni: Confirmed",
  "Wakilni: Assigned",
  "Wakilni: Out for delivery",
  "Wakilni: Postponed",
  "Wakilni: Failed attempt",
  "Wakilni: Delivered",
  "Wakilni: Rejected",
  "Wakilni: Failed",
  "Wakilni: Pending cancelation",
  "Wakilni: Canceled",
  "Wakilni: Declined",
  "Wakilni: Ready for pickup",
];
const ATTENTION_TAG = "Wakilni: Needs attention";

function stateAt(status: WakilniTopic | null, lastAppliedAt: Date | null, extra: Partial<DeliveryState> = {}): DeliveryState {
  return { ...initialDeliveryState("1001"), status, lastAppliedAt, ...extra };
}

function plan(state: DeliveryState, event: WakilniEvent, settings: Partial<DeliverySettings> = {}) {
  return planEvent(state, event, { ...DEFAULT_DELIVERY_SETTINGS, ...settings });
}

/** The part of a plan that touches the fulfillment, the part that differs per row. */
function fulfillmentPart({ createFulfillment, events, cancelFulfillment }: ShopifyPlan) {
  return { createFulfillment, events, cancelFulfillment };
}

/** The fulfillment part as a list of steps, for the tables below. */
function fulfillmentSteps(plan: ShopifyPlan): string[] {
  return [
    ...(plan.createFulfillment ? ["createFulfillment"] : []),
    ...plan.events.map((event) => `fulfillmentEvent:${event.status}`),
    ...(plan.cancelFulfillment ? ["cancelFulfillment"] : []),
  ];
}

const CREATE = {
  notifyCustomer: true,
  trackingCompany: "Wakilni",
  trackingNumber: "1001",
  trackingUrl: null,
} as const;

function fulfillmentEvent(status: FulfillmentEventStatus, message: string, occurredAt = T2) {
  return { status, happenedAt: occurredAt, message };
}

type FulfillmentPart = ReturnType<typeof fulfillmentPart>;
const UNTOUCHED: FulfillmentPart = { createFulfillment: null, events: [], cancelFulfillment: false };
const CANCELLED: FulfillmentPart = { ...UNTOUCHED, cancelFulfillment: true };
const created = (...events: ReturnType<typeof fulfillmentEvent>[]) => ({ ...UNTOUCHED, createFulfillment: CREATE, events });
const reported = (...events: ReturnType<typeof fulfillmentEvent>[]) => ({ ...UNTOUCHED, events });

// [topic, event details, fulfillment part without the fulfillment, with it, status tag, needs attention]
const RULES: [WakilniTopic, Partial<WakilniEvent>, FulfillmentPart, FulfillmentPart, string, boolean][] = [
  ["created", {}, UNTOUCHED, UNTOUCHED, "Wakilni: Created", false],
  ["confirmed", {}, UNTOUCHED, UNTOUCHED, "Wakilni: Confirmed", false],
  [
    "assigned",
    { driver: DRIVER },
    created(fulfillmentEvent("CONFIRMED", "Assigned to driver Ali (+961 3 123456)")),
    reported(fulfillmentEvent("CONFIRMED", "Assigned to driver Ali (+961 3 123456)")),
    "Wakilni: Assigned",
    false,
  ],
  [
    "processed",
    {},
    created(fulfillmentEvent("OUT_FOR_DELIVERY", "Out for delivery")),
    reported(fulfillmentEvent("OUT_FOR_DELIVERY", "Out for delivery")),
    "Wakilni: Out for delivery",
    false,
  ],
  [
    "postponed",
    {},
    created(fulfillmentEvent("DELAYED", "Delivery postponed")),
    reported(fulfillmentEvent("DELAYED", "Delivery postponed")),
    "Wakilni: Postponed",
    true,
  ],
  [
    "failed",
    {},
    created(fulfillmentEvent("ATTEMPTED_DELIVERY", "Delivery attempt failed")),
    reported(fulfillmentEvent("ATTEMPTED_DELIVERY", "Delivery attempt failed")),
    "Wakilni: Failed attempt",
    true,
  ],
  [
    "completed",
    {},
    created(fulfillmentEvent("DELIVERED", "Delivered")),
    reported(fulfillmentEvent("DELIVERED", "Delivered")),
    "Wakilni: Delivered",
    false,
  ],
  [
    "completed_rejected",
    {},
    created(fulfillmentEvent("FAILURE", "Rejected by recipient")),
    reported(fulfillmentEvent("FAILURE", "Rejected by recipient")),
    "Wakilni: Rejected",
    true,
  ],
  [
    "closed_failed",
    {},
    created(fulfillmentEvent("FAILURE", "Delivery failed and closed by Wakilni")),
    reported(fulfillmentEvent("FAILURE", "Delivery failed and closed by Wakilni")),
    "Wakilni: Failed",
    true,
  ],
  ["pending_cancelation", {}, UNTOUCHED, UNTOUCHED, "Wakilni: Pending cancelation", false],
  ["canceled", {}, UNTOUCHED, CANCELLED, "Wakilni: Canceled", false],
  ["declined", {}, UNTOUCHED, CANCELLED, "Wakilni: Declined", true],
  [
    "ready_for_pickup",
    { pickupLocation: OFFICE },
    created(fulfillmentEvent("READY_FOR_PICKUP", "Ready for pickup at Wakilni Hamra office (+961 1 111111)")),
    reported(fulfillmentEvent("READY_FOR_PICKUP", "Ready for pickup at Wakilni Hamra office (+961 1 111111)")),
    "Wakilni: Ready for pickup",
    false,
  ],
];

describe("planEvent: the rules table, default settings", () => {
  it("covers every topic", () => {
    expect(RULES.map(([topic]) => topic).sort()).toEqual([...ALL_TOPICS].sort());
  });

  describe.each(RULES)("%s", (topic, details, withoutFulfillment, withFulfillment, tag, needsAttention) => {
    const event = wakilniEvent(topic, T2, details);
    const expectedTags = {
      add: needsAttention ? [tag, ATTENTION_TAG] : [tag],
      remove: [...STATUS_TAGS.filter((other) => other !== tag), ...(needsAttention ? [] : [ATTENTION_TAG])],
    };

    it("without the app's fulfillment", () => {
      const { planned, next } = plan(stateAt("created", T1), event);
      expect(planned.outcome).toBe("applied");
      expect(planned.eventId).toBe(event.eventId);
      expect(fulfillmentPart(planned.shopify)).toEqual(withoutFulfillment);
      expect(planned.shopify.tags).toEqual(expectedTags);
      expect(next.hasFulfillment).toBe(withoutFulfillment.createFulfillment !== null);
      expect(next.needsAttention).toBe(needsAttention);
    });

    it("with the app's fulfillment", () => {
      const { planned, next } = plan(stateAt("created", T1, { hasFulfillment: true }), event);
      expect(fulfillmentPart(planned.shopify)).toEqual(withFulfillment);
      expect(planned.shopify.tags).toEqual(expectedTags);
      expect(next.hasFulfillment).toBe(topic !== "canceled" && topic !== "declined");
    });

    it("retags the order, sets the metafield and notes the status", () => {
      const { planned } = plan(stateAt("created", T1), event);
      expect(planned.shopify.tags).not.toBeNull();
      expect(planned.shopify.metafield).not.toBeNull();
      expect(planned.note).toEqual({ key: "applied", values: { status: topic } });
    });
  });
});

describe("planEvent: the fulfillment stage setting", () => {
  // [stage, topic, kinds from a fresh delivery]
  const cases: [DeliverySettings["fulfillmentStage"], WakilniTopic, string[]][] = [
    ["confirmed", "created", []],
    ["confirmed", "confirmed", ["createFulfillment"]],
    ["confirmed", "assigned", ["createFulfillment", "fulfillmentEvent:CONFIRMED"]],
    ["confirmed", "processed", ["createFulfillment", "fulfillmentEvent:OUT_FOR_DELIVERY"]],
    ["assigned", "created", []],
    ["assigned", "confirmed", []],
    ["assigned", "assigned", ["createFulfillment", "fulfillmentEvent:CONFIRMED"]],
    ["assigned", "processed", ["createFulfillment", "fulfillmentEvent:OUT_FOR_DELIVERY"]],
    ["processed", "created", []],
    ["processed", "confirmed", []],
    ["processed", "assigned", []],
    ["processed", "processed", ["createFulfillment", "fulfillmentEvent:OUT_FOR_DELIVERY"]],
    ["processed", "postponed", ["createFulfillment", "fulfillmentEvent:DELAYED"]],
    ["processed", "failed", ["createFulfillment", "fulfillmentEvent:ATTEMPTED_DELIVERY"]],
    ["processed", "completed", ["createFulfillment", "fulfillmentEvent:DELIVERED"]],
    ["processed", "completed_rejected", ["createFulfillment", "fulfillmentEvent:FAILURE"]],
    ["processed", "closed_failed", ["createFulfillment", "fulfillmentEvent:FAILURE"]],
    ["processed", "ready_for_pickup", ["createFulfillment", "fulfillmentEvent:READY_FOR_PICKUP"]],
    ["processed", "pending_cancelation", []],
    ["processed", "canceled", []],
    ["processed", "declined", []],
  ];

  it.each(cases)("stage %s, %s on a fresh delivery", (fulfillmentStage, topic, kinds) => {
    const { planned } = plan(initialDeliveryState("1001"), wakilniEvent(topic, T2), { fulfillmentStage });
    expect(fulfillmentSteps(planned.shopify)).toEqual(kinds);
  });

  it("stage confirmed: creates at Confirmed, then only adds events", () => {
    const settings = { fulfillmentStage: "confirmed" } as const;
    const confirmed = plan(stateAt("created", T1), wakilniEvent("confirmed", T1), settings);
    expect(fulfillmentPart(confirmed.planned.shopify)).toEqual(created());
    const assigned = plan(confirmed.next, wakilniEvent("assigned", T2, { driver: DRIVER }), settings);
    expect(fulfillmentPart(assigned.planned.shopify)).toEqual(
      reported(fulfillmentEvent("CONFIRMED", "Assigned to driver Ali (+961 3 123456)")),
    );
    const processed = plan(assigned.next, wakilniEvent("processed", T3), settings);
    expect(fulfillmentPart(processed.planned.shopify)).toEqual(reported(fulfillmentEvent("OUT_FOR_DELIVERY", "Out for delivery", T3)));
  });

  it("stage processed: Assigned only tags, even when a fulfillment already exists", () => {
    const settings = { fulfillmentStage: "processed" } as const;
    const fresh = plan(stateAt("confirmed", T1), wakilniEvent("assigned", T2, { driver: DRIVER }), settings);
    expect(fulfillmentPart(fresh.planned.shopify)).toEqual(UNTOUCHED);
    expect(fresh.next.driver).toEqual(DRIVER);
    const existing = plan(stateAt("confirmed", T1, { hasFulfillment: true }), wakilniEvent("assigned", T2), settings);
    expect(fulfillmentPart(existing.planned.shopify)).toEqual(UNTOUCHED);
    const processed = plan(fresh.next, wakilniEvent("processed", T3), settings);
    expect(fulfillmentPart(processed.planned.shopify)).toEqual(created(fulfillmentEvent("OUT_FOR_DELIVERY", "Out for delivery", T3)));
  });

  it("never creates a second fulfillment at the stage topic", () => {
    for (const fulfillmentStage of ["confirmed", "assigned", "processed"] as const) {
      const { planned } = plan(stateAt("created", T1, { hasFulfillment: true }), wakilniEvent(fulfillmentStage, T2), {
        fulfillmentStage,
      });
      expect(planned.shopify.createFulfillment).toBeNull();
    }
  });
});

describe("planEvent: creating the fulfillment", () => {
  it("does not notify the customer when the shop turned notifications off", () => {
    const { planned } = plan(initialDeliveryState("1001"), wakilniEvent("assigned", T1), { notifyCustomer: false });
    expect(planned.shopify.createFulfillment).toEqual({ ...CREATE, notifyCustomer: false });
  });

  it("uses the waybill as tracking number and the shop's template, URL-encoded, as tracking URL", () => {
    const state = initialDeliveryState("SHOP 1/#1");
    const event = wakilniEvent("assigned", T1, { waybill: "SHOP 1/#1", wakilniOrderId: "55&x" });
    const { planned, next } = plan(state, event, { trackingUrlTemplate: "https://t.example.com/{waybill}?id={order_id}" });
    expect(planned.shopify.createFulfillment).toEqual({
      ...CREATE,
      trackingNumber: "SHOP 1/#1",
      trackingUrl: "https://t.example.com/SHOP%201%2F%231?id=55%26x",
    });
    expect(next.trackingUrl).toBe("https://t.example.com/SHOP%201%2F%231?id=55%26x");
  });
});

describe("planEvent: fulfillment event messages", () => {
  it.each([
    [DRIVER, "Assigned to driver Ali (+961 3 123456)"],
    [{ name: "Ali", phone: null }, "Assigned to driver Ali"],
    [{ name: null, phone: "+961 3 123456" }, "Assigned to driver +961 3 123456"],
    [{ name: " ", phone: "" }, "Assigned to a driver"],
    [null, "Assigned to a driver"],
  ])("Order Assigned with driver %j", (driver, message) => {
    const { planned } = plan(stateAt("confirmed", T1), wakilniEvent("assigned", T2, { driver }));
    expect(planned.shopify.events[0].message).toBe(message);
  });

  it.each([
    [OFFICE, "Ready for pickup at Wakilni Hamra office (+961 1 111111)"],
    [{ officeName: "Hamra", phone: null }, "Ready for pickup at Hamra"],
    [{ officeName: null, phone: null }, "Ready for pickup at a Wakilni office"],
    [null, "Ready for pickup at a Wakilni office"],
  ])("Order Ready for Self-Pickup at %j", (pickupLocation, message) => {
    const { planned } = plan(stateAt("assigned", T1), wakilniEvent("ready_for_pickup", T2, { pickupLocation }));
    expect(planned.shopify.events[0].message).toBe(message);
  });

  it("dates every fulfillment event at Wakilni's time, not at processing time", () => {
    const occurredAt = at("2024-11-14T12:39:10Z");
    for (const topic of ALL_TOPICS) {
      const { planned } = plan(initialDeliveryState("1001"), wakilniEvent(topic, occurredAt));
      for (const event of planned.shopify.events) expect(event.happenedAt).toEqual(occurredAt);
    }
  });
});

describe("planEvent: tags", () => {
  it("uses the shop's prefix for the status and needs-attention tags", () => {
    const { planned } = plan(stateAt("processed", T1, { hasFulfillment: true }), wakilniEvent("failed", T2), {
      tagPrefix: "WK/",
    });
    const tags = planned.shopify.tags!;
    expect(tags.add).toEqual(["WK/Failed attempt", "WK/Needs attention"]);
    expect(tags.remove).toHaveLength(12);
    expect(tags.remove.every((tag) => tag.startsWith("WK/"))).toBe(true);
    expect(tags.remove).toContain("WK/Failed");
    expect(tags.remove).not.toContain("WK/Failed attempt");
  });

  it("removes needs-attention once the parcel moves on", () => {
    const { planned } = plan(stateAt("postponed", T1, { hasFulfillment: true, needsAttention: true }), wakilniEvent("processed", T2), {
      tagPrefix: "WK/",
    });
    const tags = planned.shopify.tags!;
    expect(tags.add).toEqual(["WK/Out for delivery"]);
    expect(tags.remove).toContain("WK/Needs attention");
    expect(tags.remove).toContain("WK/Postponed");
  });

  it.each(ALL_TOPICS)("sets exactly one status tag and never adds and removes the same tag: %s", (topic) => {
    const { planned } = plan(initialDeliveryState("1001"), wakilniEvent(topic, T1));
    const tags = planned.shopify.tags!;
    expect(tags.add.filter((tag) => STATUS_TAGS.includes(tag))).toHaveLength(1);
    expect(new Set([...tags.add, ...tags.remove])).toEqual(new Set([...STATUS_TAGS, ATTENTION_TAG]));
    expect(tags.add.filter((tag) => tags.remove.includes(tag))).toEqual([]);
  });
});

describe("planEvent: the delivery metafield", () => {
  it("describes the delivery after the event", () => {
    const event = wakilniEvent("assigned", at("2024-11-14T12:39:10Z"), { driver: DRIVER, wakilniOrderId: "123" });
    const { planned } = plan(stateAt("confirmed", T1), event, { trackingUrlTemplate: "https://t.example.com/{waybill}" });
    const metafield = planned.shopify.metafield!;
    expect(metafield).toMatchObject({ namespace: "$app:wakilni", key: "delivery", type: "json" });
    expect(JSON.parse(metafield.value)).toEqual({
      version: 3,
      waybill: "1001",
      wakilniOrderId: "123",
      status: "assigned",
      statusLabel: "Assigned",
      happenedAt: "2024-11-14T12:39:10.000Z",
      trackingUrl: "https://t.example.com/1001",
      // The buyer can read it: the first name, and no phone while the shop keeps it off.
      driver: { firstName: DRIVER.name!.split(" ")[0], phone: null },
      needsAttention: false,
      // stateAt gives no history: the event just applied is the first change known.
      recent: [{ status: "assigned", at: "2024-11-14T12:39:10.000Z" }],
    });
  });

  it("lists the last few status changes, oldest first, and forgets the older ones", () => {
    const journey: WakilniTopic[] = ["created", "confirmed", "assigned", "processed", "failed", "processed", "completed"];
    let state = initialDeliveryState("1001");
    let value: { recent: unknown } = { recent: null };
    journey.forEach((topic, index) => {
      const step = plan(state, wakilniEvent(topic, at(`2024-11-14T12:0${index}:00Z`), { eventId: `e${index}` }));
      state = step.next;
      value = JSON.parse(step.planned.shopify.metafield!.value);
    });
    expect(RECENT_STATUS_CHANGES).toBe(5);
    expect(value.recent).toEqual(journey.slice(-5).map((status, index) => ({ status, at: `2024-11-14T12:0${index + 2}:00.000Z` })));
  });

  it("leaves the history alone for a stale event", () => {
    const state = { ...stateAt("processed", T2), recent: [{ status: "processed" as const, at: T2 }] };
    const { planned, next } = plan(state, wakilniEvent("assigned", T1));
    expect(planned.shopify.metafield).toBeNull();
    expect(next.recent).toEqual(state.recent);
  });

  it("stays far below Shopify's 128 KB for a JSON metafield with every field at its longest", () => {
    // The longest texts a Wakilni body may carry (payload.ts: 200 characters, order ids 64), made of
    // characters JSON escapes or UTF-8 widens, and a 255-character tracking URL template of {waybill}s.
    const longest = '"\\\u{1F69A}'.repeat(50).slice(0, 200);
    const template = `https://t.example.com/${"{waybill}".repeat(25)}`.slice(0, 255);
    let state = initialDeliveryState(longest);
    for (let index = 0; index < 10; index += 1) {
      const event = wakilniEvent(index % 2 ? "postponed" : "ready_for_pickup", at(`2024-11-14T12:0${index}:00Z`), {
        eventId: `e${index}`,
        wakilniOrderId: "9".repeat(64),
        driver: { name: longest, phone: longest },
      });
      state = plan(state, event, { trackingUrlTemplate: template, showDriverPhoneToBuyers: true }).next;
    }
    const bytes = Buffer.byteLength(JSON.stringify(deliveryMetafieldValue(state, { showDriverPhoneToBuyers: true })));
    expect(bytes).toBeLessThan(JSON_METAFIELD_MAX_BYTES / 4);
  });
});

describe("readDeliveryMetafield", () => {
  const written = (state: DeliveryState) => JSON.stringify(deliveryMetafieldValue(state, { showDriverPhoneToBuyers: false }));

  it("reads back what the planner writes", () => {
    const state = { ...stateAt("processed", T2), recent: [{ status: "processed" as const, at: T2 }] };
    expect(readDeliveryMetafield(written(state))).toEqual(JSON.parse(written(state)));
  });

  it("reads version 2 as version 3 with no history, and nothing else", () => {
    const v2 = { ...JSON.parse(written(stateAt("processed", T2))), version: 2, recent: undefined };
    expect(readDeliveryMetafield(JSON.stringify(v2))).toMatchObject({ version: 3, status: "processed", recent: [] });
    for (const version of [1, 4, "3", undefined]) expect(readDeliveryMetafield(JSON.stringify({ ...v2, version }))).toBeNull();
    expect(readDeliveryMetafield("not json")).toBeNull();
    expect(readDeliveryMetafield("null")).toBeNull();
  });

  it("drops history entries it cannot read", () => {
    const value = {
      ...JSON.parse(written(stateAt("processed", T2))),
      recent: [{ status: "created", at: "x" }, 7, { status: "assigned", at: T1.toISOString() }],
    };
    expect(readDeliveryMetafield(JSON.stringify(value))!.recent).toEqual([{ status: "assigned", at: T1.toISOString() }]);
  });

  it("carries the driver's phone only when the shop shows it to buyers", () => {
    const event = wakilniEvent("assigned", at("2024-11-14T12:39:10Z"), { driver: { name: "  Ali   Haddad ", phone: "+961 3 123 456" } });
    const shown = plan(stateAt("confirmed", T1), event, { showDriverPhoneToBuyers: true }).planned.shopify.metafield!;
    expect(JSON.parse(shown.value).driver).toEqual({ firstName: "Ali", phone: "+961 3 123 456" });
    const hidden = plan(stateAt("confirmed", T1), event, { showDriverPhoneToBuyers: false }).planned.shopify.metafield!;
    expect(JSON.parse(hidden.value).driver).toEqual({ firstName: "Ali", phone: null });
  });

  it.each(ALL_TOPICS)("is set by every applied event: %s", (topic) => {
    const { planned, next } = plan(initialDeliveryState("1001"), wakilniEvent(topic, T2));
    expect(planned.shopify.metafield).not.toBeNull();
    const value = JSON.parse(planned.shopify.metafield!.value);
    expect(value).toMatchObject({
      status: topic,
      happenedAt: T2.toISOString(),
      needsAttention: next.needsAttention,
      driver: null,
    });
  });
});

describe("planEvent: terminal states", () => {
  it.each([...TERMINAL_TOPICS])("%s is reached from every non-terminal status", (terminal) => {
    for (const status of [null, ...ALL_TOPICS.filter((topic) => !TERMINAL_TOPICS.has(topic))]) {
      const { planned, next } = plan(stateAt(status, T1, { hasFulfillment: true }), wakilniEvent(terminal, T2));
      expect(planned.outcome).toBe("applied");
      expect(next.status).toBe(terminal);
    }
  });

  it.each([...TERMINAL_TOPICS])("nothing moves Shopify after %s", (terminal) => {
    for (const hasFulfillment of [false, true]) {
      const state = stateAt(terminal, T2, { hasFulfillment });
      for (const topic of ALL_TOPICS) {
        for (const occurredAt of [T2, T3]) {
          const result = plan(state, wakilniEvent(topic, occurredAt));
          expect(result.planned).toEqual({
            eventId: `evt-${topic}-${occurredAt.toISOString()}`,
            outcome: "after_terminal",
            note: { key: "afterTerminal", values: { status: expect.any(String) } },
            shopify: NOTHING_TO_SEND,
          });
          expect(result.next).toBe(state);
        }
      }
    }
  });

  it("names the final status in the note", () => {
    expect(plan(stateAt("completed", T1), wakilniEvent("canceled", T2)).planned.note).toEqual({
      key: "afterTerminal",
      values: { status: "completed" },
    });
  });

  it("never cancels a delivered order", () => {
    const delivered = plan(stateAt("processed", T1, { hasFulfillment: true }), wakilniEvent("completed", T2));
    expect(delivered.next.hasFulfillment).toBe(true);
    for (const topic of ["canceled", "declined"] as const) {
      const { planned, next } = plan(delivered.next, wakilniEvent(topic, T3));
      expect(planned.shopify).toEqual(NOTHING_TO_SEND);
      expect(next.hasFulfillment).toBe(true);
    }
  });

  it.each(["canceled", "declined"] as const)("%s before delivery cancels the app's fulfillment, then stays final", (topic) => {
    const cancelled = plan(stateAt("processed", T1, { hasFulfillment: true }), wakilniEvent(topic, T2));
    expect(fulfillmentPart(cancelled.planned.shopify)).toEqual(CANCELLED);
    expect(cancelled.next.hasFulfillment).toBe(false);
    const later = plan(cancelled.next, wakilniEvent("completed", T3));
    expect(later.planned.outcome).toBe("after_terminal");
    expect(later.planned.shopify).toEqual(NOTHING_TO_SEND);
  });

  it.each(["postponed", "failed", "pending_cancelation"] as const)("%s is not final: later events move on", (status) => {
    for (const topic of ALL_TOPICS) {
      const { planned, next } = plan(stateAt(status, T1, { hasFulfillment: true }), wakilniEvent(topic, T2));
      expect(planned.outcome).toBe("applied");
      expect(next.status).toBe(topic);
    }
  });

  it("pending cancelation then completed delivers; then canceled changes nothing", () => {
    const pending = plan(stateAt("processed", T1, { hasFulfillment: true }), wakilniEvent("pending_cancelation", T1));
    const delivered = plan(pending.next, wakilniEvent("completed", T2));
    expect(fulfillmentPart(delivered.planned.shopify)).toEqual(reported(fulfillmentEvent("DELIVERED", "Delivered")));
    expect(plan(delivered.next, wakilniEvent("canceled", T3)).planned.outcome).toBe("after_terminal");
  });
});

describe("planEvent: stale and unsupported events", () => {
  it("records an older event as stale and changes nothing", () => {
    const state = stateAt("processed", T2, { hasFulfillment: true });
    const { planned, next } = plan(state, wakilniEvent("assigned", T1));
    expect(planned).toEqual({
      eventId: `evt-assigned-${T1.toISOString()}`,
      outcome: "stale",
      note: { key: "stale", values: { lastAppliedAt: "2024-11-14T13:00:00.000Z" } },
      shopify: NOTHING_TO_SEND,
    });
    expect(next).toBe(state);
  });

  it("applies an event with the same Wakilni time as the last applied one", () => {
    const { planned } = plan(stateAt("assigned", T2, { hasFulfillment: true }), wakilniEvent("processed", T2));
    expect(planned.outcome).toBe("applied");
  });

  it("calls an older event stale even after a terminal status", () => {
    expect(plan(stateAt("completed", T2), wakilniEvent("failed", T1)).planned.outcome).toBe("stale");
  });

  it("records an unknown topic as unsupported, whatever the state and time", () => {
    for (const state of [initialDeliveryState("1001"), stateAt("completed", T2), stateAt("assigned", T3)]) {
      const event = wakilniEvent(null, T2, { topicName: "Order Returned" });
      const { planned, next } = plan(state, event);
      expect(planned).toEqual({
        eventId: event.eventId,
        outcome: "unsupported",
        note: { key: "unsupported", values: { topicName: "Order Returned" } },
        shopify: NOTHING_TO_SEND,
      });
      expect(next).toBe(state);
    }
  });
});
