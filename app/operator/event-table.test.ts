import { describe, expect, it } from "vitest";
import { formatEventTable, type EventTableRow } from "./event-table";

const row = (fields: Partial<EventTableRow>): EventTableRow => ({
  id: 7,
  state: "applied",
  outcome: "applied",
  waybill: "WK-1",
  topicName: "Order Assigned",
  occurredAtText: "2026-11-28 12:00:00",
  attempts: 1,
  receiptCount: 1,
  lastError: null,
  ...fields,
});

/** A line's cells, as the two-space gaps separate them. */
const cells = (line: string) => line.trim().split(/ {2,}/);

describe("formatEventTable", () => {
  it("starts with a header row and lines every column up under it", () => {
    const lines = formatEventTable([row({ id: 7 }), row({ id: 1234, waybill: "WK-LONGER-9", attempts: 12, lastError: "order not found" })]);
    expect(cells(lines[0])).toEqual(["ID", "STATE", "OUTCOME", "WAYBILL", "TOPIC", "WAKILNI TIME", "ATTEMPTS", "RECEIPTS", "LAST ERROR"]);
    expect(lines).toHaveLength(3);
    expect(cells(lines[2])).toEqual([
      "1234",
      "applied",
      "Applied",
      "WK-LONGER-9",
      "Order Assigned",
      "2026-11-28 12:00:00",
      "12",
      "1",
      "order not found",
    ]);
    // Each column starts where its title starts; numbers end where their title ends.
    const waybillAt = lines[0].indexOf("WAYBILL");
    expect(lines.slice(1).map((line) => line.indexOf("WK-"))).toEqual([waybillAt, waybillAt]);
    expect(lines[1].slice(0, 4)).toBe("   7");
    const attemptsEnd = lines[0].indexOf("ATTEMPTS") + "ATTEMPTS".length;
    expect(lines[2].slice(attemptsEnd - 2, attemptsEnd)).toBe("12");
    for (const line of lines) expect(line).not.toMatch(/\s$/);
  });

  it("says what the sync engine did with an applied event, and nothing it recorded for an earlier attempt of another", () => {
    const outcomes = formatEventTable([
      row({ outcome: "applied" }),
      row({ outcome: "stale" }),
      row({ outcome: "after_terminal" }),
      row({ outcome: null }),
      row({ outcome: "shelved_by_v9" }),
      row({ state: "received", outcome: "parked" }),
      row({ state: "parked", outcome: "parked" }),
      row({ state: "failed", outcome: "failed" }),
    ])
      .slice(1)
      .map((line) => cells(line).slice(1, 3));
    expect(outcomes).toEqual([
      ["applied", "Applied"],
      ["applied", "Skipped: older"],
      ["applied", "Skipped: already final"],
      ["applied", "-"],
      ["applied", "shelved_by_v9"],
      ["received", "-"],
      ["parked", "-"],
      ["failed", "-"],
    ]);
  });

  it("prints payload text as one safe line: no escape sequence, line break or bidi override reaches the terminal", () => {
    const [, line] = formatEventTable([
      row({ waybill: "WK\x1b[2J1", topicName: "Order\nAssigned", occurredAtText: "2026\u202E-11", lastError: "bad\r\u0000\\" }),
    ]);
    expect(line).toContain("WK\\x1b[2J1");
    expect(line).toContain("Order\\nAssigned");
    expect(line).toContain("2026\\u202E-11");
    expect(line).toContain("bad\\r\\x00\\\\");
    expect([...line].filter((character) => character < " " || character === "\u202E")).toEqual([]);
  });

  it("keeps the letters of Arabic names and cuts a long error", () => {
    const [, line] = formatEventTable([row({ waybill: "وكيلني\u200C١", lastError: "x".repeat(250) })]);
    expect(line).toContain("وكيلني\u200C١");
    expect(line).toMatch(/x{200}…\(50 more characters\)$/);
  });
});
