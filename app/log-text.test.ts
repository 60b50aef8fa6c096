import { describe, expect, it } from "vitest";
import { PRINTABLE_MAX_CHARACTERS, printable, printableError } from "./log-text";

const hex = (codePoint: number) => `\\x${codePoint.toString(16).padStart(2, "0")}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("printable", () => {
  it("leaves ordinary text alone, in any script", () => {
    for (const text of ["#1001", "WK-2026/11/28 10:00", "علي حسن", "Zoé Müller", "e\u0301", "١٠٠١", "𝟙𝟘𝟘𝟙", "📦 🚚", "", " "]) {
      expect(printable(text)).toBe(text);
    }
  });

  it("keeps the zero-width joiners that Arabic-script names and emoji sequences need", () => {
    expect(printable("می\u200Cخواهم")).toBe("می\u200Cخواهم");
    expect(printable("👩\u200D💻")).toBe("👩\u200D💻");
  });

  it("shows every C0 control as an escape, with the usual names for tab, newline and carriage return", () => {
    const named: Record<number, string> = { 0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r" };
    for (const codePoint of range(0x00, 0x1f)) {
      expect(printable(`a${String.fromCodePoint(codePoint)}b`)).toBe(`a${named[codePoint] ?? hex(codePoint)}b`);
    }
  });

  it("shows DEL and every C1 control (including the one-byte CSI) as an escape", () => {
    for (const codePoint of [0x7f, ...range(0x80, 0x9f)]) expect(printable(String.fromCodePoint(codePoint))).toBe(hex(codePoint));
  });

  it("defuses ANSI escape sequences: colours, cursor moves, screen clearing, window titles, hyperlinks", () => {
    expect(printable("\x1b[31mRED\x1b[0m")).toBe("\\x1b[31mRED\\x1b[0m");
    expect(printable("\x1b[2J\x1b[H")).toBe("\\x1b[2J\\x1b[H");
    expect(printable("\x1b]0;pwned\x07")).toBe("\\x1b]0;pwned\\x07");
    expect(printable("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\")).toBe(
      "\\x1b]8;;https://evil.example\\x1b\\\\click\\x1b]8;;\\x1b\\\\",
    );
    expect(printable("\u009b31m")).toBe("\\x9b31m");
  });

  it("cannot forge a log line", () => {
    const forged = printable("#1001\n2026-11-28T10:00:00Z INFO event applied\r\u2028\u2029");
    expect(forged).toBe("#1001\\n2026-11-28T10:00:00Z INFO event applied\\r\\u2028\\u2029");
    expect(forged.split(/[\n\r\u2028\u2029\u0085]/)).toHaveLength(1);
  });

  it("shows bidi controls, so text reads in the order it is stored", () => {
    const bidi = [0x061c, 0x200e, 0x200f, ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
    for (const codePoint of bidi) {
      expect(printable(`1${String.fromCodePoint(codePoint)}2`)).toBe(`1\\u${codePoint.toString(16).toUpperCase().padStart(4, "0")}2`);
    }
    expect(printable("\u202E1001")).toBe("\\u202E1001");
  });

  it("shows invisible characters: zero-width space, word joiner, BOM, soft hyphen", () => {
    expect(printable("a\u200Bb\u2060c\uFEFFd\u00ADe")).toBe("a\\u200Bb\\u2060c\\uFEFFd\\xade");
    expect(printable("tag\u{E0001}")).toBe("tag\\u{E0001}");
  });

  it("shows lone surrogates instead of passing broken UTF-16 on, and keeps pairs whole", () => {
    expect(printable("\uD800")).toBe("\\uD800");
    expect(printable("a\uDC00b")).toBe("a\\uDC00b");
    expect(printable("\uDBFF\uDBFF\uDFFF")).toBe("\\uDBFF\u{10FFFF}");
    expect(printable("😀")).toBe("😀");
  });

  it("escapes the backslash, so an escape in the output always stands for a character", () => {
    expect(printable("\\x1b")).toBe("\\\\x1b");
    expect(printable("\x1b")).toBe("\\x1b");
    expect(printable("C:\\Wakilni")).toBe("C:\\\\Wakilni");
  });

  it("cuts long text at a character boundary and says how much was left out", () => {
    expect(printable("x".repeat(PRINTABLE_MAX_CHARACTERS))).toBe("x".repeat(PRINTABLE_MAX_CHARACTERS));
    expect(printable("x".repeat(1_000_000))).toBe(`${"x".repeat(PRINTABLE_MAX_CHARACTERS)}…(999800 more characters)`);
    expect(printable("😀".repeat(5), 3)).toBe("😀😀😀…(2 more characters)");
    expect(printable("\x1b".repeat(10), 2)).toBe("\\x1b\\x1b…(8 more characters)");
  });

  it("makes every code point of the Basic Multilingual Plane safe to print", () => {
    const everything = String.fromCharCode(...range(0, 0xffff));
    const shown = printable(everything, Infinity);
    expect(shown).not.toMatch(/[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u);
    expect(shown.replace(/[\u200C\u200D]/g, "")).not.toMatch(/\p{Cf}/u);
  });
});

describe("printableError", () => {
  it("escapes the message, which may quote a payload, and keeps the stack frames readable", () => {
    const error = new Error("waybill \x1b[2J#1001\nforged line");
    const text = printableError(error);
    expect(text.split("\n")[0]).toBe("Error: waybill \\x1b[2J#1001\\nforged line");
    expect(text).toMatch(/\n {4}at /);
    expect(text).not.toContain("\x1b");
  });

  it("prints anything else thrown as printable text", () => {
    expect(printableError("\x1b[31m")).toBe("\\x1b[31m");
    expect(printableError(42)).toBe("42");
  });
});
