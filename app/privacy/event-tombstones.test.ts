import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EventTombstones } from "./event-tombstones";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };

describe("EventTombstones", () => {
  it("names an event by a keyed digest that holds neither the shop nor the event id", () => {
    const digest = new EventTombstones([k1]).digest("shop-a.myshopify.com", "e2986cd1-1e85-4ef1-a85a-89488dd27b92");
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(digest).not.toContain("shop-a");
    expect(digest).not.toContain("e2986cd1");
  });

  it("gives the same event the same digest, and another shop's or another event's a different one", () => {
    const tombstones = new EventTombstones([k1]);
    expect(tombstones.digest("a.myshopify.com", "e-1")).toBe(tombstones.digest("a.myshopify.com", "e-1"));
    expect(tombstones.digest("a.myshopify.com", "e-1")).not.toBe(tombstones.digest("b.myshopify.com", "e-1"));
    expect(tombstones.digest("a.myshopify.com", "e-1")).not.toBe(tombstones.digest("a.myshopify.com", "e-2"));
    // A separator inside the event id cannot make two different pairs collide.
    expect(tombstones.digest("a.myshopify.com", "x\ny")).not.toBe(tombstones.digest("a.myshopify.com\nx", "y"));
  });

  it("depends on the key: without it a digest cannot be recomputed", () => {
    expect(new EventTombstones([k1]).digest("a.myshopify.com", "e-1")).not.toBe(new EventTombstones([k2]).digest("a.myshopify.com", "e-1"));
  });

  it("still recognises a tombstone written under the previous key after a rotation", () => {
    const before = new EventTombstones([k1]).digest("a.myshopify.com", "e-1");
    const rotated = new EventTombstones([k2, k1]);
    expect(rotated.candidates("a.myshopify.com", "e-1")).toEqual([rotated.digest("a.myshopify.com", "e-1"), before]);
    expect(new EventTombstones([k2]).candidates("a.myshopify.com", "e-1")).not.toContain(before);
  });
});
