import { describe, expect, it } from "vitest";
import { deliveriesHref, isCalendarDay, dayRange, MAX_QUERY_LENGTH, parseDeliveryFilters, type DeliveryFilters } from "./delivery-filters";

const parse = (search: string) => parseDeliveryFilters(new URLSearchParams(search));

describe("parseDeliveryFilters", () => {
  it("reads nothing from an empty URL", () => {
    expect(parse("")).toEqual({});
  });

  it("reads every parameter", () => {
    expect(parse("q=%231001&status=completed,assigned&attention=1&match=matched&from=2026-11-01&to=2026-11-30&sort=age-asc")).toEqual({
      query: "#1001",
      statuses: ["assigned", "completed"],
      attention: true,
      match: "matched",
      from: "2026-11-01",
      to: "2026-11-30",
      sort: "age-asc",
    });
  });

  it("leaves out what it does not understand instead of failing", () => {
    expect(
      parse("q=%20%20&status=teleported,,completed,completed&attention=yes&match=maybe&from=2026-02-30&to=30/11/2026&sort=random"),
    ).toEqual({ statuses: ["completed"] });
  });

  it("trims the search and cuts it at the longest value the app stores", () => {
    expect(parse("q=%20%20AB-12%20").query).toBe("AB-12");
    expect(parse(`q=${"x".repeat(500)}`).query).toHaveLength(MAX_QUERY_LENGTH);
  });

  it("reads an Arabic driver name", () => {
    expect(parse(`q=${encodeURIComponent("علي")}`).query).toBe("علي");
  });
});

describe("deliveriesHref", () => {
  it("is the bare list without filters, and leaves the default sort out", () => {
    expect(deliveriesHref({})).toBe("/app/deliveries");
    expect(deliveriesHref({ sort: "last-event-desc", attention: false, statuses: [], query: " " })).toBe("/app/deliveries");
  });

  it("writes the contract's parameter names, statuses comma-separated in the journey's order", () => {
    expect(deliveriesHref({ statuses: ["completed", "assigned"], attention: true, match: "unmatched", sort: "age-desc" })).toBe(
      "/app/deliveries?status=assigned%2Ccompleted&attention=1&match=unmatched&sort=age-desc",
    );
  });

  it.each<DeliveryFilters>([
    {},
    { query: "#1001 & co=2" },
    { query: "علي" },
    { statuses: ["failed", "completed_rejected"], attention: true },
    { match: "matched", from: "2026-11-01", to: "2026-11-01", sort: "last-event-asc" },
    { query: "AB", statuses: ["created"], attention: true, match: "unmatched", from: "2024-03-31", to: "2024-10-27", sort: "age-asc" },
  ])("round-trips %j", (filters) => {
    const href = deliveriesHref(filters);
    expect(parse(new URL(href, "https://app.example").search)).toEqual(filters);
  });
});

describe("isCalendarDay", () => {
  it.each(["2026-11-30", "2024-02-29", "2026-01-01"])("accepts %s", (day) => expect(isCalendarDay(day)).toBe(true));
  it.each(["2026-02-29", "2026-13-01", "2026-1-1", "2026-11-30T00:00", "", "yesterday"])("rejects %j", (day) =>
    expect(isCalendarDay(day)).toBe(false),
  );
});

describe("dayRange", () => {
  it("is unbounded without dates", () => {
    expect(dayRange({}, "Asia/Beirut")).toEqual({});
  });

  it("covers whole days in the shop's zone, the end day included", () => {
    expect(dayRange({ from: "2026-11-01", to: "2026-11-30" }, "Asia/Beirut")).toEqual({
      gte: new Date("2026-10-31T22:00:00Z"),
      lt: new Date("2026-11-30T22:00:00Z"),
    });
    expect(dayRange({ from: "2026-11-01", to: "2026-11-01" }, "Asia/Amman")).toEqual({
      gte: new Date("2026-10-31T21:00:00Z"),
      lt: new Date("2026-11-01T21:00:00Z"),
    });
  });

  it("starts a day that begins in a DST gap at its first real instant, and crosses a month end", () => {
    expect(dayRange({ from: "2024-03-31", to: "2024-03-31" }, "Asia/Beirut")).toEqual({
      gte: new Date("2024-03-30T22:00:00Z"),
      lt: new Date("2024-03-31T21:00:00Z"),
    });
    expect(dayRange({ to: "2026-12-31" }, "UTC")).toEqual({ lt: new Date("2027-01-01T00:00:00Z") });
  });
});
