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

  it("holds parked retries to their share of the budget, however full the bucket", () => {
    const clock = { now: 0 };
    // A full 2,000-point bucket at 100 points/s: parked retries get 10%, 200 points and 10 per second.
    const bucket = new CostBucket(() => clock.now, { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 });
    expect(bucket.tryReserve(86, "parked")).toBe(true);
    bucket.settle(86, { maximumAvailable: 2000, currentlyAvailable: 1914, restoreRate: 100 }, "parked", 86);
    expect(bucket.tryReserve(86, "parked")).toBe(true);
    bucket.settle(86, { maximumAvailable: 2000, currentlyAvailable: 1828, restoreRate: 100 }, "parked", 86);
    // 28 points of allowance left: the third search waits 5.8 s for 58 more, live work not at all.
    expect(bucket.delayFor(86, "parked")).toBe(5800);
    expect(bucket.delayFor(86)).toBe(0);
    clock.now = 5800;
    expect(bucket.tryReserve(86, "parked")).toBe(true);
  });

  it("charges a parked retry what Shopify charged, not what it reserved", () => {
    const clock = { now: 0 };
    const bucket = new CostBucket(() => clock.now, { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 });
    for (let search = 0; search < 20; search += 1) {
      expect(bucket.tryReserve(86, "parked")).toBe(true);
      bucket.settle(86, null, "parked", 4); // nothing found: Shopify refunds all but 4 points
    }
    expect(bucket.delayFor(86, "parked")).toBe(0);
  });

  it("keeps the points a waiting merchant request needs from the worker's lanes until it has them", () => {
    const { bucket, clock } = bucketAt();
    // 100 points there, 100 a second: a merchant's 150-point request waits 0.5 s for the rest.
    const release = bucket.holdForMerchant(150);
    expect(bucket.delayFor(150, "merchant")).toBe(500);
    // The worker's 40 points would fit now; they wait for the merchant's 150 and their own 40.
    expect(bucket.delayFor(40)).toBe(900);
    expect(bucket.tryReserve(40, "parked")).toBe(false);
    clock.now = 500;
    expect(bucket.tryReserve(150, "merchant")).toBe(true);
    release();
    release(); // twice is once
    expect(bucket.delayFor(40)).toBe(400);
  });
});
