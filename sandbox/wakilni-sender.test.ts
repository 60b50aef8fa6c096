import { describe, expect, it } from "vitest";
import { wakilniOrderIdFor } from "./wakilni-sender";

describe("wakilniOrderIdFor", () => {
  it("gives each waybill its own six-digit order id, the same every time", () => {
    const waybills = Array.from({ length: 200 }, (_, index) => `#${1001 + index}`);
    const ids = waybills.map(wakilniOrderIdFor);
    expect(new Set(ids).size).toBeGreaterThan(195);
    for (const id of ids) expect(String(id)).toMatch(/^\d{6}$/);
    expect(waybills.map(wakilniOrderIdFor)).toEqual(ids);
  });
});
