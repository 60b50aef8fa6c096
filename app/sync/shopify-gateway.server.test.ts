import { describe, expect, it } from "vitest";
import { EVENT_SLOTS } from "./admin-documents";
import { applyRequest } from "./apply-requests";
import type { ApplyRequest } from "./ports";
import { applyVariables } from "./shopify-gateway.server";

const ORDER = "gid://shopify/Order/1";
const event = (n: number) => ({
  fulfillmentId: `gid://shopify/Fulfillment/${n}`,
  status: "OUT_FOR_DELIVERY" as const,
  happenedAt: new Date(Date.UTC(2026, 10, 28, 9, n)),
  message: n === 1 ? "Out for delivery" : null,
});
const request = (parts: Partial<ApplyRequest>): ApplyRequest => applyRequest(ORDER, parts);

describe("applyVariables", () => {
  it("fills the event slots in order and switches off the rest", () => {
    const variables = applyVariables(request({ events: [event(1), event(2)] }));
    expect([variables.withEvent1, variables.withEvent2, variables.withEvent3, variables.withEvent4]).toEqual([true, true, false, false]);
    expect(variables.event1).toEqual({
      fulfillmentId: event(1).fulfillmentId,
      status: "OUT_FOR_DELIVERY",
      happenedAt: "2026-11-28T09:01:00.000Z",
      message: "Out for delivery",
    });
    expect(variables.event2).toEqual({
      fulfillmentId: event(2).fulfillmentId,
      status: "OUT_FOR_DELIVERY",
      happenedAt: "2026-11-28T09:02:00.000Z",
    });
    expect([variables.create, variables.removeTags, variables.addTags, variables.setMetafield, variables.cancel]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("refuses more events than the document has slots, rather than dropping some", () => {
    const events = Array.from({ length: EVENT_SLOTS + 1 }, (_, index) => event(index));
    expect(() => applyVariables(request({ events }))).toThrow(RangeError);
    expect(() => applyVariables(request({ events: events.slice(0, EVENT_SLOTS) }))).not.toThrow();
  });
});
