import { describe, expect, it } from "vitest";
import { RECONCILE_PER_MINUTE } from "../settings/delivery-settings-form";
import {
  FULL_BUCKET,
  MAX_TAKES_PER_SECOND,
  TAKE_SPACING_MS,
  availableTokens,
  takeToken,
  takeWaitMs,
  tokenWaitMs,
  type TokenBucketState,
} from "./token-bucket";

/** Takes one token every spacing from `start` until the bucket refuses one; the bucket after, how many went and when. */
function drain(state: TokenBucketState, perMinute: number, start: number) {
  const takenAt: number[] = [];
  for (let now = start, next = takeToken(state, perMinute, now); next; now += TAKE_SPACING_MS, next = takeToken(state, perMinute, now)) {
    state = next;
    takenAt.push(now);
  }
  return { state, takenAt };
}

describe("the token bucket's arithmetic", () => {
  it("lets a minute's worth go one spacing apart, then one request per 60/rate seconds", () => {
    expect(availableTokens(FULL_BUCKET, 6, 0)).toBe(6);
    const { state, takenAt } = drain(FULL_BUCKET, 6, 0);
    expect(takenAt).toEqual([0, 1, 2, 3, 4, 5].map((take) => take * TAKE_SPACING_MS));
    expect(takeToken(state, 6, 5 * TAKE_SPACING_MS)).toBeNull();
    // What the half second refilled counts towards the next token; the wait is rounded up to the
    // millisecond, so a take after it succeeds.
    const lastTake = 5 * TAKE_SPACING_MS;
    const wait = tokenWaitMs(state, 6, lastTake);
    expect(wait).toBeCloseTo(9_500, -1);
    expect(takeToken(state, 6, lastTake + wait - 1)).toBeNull();
    expect(takeToken(state, 6, lastTake + wait)).toEqual({ tokens: expect.closeTo(0, 3), at: lastTake + wait });
  });

  it("never lets two takes closer than the spacing, however full the bucket, and says how long to wait", () => {
    const once = takeToken(FULL_BUCKET, 600, 0)!;
    expect(availableTokens(once, 600, 0)).toBe(599);
    expect(takeToken(once, 600, TAKE_SPACING_MS - 1)).toBeNull();
    expect(takeWaitMs(once, 600, 40)).toBe(TAKE_SPACING_MS - 40);
    expect(takeToken(once, 600, TAKE_SPACING_MS)).toMatchObject({ at: TAKE_SPACING_MS });
    // An empty bucket waits for its refill, the longer of the two.
    expect(takeWaitMs({ tokens: 0, at: 0 }, 6, 0)).toBe(10_000);
  });

  it("never holds more than a minute's worth however long it was idle", () => {
    expect(availableTokens({ tokens: 0, at: 0 }, 3, 3_600_000)).toBe(3);
  });

  it("over any window sends at most the rate plus the burst, and in any second at most the per-second cap", () => {
    let state = FULL_BUCKET;
    const takenAt: number[] = [];
    for (let now = 0; now <= 10 * 60_000; now += TAKE_SPACING_MS / 4) {
      const next = takeToken(state, 30, now);
      if (!next) continue;
      state = next;
      takenAt.push(now);
    }
    expect(takenAt.length).toBeLessThanOrEqual(30 + 30 * 10);
    expect(takenAt.length).toBeGreaterThanOrEqual(30 * 10);
    for (let take = MAX_TAKES_PER_SECOND; take < takenAt.length; take += 1) {
      expect(takenAt[take] - takenAt[take - MAX_TAKES_PER_SECOND]).toBeGreaterThanOrEqual(1000);
    }
  });

  it("keeps the highest per-minute setting within the per-second cap, so the cap slows only bursts", () => {
    expect(RECONCILE_PER_MINUTE.max).toBeLessThanOrEqual(MAX_TAKES_PER_SECOND * 60);
  });

  it("keeps under a lower rate only what fits, and refuses a rate below one", () => {
    expect(availableTokens({ tokens: 50, at: 0 }, 2, 0)).toBe(2);
    expect(() => availableTokens(FULL_BUCKET, 0, 0)).toThrow(RangeError);
  });

  it("refills nothing for a clock behind the last take (another instance's), and takes nothing until it has passed that take by the spacing", () => {
    const state = { tokens: 1.5, at: 60_000 };
    expect(availableTokens(state, 6, 50_000)).toBe(1);
    expect(takeToken(state, 6, 50_000)).toBeNull();
    expect(takeWaitMs(state, 6, 50_000)).toBe(10_000 + TAKE_SPACING_MS);
    expect(takeToken(state, 6, 60_000 + TAKE_SPACING_MS)).toEqual({ tokens: expect.closeTo(0.51, 9), at: 60_000 + TAKE_SPACING_MS });
  });
});
