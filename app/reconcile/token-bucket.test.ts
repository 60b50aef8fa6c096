import { describe, expect, it } from "vitest";
import { FULL_BUCKET, availableTokens, takeToken, tokenWaitMs, type TokenBucketState } from "./token-bucket";

/** Takes as many tokens as the bucket gives at `now`; the bucket after and how many went. */
function drain(state: TokenBucketState, perMinute: number, now: number) {
  let taken = 0;
  for (let next = takeToken(state, perMinute, now); next; next = takeToken(state, perMinute, now)) {
    state = next;
    taken += 1;
  }
  return { state, taken };
}

describe("the token bucket's arithmetic", () => {
  it("lets a minute's worth go at once, then one request per 60/rate seconds", () => {
    expect(availableTokens(FULL_BUCKET, 6, 0)).toBe(6);
    const { state, taken } = drain(FULL_BUCKET, 6, 0);
    expect(taken).toBe(6);
    expect(takeToken(state, 6, 0)).toBeNull();
    expect(tokenWaitMs(state, 6, 0)).toBe(10_000);
    expect(takeToken(state, 6, 9_999)).toBeNull();
    expect(takeToken(state, 6, 10_000)).toEqual({ tokens: 0, at: 10_000 });
  });

  it("never holds more than a minute's worth however long it was idle", () => {
    expect(availableTokens({ tokens: 0, at: 0 }, 3, 3_600_000)).toBe(3);
  });

  it("over any window sends at most the rate plus the burst", () => {
    let state = FULL_BUCKET;
    let sent = 0;
    for (let now = 0; now <= 10 * 60_000; now += 250) {
      const drained = drain(state, 30, now);
      state = drained.state;
      sent += drained.taken;
    }
    expect(sent).toBeLessThanOrEqual(30 + 30 * 10);
    expect(sent).toBeGreaterThanOrEqual(30 * 10);
  });

  it("keeps under a lower rate only what fits, and refuses a rate below one", () => {
    expect(availableTokens({ tokens: 50, at: 0 }, 2, 0)).toBe(2);
    expect(() => availableTokens(FULL_BUCKET, 0, 0)).toThrow(RangeError);
  });

  it("refills nothing for a clock behind the last take (another instance's), and does not move the bucket back", () => {
    const state = { tokens: 1.5, at: 60_000 };
    expect(availableTokens(state, 6, 50_000)).toBe(1);
    expect(takeToken(state, 6, 50_000)).toEqual({ tokens: 0.5, at: 60_000 });
  });
});
