import { describe, expect, it } from "vitest";
import { DEFAULT_WAKILNI_ZONE, formatWakilniLocalTime, isValidTimeZone, parseWakilniLocalTime } from "./local-time";

const iso = (text: string, zone = DEFAULT_WAKILNI_ZONE) => parseWakilniLocalTime(text, zone)?.toISOString() ?? null;

describe("isValidTimeZone", () => {
  it.each(["Asia/Beirut", "Asia/Amman", "UTC", "Etc/GMT-3", "Europe/London"])("accepts %s", (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(["", "Mars/Base", "+03:00", "Beirut", "Asia/Beirut "])("rejects %j", (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe("parseWakilniLocalTime", () => {
  it("defaults to Beirut", () => {
    expect(DEFAULT_WAKILNI_ZONE).toBe("Asia/Beirut");
  });

  it("reads the spec's sample in Beirut winter time (UTC+2)", () => {
    expect(iso("2024-11-14 14:39:13")).toBe("2024-11-14T12:39:13.000Z");
  });

  it("reads Beirut summer time (UTC+3)", () => {
    expect(iso("2024-07-01 12:00:00")).toBe("2024-07-01T09:00:00.000Z");
  });

  describe("Beirut spring forward: 2024-03-31 00:00 jumps to 01:00", () => {
    it("keeps the last second before the gap at UTC+2", () => {
      expect(iso("2024-03-30 23:59:59")).toBe("2024-03-30T21:59:59.000Z");
    });

    it.each([
      ["2024-03-31 00:00:00", "2024-03-30T22:00:00.000Z"],
      ["2024-03-31 00:30:00", "2024-03-30T22:30:00.000Z"],
      ["2024-03-31 00:59:59", "2024-03-30T22:59:59.000Z"],
    ])("moves the nonexistent %s forward by the hour-long gap", (text, expected) => {
      expect(iso(text)).toBe(expected);
    });

    it("reads the first wall time after the gap at UTC+3", () => {
      expect(iso("2024-03-31 01:00:00")).toBe("2024-03-30T22:00:00.000Z");
      expect(iso("2024-03-31 01:30:00")).toBe("2024-03-30T22:30:00.000Z");
    });
  });

  describe("Beirut fall back: 2024-10-27 00:00 (UTC+3) becomes 2024-10-26 23:00 (UTC+2)", () => {
    it("reads the hour before the repeat at UTC+3", () => {
      expect(iso("2024-10-26 22:59:59")).toBe("2024-10-26T19:59:59.000Z");
    });

    it.each([
      ["2024-10-26 23:00:00", "2024-10-26T20:00:00.000Z"],
      ["2024-10-26 23:30:00", "2024-10-26T20:30:00.000Z"],
      ["2024-10-26 23:59:59", "2024-10-26T20:59:59.000Z"],
    ])("picks the earlier instant for the repeated %s", (text, expected) => {
      expect(iso(text)).toBe(expected);
    });

    it("reads midnight after the repeat at UTC+2", () => {
      expect(iso("2024-10-27 00:00:00")).toBe("2024-10-26T22:00:00.000Z");
    });
  });

  describe("Amman", () => {
    it.each([
      ["2024-01-15 12:00:00", "2024-01-15T09:00:00.000Z"],
      ["2024-07-01 12:00:00", "2024-07-01T09:00:00.000Z"],
    ])("reads %s at Jordan's year-round UTC+3", (text, expected) => {
      expect(iso(text, "Asia/Amman")).toBe(expected);
    });

    it("uses the offset in force at the time, not today's (UTC+2 in winter 2021)", () => {
      expect(iso("2021-01-15 12:00:00", "Asia/Amman")).toBe("2021-01-15T10:00:00.000Z");
    });
  });

  it("reads UTC as is", () => {
    expect(iso("2024-11-14 14:39:13", "UTC")).toBe("2024-11-14T14:39:13.000Z");
  });

  it.each([
    ["2024-11-14T14:39:13", "2024-11-14T12:39:13.000Z"],
    ["2024-11-14 14:39:13.5", "2024-11-14T12:39:13.500Z"],
    ["2024-11-14 14:39:13.123456", "2024-11-14T12:39:13.123Z"],
    ["2024-11-14 14:39:13.999999", "2024-11-14T12:39:13.999Z"],
    ["  2024-11-14 14:39:13\n", "2024-11-14T12:39:13.000Z"],
    ["2024-02-29 10:00:00", "2024-02-29T08:00:00.000Z"],
    ["2024-12-31 23:59:59", "2024-12-31T21:59:59.000Z"],
  ])("accepts the variant %j", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    ["2024-11-14T14:39:13Z", "2024-11-14T14:39:13.000Z"],
    ["2024-11-14 14:39:13z", "2024-11-14T14:39:13.000Z"],
    ["2024-11-14T14:39:13+03:00", "2024-11-14T11:39:13.000Z"],
    ["2024-11-14T14:39:13-05:30", "2024-11-14T20:09:13.000Z"],
    ["2024-11-14 14:39:13.25+00:00", "2024-11-14T14:39:13.250Z"],
    // An explicit zone wins even over a nonexistent Beirut wall time.
    ["2024-03-31T00:30:00+02:00", "2024-03-30T22:30:00.000Z"],
  ])("honours the explicit zone in %s", (text, expected) => {
    expect(iso(text)).toBe(expected);
    expect(iso(text, "Asia/Amman")).toBe(expected);
  });

  it("does not depend on the server's zone", () => {
    const saved = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      expect(iso("2024-11-14 14:39:13")).toBe("2024-11-14T12:39:13.000Z");
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("keeps two-digit years literal", () => {
    expect(iso("0099-06-01 00:00:00", "UTC")).toBe("0099-06-01T00:00:00.000Z");
  });

  it.each([
    "",
    "   ",
    "garbage",
    "2024-11-14",
    "14:39:13",
    "2024-11-14 14:39",
    "2024-11-14 14:39:13 extra",
    "2024-11-14  14:39:13",
    "2024-11-14_14:39:13",
    "2024-1-5 1:02:03",
    "24-11-14 14:39:13",
    "2024/11/14 14:39:13",
    "14-11-2024 14:39:13",
    "2024-02-30 10:00:00",
    "2023-02-29 10:00:00",
    "2024-04-31 10:00:00",
    "2024-13-01 10:00:00",
    "2024-00-10 10:00:00",
    "2024-11-00 10:00:00",
    "2024-11-14 25:00:00",
    "2024-11-14 24:00:00",
    "2024-11-14 14:60:00",
    "2024-11-14 14:39:60",
    "2024-11-14 14:39:13.",
    "2024-11-14 14:39:13.1234567",
    "2024-11-14 14:39:13+24:00",
    "2024-11-14 14:39:13+03:60",
    "2024-11-14 14:39:13+0300",
    "2024-11-14 14:39:13 +03:00",
    "2024-11-14 14:39:13 Asia/Beirut",
    "２０２４-11-14 14:39:13",
    "1731595153",
  ])("rejects %j", (text) => {
    expect(parseWakilniLocalTime(text, DEFAULT_WAKILNI_ZONE)).toBeNull();
  });

  it("throws for an unknown zone, whatever the text, since that is a configuration fault", () => {
    expect(() => parseWakilniLocalTime("2024-11-14 14:39:13", "Mars/Base")).toThrow(RangeError);
    expect(() => parseWakilniLocalTime("2024-11-14T14:39:13Z", "Mars/Base")).toThrow(RangeError);
    expect(() => parseWakilniLocalTime("garbage", "")).toThrow(RangeError);
  });
});

describe("formatWakilniLocalTime", () => {
  it("writes Beirut winter and summer time with their offsets", () => {
    expect(formatWakilniLocalTime(new Date("2024-11-14T12:39:13Z"), "Asia/Beirut")).toBe("2024-11-14T14:39:13+02:00");
    expect(formatWakilniLocalTime(new Date("2024-07-01T09:00:00.900Z"), "Asia/Beirut")).toBe("2024-07-01T12:00:00+03:00");
  });

  it("writes Amman's permanent UTC+3 and plain UTC", () => {
    expect(formatWakilniLocalTime(new Date("2024-01-10T21:30:00Z"), "Asia/Amman")).toBe("2024-01-11T00:30:00+03:00");
    expect(formatWakilniLocalTime(new Date("2024-01-10T21:30:00Z"), "UTC")).toBe("2024-01-10T21:30:00+00:00");
  });

  it("round-trips through parseWakilniLocalTime", () => {
    const instant = new Date("2025-03-30T01:15:00Z");
    expect(parseWakilniLocalTime(formatWakilniLocalTime(instant, "Asia/Beirut"), "Asia/Beirut")).toEqual(instant);
  });
});
