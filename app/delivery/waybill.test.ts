import { describe, expect, it } from "vitest";
import { ordersSearchQuery, orderMatchesWaybill, validateWaybillPattern, waybillCandidates, type WaybillMatch } from "./waybill";

const name = (value: string): WaybillMatch => ({ kind: "name", name: value });
const id = (value: string): WaybillMatch => ({ kind: "id", id: value });

describe("waybillCandidates, default matching", () => {
  it.each<[string, WaybillMatch[]]>([
    ["#1001", [name("#1001"), name("1001")]],
    ["1001", [name("#1001"), name("1001"), id("1001")]],
    [" 1001 ", [name("#1001"), name("1001"), id("1001")]],
    ["\t#1001\n", [name("#1001"), name("1001")]],
    ["# 1001", [name("#1001"), name("1001")]],
    ["001001", [name("#1001"), name("1001"), id("1001")]],
    ["#001001", [name("#001001"), name("001001")]],
    ["5678901234567", [name("#5678901234567"), name("5678901234567"), id("5678901234567")]],
    ["123456789012345678901", [name("#123456789012345678901"), name("123456789012345678901")]],
    ["gid://shopify/Order/5", [id("5")]],
    [" gid://shopify/Order/5678901234567 ", [id("5678901234567")]],
    ["SHOP-1001", [name("#SHOP-1001"), name("SHOP-1001")]],
    ["#SHOP-1001", [name("#SHOP-1001"), name("SHOP-1001")]],
    ["1001 OR name:*", [name("#1001 OR name:*"), name("1001 OR name:*")]],
  ])("%j", (waybill, expected) => {
    expect(waybillCandidates(waybill, "")).toEqual(expected);
  });

  it.each(["", "   ", "#", " # ", "0", "000"])("has no candidate for %j", (waybill) => {
    expect(waybillCandidates(waybill, "")).toEqual([]);
  });

  it("does not read other resources' GIDs as order ids", () => {
    expect(waybillCandidates("gid://shopify/Product/5", "")).not.toContainEqual(id("5"));
    expect(waybillCandidates("gid://shopify/Order/abc", "")).not.toContainEqual(expect.objectContaining({ kind: "id" }));
  });

  it("treats a whitespace-only pattern as the default", () => {
    expect(waybillCandidates("1001", "  ")).toEqual(waybillCandidates("1001", ""));
  });

  it("never gives duplicates", () => {
    for (const waybill of ["#1001", "1001", "SHOP-1001", "gid://shopify/Order/5", "##1"]) {
      const candidates = waybillCandidates(waybill, "");
      expect(new Set(candidates.map((candidate) => JSON.stringify(candidate))).size).toBe(candidates.length);
    }
  });
});

describe("waybillCandidates with a merchant pattern", () => {
  it.each<[string, string, WaybillMatch[]]>([
    ["SHOP-{number}", "SHOP-1001", [name("#1001"), name("1001"), id("1001")]],
    ["SHOP-{number}", " SHOP-1001 ", [name("#1001"), name("1001"), id("1001")]],
    ["SHOP-{number}", "shop-1001", [name("#1001"), name("1001"), id("1001")]],
    ["SHOP-{number}", "SHOP-0042", [name("#42"), name("42"), id("42")]],
    ["{number}-LB", "1001-LB", [name("#1001"), name("1001"), id("1001")]],
    ["WK/{number}/LB", "WK/7/LB", [name("#7"), name("7"), id("7")]],
    ["A.{number}", "A.12", [name("#12"), name("12"), id("12")]],
    ["(#{number})", "(#12)", [name("#12"), name("12"), id("12")]],
    ["{number}", "1001", [name("#1001"), name("1001"), id("1001")]],
    [" SHOP-{number} ", "SHOP-1001", [name("#1001"), name("1001"), id("1001")]],
    ["WK-{name}", "WK-#1001", [name("#1001")]],
    ["WK-{name}", "WK- SHOP1001 ", [name("SHOP1001")]],
    ["{name}", "#1001", [name("#1001")]],
    ["{name}-LB", "1001 OR name:*-LB", [name("1001 OR name:*")]],
  ])("pattern %j reads %j", (pattern, waybill, expected) => {
    expect(waybillCandidates(waybill, pattern)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["SHOP-{number}", "1001"],
    ["SHOP-{number}", "#1001"],
    ["SHOP-{number}", "SHOP-"],
    ["SHOP-{number}", "SHOP-10a1"],
    ["SHOP-{number}", "SHOP-1001-X"],
    ["SHOP-{number}", "XSHOP-1001"],
    ["SHOP-{number}", "SHOP-0"],
    ["{number}-LB", "1001-LBX"],
    ["A.{number}", "AB12"],
    ["WK-{name}", "WK-"],
    ["WK-{name}", "WK-   "],
    ["{name}", "   "],
  ])("pattern %j does not match %j", (pattern, waybill) => {
    expect(waybillCandidates(waybill, pattern)).toEqual([]);
  });

  it("refuses to run an invalid pattern rather than silently matching nothing", () => {
    expect(() => waybillCandidates("1001", "SHOP-{id}")).toThrow(/Invalid waybill pattern/);
  });
});

describe("validateWaybillPattern", () => {
  it.each(["", "   ", "{number}", "{name}", "SHOP-{number}", "{number}-LB", "Order #{number} (LB)", `${"x".repeat(56)}{number}`])(
    "accepts %j",
    (pattern) => {
      expect(validateWaybillPattern(pattern)).toEqual({ ok: true });
    },
  );

  it.each([
    ["SHOP", "The waybill pattern must contain exactly one {number} or {name}."],
    ["{number}-{number}", "The waybill pattern must contain exactly one {number} or {name}."],
    ["{name}{number}", "The waybill pattern must contain exactly one {number} or {name}."],
    ["{Number}", "The waybill pattern must contain exactly one {number} or {name}."],
    ["SHOP-{id}-{number}", "Only {number} and {name} may appear in braces."],
    ["{number}}", "Only {number} and {name} may appear in braces."],
    ["{{number}", "Only {number} and {name} may appear in braces."],
    ["SHOP\n{number}", "The waybill pattern cannot contain control characters."],
    [`${"x".repeat(57)}{number}`, "The waybill pattern can be at most 64 characters long."],
  ])("refuses %j", (pattern, message) => {
    expect(validateWaybillPattern(pattern)).toEqual({ ok: false, message });
  });
});

describe("ordersSearchQuery", () => {
  it("joins quoted names and numeric ids with OR", () => {
    expect(ordersSearchQuery(waybillCandidates("1001", ""))).toBe('name:"#1001" OR name:"1001" OR id:1001');
    expect(ordersSearchQuery([id("5")])).toBe("id:5");
  });

  it("keeps injection attempts inside one quoted value", () => {
    expect(ordersSearchQuery(waybillCandidates("1001 OR name:*", ""))).toBe('name:"#1001 OR name:*" OR name:"1001 OR name:*"');
    expect(ordersSearchQuery([name('1001" OR name:"*')])).toBe('name:"1001\\" OR name:\\"*"');
    expect(ordersSearchQuery([name("1001\\")])).toBe('name:"1001\\\\"');
    expect(ordersSearchQuery([name('\\" OR *')])).toBe('name:"\\\\\\" OR *"');
  });

  it("escapes so that every quote in the result is either a delimiter or escaped", () => {
    for (const value of ['a"b', 'a\\"b', "a\\\\", '"', "\\", 'x" OR id:1 OR name:"y']) {
      const query = ordersSearchQuery([name(value)]);
      const body = query.slice('name:"'.length, -1);
      // Unescaping the body gives the value back: nothing leaked out of the quotes.
      expect(body.replace(/\\(.)/g, "$1")).toBe(value);
      expect(body.replace(/\\./g, "")).not.toMatch(/["\\]/);
    }
  });

  it("refuses an empty list, which would search every order", () => {
    expect(() => ordersSearchQuery([])).toThrow(/at least one candidate/);
  });

  it.each(["", "12a", "1 OR name:*", "-1", "007"])("refuses the non-numeric id %j", (value) => {
    expect(() => ordersSearchQuery([id(value)])).toThrow(/Not a numeric order id/);
  });
});

describe("orderMatchesWaybill", () => {
  const order = { id: "gid://shopify/Order/5678901234567", legacyResourceId: "5678901234567", name: "#1001" };

  it("confirms a hit by exact name", () => {
    expect(orderMatchesWaybill(order, waybillCandidates("#1001", ""))).toBe(true);
    expect(orderMatchesWaybill(order, waybillCandidates("1001", ""))).toBe(true);
    expect(orderMatchesWaybill(order, waybillCandidates("SHOP-1001", "SHOP-{number}"))).toBe(true);
  });

  it("confirms a hit by id, from the legacy id or the GID", () => {
    expect(orderMatchesWaybill(order, waybillCandidates("5678901234567", ""))).toBe(true);
    expect(orderMatchesWaybill(order, waybillCandidates("gid://shopify/Order/5678901234567", ""))).toBe(true);
    const { legacyResourceId: _, ...withoutLegacyId } = order;
    expect(orderMatchesWaybill(withoutLegacyId, [id("5678901234567")])).toBe(true);
  });

  it("ignores case and surrounding spaces in names", () => {
    expect(orderMatchesWaybill({ ...order, name: "SHOP1001" }, [name("shop1001")])).toBe(true);
    expect(orderMatchesWaybill({ ...order, name: " #1001 " }, [name("#1001")])).toBe(true);
  });

  it("rejects the near misses Shopify's fuzzy search returns", () => {
    for (const other of ["#10010", "#11001", "#1001-1", "1001A", "#100"]) {
      expect(orderMatchesWaybill({ ...order, name: other }, waybillCandidates("1001", ""))).toBe(false);
    }
    expect(orderMatchesWaybill(order, waybillCandidates("#1002", ""))).toBe(false);
    expect(orderMatchesWaybill(order, [id("567890123456")])).toBe(false);
    expect(orderMatchesWaybill({ ...order, name: "#1001 OR name:*" }, waybillCandidates("1001", ""))).toBe(false);
  });

  it("does not match an id against an order name or the other way round", () => {
    expect(orderMatchesWaybill({ id: "gid://shopify/Order/1", name: "#5" }, [id("5")])).toBe(false);
    expect(orderMatchesWaybill({ id: "gid://shopify/Order/5", name: "#1" }, [name("5")])).toBe(false);
  });

  it("matches nothing without candidates", () => {
    expect(orderMatchesWaybill(order, [])).toBe(false);
  });
});
