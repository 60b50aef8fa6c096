// Shopify misbehaving the ways a real connection does — 5xx, 429, THROTTLED with HTTP 200,
// timeouts, and answers lost after Shopify already applied the request — on 20% of requests.
// Every event must still end applied exactly once: one fulfillment per order, each event once,
// each cash-on-delivery order marked paid once, and no Flow trigger sent twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { startEmulator, stopEmulator, syncShop } from "../../tests/helpers/sync-harness";
import type { ShopifyAdminEmulator } from "../../sandbox/shopify-admin-emulator";

let emulator: ShopifyAdminEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 20261128 });
});
afterAll(stopEmulator);

const ORDERS = 25;
const JOURNEY = [
  ["created", "08:00"],
  ["confirmed", "08:10"],
  ["assigned", "09:00"],
  ["processed", "10:00"],
  ["completed", "11:00"],
] as const;

describe("with 20% of Shopify requests failing", () => {
  // Each event now also reads or marks the payment and sends a Flow trigger: three times the requests.
  it("applies every event exactly once", { timeout: 300_000 }, async () => {
    const harness = await syncShop({}, { timeoutMs: 250 });
    for (let index = 0; index < ORDERS; index += 1)
      emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    emulator.faults.setRates({ http500: 0.04, http503: 0.03, http429: 0.02, throttled: 0.04, timeout: 0.02, lostResponse: 0.05 });
    try {
      // Two waves: a backlog first, then the rest one event at a time.
      for (const [wave, steps] of [
        [0, JOURNEY.slice(0, 3)],
        [1, JOURNEY.slice(3)],
      ] as const) {
        for (const [topic, at] of steps) {
          for (let index = 0; index < ORDERS; index += 1) await harness.send(topic, `#${1001 + index}`, `2026-11-28T${at}:00Z`);
          if (wave === 1) await harness.drain();
        }
        await harness.drain();
      }
    } finally {
      emulator.faults.setRates({});
    }

    const faulted = emulator.stats.snapshot().faulted;
    expect(faulted).toBeGreaterThan(10);
    const events = await prisma.inboxEvent.findMany({ where: { shop: harness.shop } });
    expect(events).toHaveLength(ORDERS * JOURNEY.length);
    expect(events.filter((event) => event.state !== "applied")).toEqual([]);
    expect(events.some((event) => event.attempts > 1)).toBe(true);
    for (let index = 0; index < ORDERS; index += 1) {
      const order = harness.order(`#${1001 + index}`);
      expect(order.fulfillments).toHaveLength(1);
      expect(order.fulfillments[0].events.map((event) => event.status)).toEqual(["CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED"]);
      expect(order.tags).toEqual(["Wakilni: Delivered"]);
      expect(order.transactions.filter((transaction) => transaction.status === "SUCCESS")).toHaveLength(1);
    }
    // A timeout or a 5xx leaves a trigger in doubt: it is not sent again (at most once, docs/decisions/016).
    const triggers = emulator.store.flowTriggers(harness.shop);
    const perChange = new Map<string, number>();
    for (const { payload } of triggers) {
      const key = `${payload.order_id} ${payload["Delivery status code"]}`;
      perChange.set(key, (perChange.get(key) ?? 0) + 1);
    }
    expect([...perChange.values()].every((count) => count === 1)).toBe(true);
    expect(triggers.length).toBeGreaterThan(ORDERS * JOURNEY.length * 0.75);
  });
});
