import { describe, expect, it } from "vitest";
import { TokenBucket } from "./token-bucket";

describe("TokenBucket", () => {
  it("lets a minute's worth go at once, then one request per 60/rate seconds", () => {
    const bucket = new TokenBucket(6, 0);
    expect(bucket.available(0)).toBe(6);
    for (let sent = 0; sent < 6; sent++) expect(bucket.take(0)).toBe(true);
    expect(bucket.take(0)).toBe(false);
    expect(bucket.waitMs(0)).toBe(10_000);
    expect(bucket.take(9_999)).toBe(false);
    expect(bucket.take(10_000)).toBe(true);
  });

  it("never holds more than a minute's worth however long it was idle", () => {
    const bucket = new TokenBucket(3, 0);
    expect(bucket.available(3_600_000)).toBe(3);
  });

  it("over any window sends at most the rate plus the burst", () => {
    const bucket = new TokenBucket(30, 0);
    let sent = 0;
    for (let now = 0; now <= 10 * 60_000; now += 250) while (bucket.take(now)) sent += 1;
    expect(sent).toBeLessThanOrEqual(30 + 30 * 10);
    expect(sent).toBeGreaterThanOrEqual(30 * 10);
  });

  it("takes a new rate without handing out more than the new size", () => {
    const bucket = new TokenBucket(60, 0);
    bucket.setRate(2, 0);
    expect(bucket.available(0)).toBe(2);
    expect(() => new TokenBucket(0, 0)).toThrow(RangeError);
  });
});
