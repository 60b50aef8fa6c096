import { describe, expect, it } from "vitest";
import { lastLocalDays, localDate, overviewPeriodFrom, periodRange } from "./periods";

describe("overview periods", () => {
  it("starts today at the shop's midnight, not the server's", () => {
    // 23:30 UTC on Nov 30 is already Dec 1 in Beirut (UTC+2 in winter).
    const now = new Date("2026-11-30T23:30:00Z");
    expect(localDate(now, "Asia/Beirut")).toBe("2026-12-01");
    expect(periodRange("today", now, "Asia/Beirut")).toEqual({
      from: new Date("2026-11-30T22:00:00Z"),
      to: new Date("2026-12-01T22:00:00Z"),
      fromDate: "2026-12-01",
      toDate: "2026-12-01",
    });
    expect(periodRange("7d", now, "Asia/Amman").fromDate).toBe("2026-11-25");
    expect(periodRange("30d", now, "Asia/Beirut").from).toEqual(new Date("2026-11-01T22:00:00Z"));
  });

  it("gives a DST day its 23 or 25 hours", () => {
    // Beirut leaves summer time at the midnight that starts the last Sunday of October (clocks go
    // back to 23:00 on Saturday): 2026-10-24 is 25 hours long.
    const days = lastLocalDays(new Date("2026-10-26T12:00:00Z"), "Asia/Beirut", 3);
    expect(days.map((day) => day.date)).toEqual(["2026-10-24", "2026-10-25", "2026-10-26"]);
    expect(days.map((day) => (day.end.getTime() - day.start.getTime()) / 3_600_000)).toEqual([25, 24, 24]);
    expect(days[0].start).toEqual(new Date("2026-10-23T21:00:00Z"));
    expect(days[1].start).toEqual(new Date("2026-10-24T22:00:00Z"));
    // It enters summer time at the midnight starting 2026-03-29, which is then 23 hours long.
    const spring = lastLocalDays(new Date("2026-03-29T12:00:00Z"), "Asia/Beirut", 1)[0];
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
  });

  it("reads the period from the URL, a week when absent or unknown", () => {
    expect(overviewPeriodFrom("today")).toBe("today");
    expect(overviewPeriodFrom("30d")).toBe("30d");
    expect(overviewPeriodFrom(null)).toBe("7d");
    expect(overviewPeriodFrom("year")).toBe("7d");
  });
});
