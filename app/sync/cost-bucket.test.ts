import { describe, expect, it } from "vitest";
import { CostBucket } from "./cost-bucket";

function bucketAt(start = 0) {
  const clock = { now: start };
  const bucket = new CostBucket(() => clock.now, { maximumAvailable: 2000, currentlyAvailable: 100, restoreRate: 100 });
  return { clock, bucket };
}

describe("CostBucket", () => {
  it("lets a request through when its cost fits", () => {
    const { bucket } = bucketAt();
    expect(bucket.delayFor(100)).toBe(0);
    expect(bucket.tryReserve(100)).toBe(true);
  });

  it("waits for the restore rate to refill what is missing", () => {
    const { bucket } = bucketAt();
    expect(bucket.delayFor(150)).toBe(500);
    expect(bucket.tryReserve(150)).toBe(false);
  });

  it("counts reservations of requests still in flight", () => {
    const { bucket } = bucketAt();
    expect(bucket.tryReserve(80)).toBe(true);
    expect(bucket.delayFor(40)).toBe(200);
  });

  it("refills over time, up to the maximum", () => {
    const { bucket, clock } = bucketAt();
    clock.now = 60_000;
    expect(bucket.delayFor(2000)).toBe(0);
    expect(bucket.delayFor(2001)).toBe(0); // never asks for more than the bucket holds
  });

  it("learns the real bucket from each answer", () => {
    const { bucket } = bucketAt();
    expect(bucket.tryReserve(100)).toBe(true);
    bucket.settle(100, { maximumAvailable: 4000, currentlyAvailable: 10, restoreRate: 200 });
    expect(bucket.delayFor(50)).toBe(200);
  });

  it("returns the reservation of a request that failed without an answer", () => {
    const { bucket } = bucketAt();
    expect(bucket.tryReserve(100)).toBe(true);
    bucket.settle(100, null);
    expect(bucket.delayFor(100)).toBe(0);
  });
});
