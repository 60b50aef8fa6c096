import { describe, expect, it } from "vitest";
import { cashDays, cashSums, cashTotals } from "./cash-per-day";

describe("cash per day", () => {
  it("sums exactly per day in the shop's zone and per currency", () => {
    expect(
      cashDays(
        cashSums(
          [
            { amount: "0.10", currencyCode: "USD", collectedAt: new Date("2026-11-27T21:30:00Z") }, // 23:30 in Beirut
            { amount: "0.20", currencyCode: "USD", collectedAt: new Date("2026-11-27T22:30:00Z") }, // 00:30 the next day
            { amount: "25.5", currencyCode: "USD", collectedAt: new Date("2026-11-28T10:00:00Z") },
            { amount: "900000", currencyCode: "LBP", collectedAt: new Date("2026-11-28T10:00:00Z") },
          ],
          "Asia/Beirut",
        ),
      ),
    ).toEqual([
      { day: "2026-11-27", currencyCode: "USD", amount: "0.10", orders: 1 },
      { day: "2026-11-28", currencyCode: "LBP", amount: "900000.00", orders: 1 },
      { day: "2026-11-28", currencyCode: "USD", amount: "25.70", orders: 2 },
    ]);
  });

  it("leaves out a day whose only cash was taken back (its amount recorded again on another day)", () => {
    expect(
      cashDays([
        { day: "2026-11-27", currencyCode: "USD", thousandths: 0, orders: 0 },
        { day: "2026-11-28", currencyCode: "USD", thousandths: 12_345, orders: 1 },
      ]),
    ).toEqual([{ day: "2026-11-28", currencyCode: "USD", amount: "12.345", orders: 1 }]);
  });

  it("refuses an amount that is not a decimal", () => {
    expect(() => cashSums([{ amount: "1e3", currencyCode: "USD", collectedAt: new Date() }], "UTC")).toThrow(RangeError);
  });

  it("totals a period's days per currency, exactly", () => {
    const days = [
      { day: "2026-11-27", currencyCode: "USD", amount: "0.10", orders: 1 },
      { day: "2026-11-28", currencyCode: "LBP", amount: "900000.00", orders: 1 },
      { day: "2026-11-28", currencyCode: "USD", amount: "25.70", orders: 2 },
      { day: "2026-11-29", currencyCode: "USD", amount: "0.20", orders: 1 },
    ];
    expect(cashTotals(days, "2026-11-28", "2026-11-29")).toEqual([
      { currencyCode: "LBP", amount: "900000.00", orders: 1 },
      { currencyCode: "USD", amount: "25.90", orders: 3 },
    ]);
    expect(cashTotals(days, "2026-11-30", "2026-11-30")).toEqual([]);
  });
});
