import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvLine, csvStream } from "./delivery-csv";

describe("csvCell", () => {
  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+961 3 123456", "'+961 3 123456"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["#1001", "#1001"],
    ["a,b", '"a,b"'],
    ["line\nbreak", '"line\nbreak"'],
    ["علي", "علي"],
  ])("writes %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes nothing for a missing value and numbers as they are", () => {
    expect(csvLine([null, undefined, 3, ""])).toBe(",,3,\r\n");
  });
});

describe("csvStream", () => {
  it("starts with the BOM and the header, and reads a page only when the previous chunk was taken", async () => {
    let produced = 0;
    async function* pages() {
      for (let page = 0; page < 1000; page += 1) {
        produced += 1;
        yield Array.from({ length: 100 }, (_, index) => ({ waybill: `WB-${page}-${index}`, driver: "علي" }));
      }
    }
    const stream = csvStream(["Waybill", "Driver"], pages(), (row) => [row.waybill, row.driver]);
    const reader = stream.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

    const first = await reader.read();
    expect([...first.value!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decoder.decode(first.value, { stream: true })).toBe(`${CSV_BOM}Waybill,Driver\r\n`);
    expect(produced).toBe(0);
    const second = await reader.read();
    expect(decoder.decode(second.value).split("\r\n")[0]).toBe("WB-0-0,علي");
    // One page in flight at a time, however large the export: the rest is never read ahead.
    expect(produced).toBe(1);

    let chunks = 2;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      lines += decoder.decode(value).split("\r\n").length - 1;
      expect(produced).toBe(chunks - 1);
    }
    expect(chunks).toBe(1001);
    expect(lines).toBe(99_900);
  });

  it("stops reading rows when the download is cancelled", async () => {
    let finished = false;
    async function* pages() {
      try {
        for (;;) yield [{ waybill: "WB" }];
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(["Waybill"], pages(), (row) => [row.waybill]).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
