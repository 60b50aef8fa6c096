import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY as policy, NEVER, afterParking, afterTransientFailure } from "./retry-policy";

const now = new Date("2026-11-28T10:00:00Z");
const at = (decision: ReturnType<typeof afterTransientFailure>) => (decision.retry ? decision.at.getTime() - now.getTime() : null);

describe("afterTransientFailure", () => {
  it("waits anywhere between zero and the exponential ceiling (full jitter)", () => {
    expect(at(afterTransientFailure(policy, 1, now, () => 0))).toBe(0);
    expect(at(afterTransientFailure(policy, 1, now, () => 0.999999))).toBe(999);
    expect(at(afterTransientFailure(policy, 4, now, () => 0.5))).toBe(4_000);
  });

  it("caps the ceiling at the maximum delay", () => {
    expect(at(afterTransientFailure({ ...policy, maxAttempts: 20 }, 12, now, () => 0.999999))).toBe(policy.maxDelayMs - 1);
  });

  it("gives up after the configured number of attempts", () => {
    expect(afterTransientFailure(policy, policy.maxAttempts, now, () => 0.5)).toEqual({ retry: false });
    expect(afterTransientFailure({ ...policy, maxAttempts: 3 }, 2, now, () => 0.5).retry).toBe(true);
  });
});

describe("afterParking", () => {
  it("backs off from one minute towards an hour", () => {
    expect(afterParking(policy, now, 1, now, () => 0).getTime() - now.getTime()).toBe(30_000);
    expect(afterParking(policy, now, 1, now, () => 0.999999).getTime() - now.getTime()).toBeLessThan(60_000);
    expect(afterParking(policy, now, 20, now, () => 0.999999).getTime() - now.getTime()).toBeLessThan(policy.parkMaxDelayMs);
  });

  it("never schedules past the end of the day-long window, and stops after it", () => {
    const parkedSince = new Date(now.getTime() - policy.parkWindowMs + 1_000);
    expect(afterParking(policy, parkedSince, 30, now, () => 0.9).getTime()).toBe(parkedSince.getTime() + policy.parkWindowMs);
    expect(afterParking(policy, new Date(now.getTime() - policy.parkWindowMs), 30, now, () => 0.5)).toBe(NEVER);
  });
});
