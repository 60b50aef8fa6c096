import { describe, expect, it } from "vitest";
import { orderPickerQuery } from "./order-picker";

describe("orderPickerQuery", () => {
  it.each([
    ["#10", "name:10*"],
    [" 1001 ", "name:1001*"],
    ["SHOP-10", "name:SHOP-10*"],
    ['10" OR tag:x', "name:10ORtagx*"],
    ["(1)", "name:1*"],
  ])("searches %j as %j", (typed, query) => {
    expect(orderPickerQuery(typed)).toBe(query);
  });

  it.each(["", "  ", "#", "***", ":"])("searches nothing for %j", (typed) => {
    expect(orderPickerQuery(typed)).toBeNull();
  });
});
