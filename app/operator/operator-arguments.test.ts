import { describe, expect, it } from "vitest";
import { INBOX_STATES } from "../inbox/inbox-states";
import { DEFAULT_EVENT_LIMIT, UsageError, operatorUsage, parseOperatorArguments } from "./operator-arguments";

const SHOP = "demo.myshopify.com";

function refusal(argv: string[], defaults: { shop?: string } = { shop: SHOP }): string {
  try {
    parseOperatorArguments(argv, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
}

describe("parseOperatorArguments", () => {
  it("reads each command with its options", () => {
    expect(parseOperatorArguments(["events", "--shop", "a.myshopify.com", "--state", "parked", "--limit", "5"])).toEqual({
      name: "events",
      shop: "a.myshopify.com",
      state: "parked",
      limit: 5,
    });
    expect(parseOperatorArguments(["events"], { shop: SHOP })).toEqual({
      name: "events",
      shop: SHOP,
      state: null,
      limit: DEFAULT_EVENT_LIMIT,
    });
    expect(parseOperatorArguments(["retry", "42"])).toEqual({ name: "retry", eventId: 42, shop: null });
    expect(parseOperatorArguments(["link", " WK-7 ", "#1004", "--shop=b.myshopify.com"])).toEqual({
      name: "link",
      shop: "b.myshopify.com",
      waybill: "WK-7",
      orderReference: "#1004",
    });
    expect(parseOperatorArguments(["unlink", "WK-7"], { shop: SHOP })).toEqual({ name: "unlink", shop: SHOP, waybill: "WK-7" });
    for (const word of ["help", "--help", "-h"]) expect(parseOperatorArguments([word])).toEqual({ name: "help" });
  });

  it("prefers --shop over the default shop, and needs one for the commands that act on a shop", () => {
    expect(parseOperatorArguments(["events", "--shop", "x.myshopify.com"], { shop: SHOP })).toMatchObject({ shop: "x.myshopify.com" });
    expect(refusal(["events"], {})).toBe("events needs --shop (the shop's myshopify.com domain)");
    expect(refusal(["link", "WK-7", "#1004"], {})).toBe("link needs --shop (the shop's myshopify.com domain)");
    expect(refusal(["unlink", "WK-7"], {})).toBe("unlink needs --shop (the shop's myshopify.com domain)");
    expect(refusal(["events", "--shop", "  "])).toBe("--shop must not be empty");
  });

  it("refuses bad input with a message that names it", () => {
    expect(refusal([])).toBe("no command given");
    expect(refusal(["evnets"])).toBe('unknown command "evnets"');
    expect(refusal(["events", "--state", "done"])).toBe(`--state must be one of ${INBOX_STATES.join(", ")}, not "done"`);
    for (const limit of ["0", "-3", "ten", "1.5", "99999999999999999999"]) {
      expect(refusal(["events", `--limit=${limit}`])).toBe(`--limit must be a positive whole number, not "${limit}"`);
    }
    expect(refusal(["retry", "7x"])).toBe('the event id must be a positive whole number, not "7x"');
    expect(refusal(["retry"])).toMatch(/^retry takes 1 argument\(s\), got 0: retry <event id> \[--shop S\]$/);
    expect(refusal(["link", "WK-7"])).toMatch(/^link takes 2 argument\(s\), got 1/);
    expect(refusal(["link", "WK-7", " "])).toBe("the order must not be empty");
    expect(refusal(["unlink"])).toMatch(/^unlink takes 1 argument\(s\), got 0/);
    expect(refusal(["events", "extra"])).toMatch(/^events takes no argument\(s\), got 1/);
    expect(refusal(["events", "--waybill", "W"])).toMatch(/^events: Unknown option '--waybill'/);
    expect(refusal(["retry", "3", "--state", "dead"])).toMatch(/^retry: Unknown option '--state'/);
  });
});

describe("operatorUsage", () => {
  it("lists every command, the states --state takes and the lines a wrapper adds first", () => {
    const usage = operatorUsage("npm run operator --", ["send …"]).split("\n");
    expect(usage[0]).toBe("usage: npm run operator -- <command>");
    expect(usage[1]).toBe("  send …");
    const commandLines = usage.slice(2).filter((line) => /^ {2}\S/.test(line) || line.startsWith("--"));
    expect(commandLines.map((line) => line.trim().split(" ")[0])).toEqual(["events", "retry", "link", "unlink", "--shop"]);
    expect(usage[2]).toContain(`--state ${INBOX_STATES.join("|")}`);
  });
});
