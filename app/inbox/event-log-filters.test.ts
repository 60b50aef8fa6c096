import { describe, expect, it } from "vitest";
import { eventLogFilterParams, parseEventLogFilters } from "./event-log-filters";

describe("event log filters in the URL", () => {
  it("reads the search, known statuses and real days, and leaves out the rest", () => {
    expect(parseEventLogFilters(new URLSearchParams("q=%20W-1%20&status=assigned,nope,completed&from=2026-11-31&to=2026-12-01"))).toEqual({
      query: "W-1",
      statuses: ["assigned", "completed"],
      to: "2026-12-01",
    });
    expect(parseEventLogFilters(new URLSearchParams(""))).toEqual({});
  });

  it("writes every parameter it owns, removing those the filters do not set, and reads back what it wrote", () => {
    const filters = { query: "W-1", statuses: ["completed" as const], from: "2026-11-01" };
    const params = eventLogFilterParams(filters);
    expect(params).toEqual({ q: "W-1", status: "completed", from: "2026-11-01", to: null });
    const written = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null));
    expect(parseEventLogFilters(written)).toEqual(filters);
    expect(eventLogFilterParams({})).toEqual({ q: null, status: null, from: null, to: null });
  });
});
