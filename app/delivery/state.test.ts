import { describe, expect, it } from "vitest";
import { ALL_TOPICS, TERMINAL_TOPICS, type WakilniTopic } from "../wakilni/topics";
import { DEFAULT_DELIVERY_SETTINGS, FULFILLMENT_STAGES, type FulfillmentStage } from "./settings";
import { admitEvent, initialDeliveryState, transition, type DeliveryState, type SupportedEvent } from "./state";
import { at, wakilniEvent } from "../../tests/helpers/plan-model";

const T1 = at("2024-11-14T12:00:00Z");
const T2 = at("2024-11-14T13:00:00Z");
const T3 = at("2024-11-14T14:00:00Z");

function stateAt(status: WakilniTopic | null, lastAppliedAt: Date | null, extra: Partial<DeliveryState> = {}): DeliveryState {
  return { ...initialDeliveryState("1001"), status, lastAppliedAt, ...extra };
}

function supported(topic: WakilniTopic, occurredAt: Date, overrides = {}): SupportedEvent {
  return { ...wakilniEvent(topic, occurredAt, overrides), topic };
}

const NON_TERMINAL: (WakilniTopic | null)[] = [null, ...ALL_TOPICS.filter((topic) => !TERMINAL_TOPICS.has(topic))];

describe("initialDeliveryState", () => {
  it("knows nothing but the waybill", () => {
    expect(initialDeliveryState("SHOP-7")).toEqual({
      waybill: "SHOP-7",
      wakilniOrderId: null,
      status: null,
      lastAppliedAt: null,
      hasFulfillment: false,
      fulfillmentIncomplete: false,
      needsAttention: false,
      trackingUrl: null,
      driver: null,
      recent: [],
    });
  });
});

describe("admitEvent", () => {
  it("refuses an unknown topic whatever the state", () => {
    for (const state of [initialDeliveryState("1"), stateAt("completed", T2), stateAt("assigned", T3)]) {
      expect(admitEvent(state, wakilniEvent(null, T1)).outcome).toBe("unsupported");
      expect(admitEvent(state, wakilniEvent(null, T3)).outcome).toBe("unsupported");
    }
  });

  it("applies any topic to a fresh delivery, at any time", () => {
    for (const topic of ALL_TOPICS) {
      const admission = admitEvent(initialDeliveryState("1001"), wakilniEvent(topic, T1));
      expect(admission).toEqual({ outcome: "applied", event: wakilniEvent(topic, T1) });
    }
  });

  it.each(NON_TERMINAL)("after %s: applies later and same-time events, refuses older ones as stale", (status) => {
    const state = stateAt(status, T2);
    for (const topic of ALL_TOPICS) {
      expect(admitEvent(state, wakilniEvent(topic, T3)).outcome).toBe("applied");
      expect(admitEvent(state, wakilniEvent(topic, T2)).outcome).toBe("applied");
      expect(admitEvent(state, wakilniEvent(topic, T1)).outcome).toBe("stale");
    }
  });

  it.each([...TERMINAL_TOPICS])("after the terminal %s: refuses later and same-time events, older ones are stale", (status) => {
    const state = stateAt(status, T2);
    for (const topic of ALL_TOPICS) {
      expect(admitEvent(state, wakilniEvent(topic, T3)).outcome).toBe("after_terminal");
      expect(admitEvent(state, wakilniEvent(topic, T2)).outcome).toBe("after_terminal");
      expect(admitEvent(state, wakilniEvent(topic, T1)).outcome).toBe("stale");
    }
  });

  it("compares instants, not Date objects, and counts milliseconds", () => {
    const state = stateAt("assigned", at("2024-11-14T12:00:00.500Z"));
    expect(admitEvent(state, wakilniEvent("processed", at("2024-11-14T12:00:00.500Z"))).outcome).toBe("applied");
    expect(admitEvent(state, wakilniEvent("processed", at("2024-11-14T12:00:00.499Z"))).outcome).toBe("stale");
  });

  it("treats exactly the five documented topics as terminal", () => {
    expect([...TERMINAL_TOPICS].sort()).toEqual(["canceled", "closed_failed", "completed", "completed_rejected", "declined"]);
  });
});

/** Which topics create the app's fulfillment when it is missing, per stage (the rules, written out). */
const CREATES: Record<FulfillmentStage, WakilniTopic[]> = {
  confirmed: [
    "confirmed",
    "assigned",
    "processed",
    "postponed",
    "failed",
    "completed",
    "completed_rejected",
    "closed_failed",
    "ready_for_pickup",
  ],
  assigned: ["assigned", "processed", "postponed", "failed", "completed", "completed_rejected", "closed_failed", "ready_for_pickup"],
  processed: ["processed", "postponed", "failed", "completed", "completed_rejected", "closed_failed", "ready_for_pickup"],
};

const EVENT_STATUS: Partial<Record<WakilniTopic, string>> = {
  assigned: "CONFIRMED",
  processed: "OUT_FOR_DELIVERY",
  postponed: "DELAYED",
  failed: "ATTEMPTED_DELIVERY",
  completed: "DELIVERED",
  completed_rejected: "FAILURE",
  closed_failed: "FAILURE",
  ready_for_pickup: "READY_FOR_PICKUP",
};

const ATTENTION: WakilniTopic[] = ["postponed", "failed", "completed_rejected", "closed_failed", "declined"];

describe("transition: every stage × fulfillment none, made or incomplete × topic", () => {
  for (const stage of FULFILLMENT_STAGES) {
    for (const fulfillment of ["none", "made", "incomplete"] as const) {
      it.each(ALL_TOPICS)(`stage ${stage}, fulfillment ${fulfillment}: %s`, (topic) => {
        const settings = { ...DEFAULT_DELIVERY_SETTINGS, fulfillmentStage: stage };
        const hasFulfillment = fulfillment !== "none";
        const state = stateAt("created", T1, { hasFulfillment, fulfillmentIncomplete: fulfillment === "incomplete" });
        const step = transition(state, supported(topic, T2), settings);
        const assignedTooEarly = topic === "assigned" && stage === "processed";
        const expectedStatus = assignedTooEarly ? undefined : EVENT_STATUS[topic];
        const cancels = hasFulfillment && (topic === "canceled" || topic === "declined");
        // An incomplete fulfillment is completed by the step that would have made it; a cancel cancels what there is.
        const creates = fulfillment !== "made" && !cancels && CREATES[stage].includes(topic);
        expect(step.createFulfillment).toBe(creates);
        expect(step.fulfillmentEvent?.status).toBe(expectedStatus);
        expect(step.cancelFulfillment).toBe(cancels);
        expect(step.next.hasFulfillment).toBe(!cancels && (hasFulfillment || CREATES[stage].includes(topic)));
        expect(step.next.fulfillmentIncomplete).toBe(fulfillment === "incomplete" && !creates && !cancels);
        expect(step.next.status).toBe(topic);
        expect(step.next.lastAppliedAt).toBe(T2);
        expect(step.next.needsAttention).toBe(ATTENTION.includes(topic));
        // A fulfillment event always has a fulfillment to land on.
        if (step.fulfillmentEvent) expect(hasFulfillment || step.createFulfillment).toBe(true);
      });
    }
  }
});

describe("transition: what the state remembers", () => {
  it("clears needs-attention set by the engine when parking", () => {
    const parked = stateAt(null, null, { needsAttention: true });
    expect(transition(parked, supported("created", T1), DEFAULT_DELIVERY_SETTINGS).next.needsAttention).toBe(false);
  });

  it("keeps the waybill and takes Wakilni's order id from the event", () => {
    const next = transition(stateAt(null, null), supported("created", T1, { wakilniOrderId: "987" }), DEFAULT_DELIVERY_SETTINGS).next;
    expect(next.waybill).toBe("1001");
    expect(next.wakilniOrderId).toBe("987");
  });

  it("keeps a known Wakilni order id when an event has none", () => {
    const state = stateAt("created", T1, { wakilniOrderId: "987" });
    expect(transition(state, supported("confirmed", T2, { wakilniOrderId: "" }), DEFAULT_DELIVERY_SETTINGS).next.wakilniOrderId).toBe(
      "987",
    );
  });

  it("remembers the driver named by Order Assigned and keeps them through later events", () => {
    const driver = { name: "Ali", phone: "+961 3 123456" };
    const assigned = transition(stateAt("confirmed", T1), supported("assigned", T2, { driver }), DEFAULT_DELIVERY_SETTINGS).next;
    expect(assigned.driver).toEqual(driver);
    expect(transition(assigned, supported("processed", T3), DEFAULT_DELIVERY_SETTINGS).next.driver).toEqual(driver);
  });

  it("replaces the driver on reassignment, but not with an empty one", () => {
    const state = stateAt("assigned", T1, { driver: { name: "Ali", phone: null } });
    const reassigned = transition(state, supported("assigned", T2, { driver: { name: "Rami", phone: null } }), DEFAULT_DELIVERY_SETTINGS);
    expect(reassigned.next.driver).toEqual({ name: "Rami", phone: null });
    const blank = transition(state, supported("assigned", T2, { driver: { name: null, phone: null } }), DEFAULT_DELIVERY_SETTINGS);
    expect(blank.next.driver).toEqual({ name: "Ali", phone: null });
  });

  it("recomputes the tracking URL from the current template", () => {
    const settings = { ...DEFAULT_DELIVERY_SETTINGS, trackingUrlTemplate: "https://t.example.com/{waybill}/{order_id}" };
    const state = stateAt("created", T1, { trackingUrl: "https://old.example.com/1001" });
    expect(transition(state, supported("confirmed", T2), settings).next.trackingUrl).toBe("https://t.example.com/1001/123");
    expect(transition(state, supported("confirmed", T2), DEFAULT_DELIVERY_SETTINGS).next.trackingUrl).toBeNull();
  });

  it("does not modify the state it is given", () => {
    const state = stateAt("assigned", T1, { hasFulfillment: true });
    const copy = structuredClone(state);
    transition(state, supported("canceled", T2), DEFAULT_DELIVERY_SETTINGS);
    expect(state).toEqual(copy);
  });
});
