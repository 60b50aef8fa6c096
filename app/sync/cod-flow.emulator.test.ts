// Cash on delivery and the Shopify Flow trigger, end to end: real inbox and worker, the app's Admin
// client over HTTP to the emulator, which checks every trigger against the app's flow_trigger
// extension and derives each order's financial status from its transactions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import type { WakilniTopic } from "../wakilni/topics";
import { NEEDS_ATTENTION_TRIGGER, STATUS_CHANGED_TRIGGER } from "../delivery/flow-trigger";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { resolveAttention } from "./resolve-attention.server";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import { timelineText } from "../delivery/timeline-messages";
import { startEmulator, stopEmulator, syncShop, type SyncShopHarness } from "../../tests/helpers/sync-harness";

beforeAll(async () => {
  await startEmulator({ seed: 20261201 });
});
afterAll(stopEmulator);

const LINE = [{ title: "Cedar soap", quantity: 2, price: "12.50" }];
const JOURNEY: [WakilniTopic, string][] = [
  ["created", "2026-11-28T09:00:00Z"],
  ["confirmed", "2026-11-28T09:05:00Z"],
  ["assigned", "2026-11-28T09:30:00Z"],
  ["processed", "2026-11-28T10:00:00Z"],
  ["completed", "2026-11-28T11:15:00Z"],
];

function sales(harness: SyncShopHarness, name: string) {
  return harness.order(name).transactions.filter((transaction) => transaction.status === "SUCCESS");
}

const ENGLISH = { locale: "en", formatTime: (iso: string) => iso } as const;

async function notes(shop: string) {
  const entries = await prisma.timelineEntry.findMany({ where: { delivery: { shop }, outcome: "note" }, orderBy: { id: "asc" } });
  // Stored as keys and values; read back in English, as the merchant's page would say them.
  return entries.map((entry) => timelineText(entry.messageKey ?? "", JSON.parse(entry.messageValues ?? "{}"), ENGLISH));
}

async function deliver(harness: SyncShopHarness, name: string, journey = JOURNEY) {
  for (const [topic, at] of journey) {
    await harness.send(topic, name, at, topic === "assigned" ? { driver: { name: "Ali", phone: "+961 3 123456" } } : {});
    await harness.drain();
  }
}

describe("cash on delivery", () => {
  it("marks a pending cash-on-delivery order paid once, when Wakilni delivers it, and records the cash", { timeout: 120_000 }, async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", JOURNEY.slice(0, 4));
    expect(sales(harness, "#1001")).toEqual([]);
    await deliver(harness, "#1001", JOURNEY.slice(4));
    expect(sales(harness, "#1001")).toMatchObject([{ kind: "SALE", gateway: "Cash on Delivery (COD)", manual: true, amount: "25.00" }]);
    expect(await notes(harness.shop)).toContain("Marked paid: 25.00 USD collected in cash by Wakilni (Cash on Delivery (COD))");
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });
    expect([delivery.cashCollectedAmount, delivery.cashCollectedCurrency, delivery.cashCollectedAt]).toEqual([
      "25.00",
      "USD",
      harness.clock.now,
    ]);
  });

  it("leaves a card-paid order alone, silently", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, payment: { gateway: "shopify_payments", paid: true } });
    await deliver(harness, "#1001");
    expect(sales(harness, "#1001")).toHaveLength(1);
    expect((await notes(harness.shop)).filter((message) => /paid|Payment/.test(message))).toEqual([]);
  });

  it("leaves an order the merchant marked paid by hand meanwhile alone, and says so", async () => {
    const harness = await syncShop();
    const order = harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", JOURNEY.slice(0, 4));
    const byHand = await fetch(`${harness.emulator.origin}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-emulator-shop": harness.shop, "X-Shopify-Access-Token": await token(harness) },
      body: JSON.stringify({ query: `mutation { orderMarkAsPaid(input: { id: "${order.id}" }) { userErrors { message } } }` }),
    });
    expect((await byHand.json()).data.orderMarkAsPaid.userErrors).toEqual([]);
    await deliver(harness, "#1001", JOURNEY.slice(4));
    expect(sales(harness, "#1001")).toHaveLength(1);
    expect(await notes(harness.shop)).toContain("Payment left alone: the cash-on-delivery order is already paid");
  });

  it.each(["completed_rejected", "closed_failed", "canceled", "failed"] as const)("does nothing for %s", async (topic) => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", [...JOURNEY.slice(0, 4), [topic, "2026-11-28T11:15:00Z"]]);
    expect(sales(harness, "#1001")).toEqual([]);
    expect(harness.order("#1001").transactions.map((transaction) => transaction.status)).toEqual(["PENDING"]);
  });

  it("does nothing when the merchant turned it off", async () => {
    const harness = await syncShop();
    await prisma.shop.update({ where: { shop: harness.shop }, data: { markCodPaid: false } });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001");
    expect(sales(harness, "#1001")).toEqual([]);
  });

  it("marks once when the answer to the mark is lost and the event is retried", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", JOURNEY.slice(0, 4));
    // Delivered: the event, the payment read, then the mark, whose answer is lost.
    harness.emulator.faults.script(["ok", "ok", "lostResponse"]);
    await deliver(harness, "#1001", JOURNEY.slice(4));
    expect(harness.emulator.faults.snapshot().injected.lostResponse).toBeGreaterThanOrEqual(1);
    expect(sales(harness, "#1001")).toHaveLength(1);
    const event = await prisma.inboxEvent.findFirstOrThrow({ where: { shop: harness.shop, topic: "completed" } });
    expect([event.state, event.attempts]).toEqual(["applied", 2]);
  });
});

async function token(harness: SyncShopHarness): Promise<string> {
  const { offlineAccessToken } = await import("../settings/sealed-session-storage.server");
  const { secretBox } = await import("../settings/sealing.server");
  return (await offlineAccessToken(prisma, harness.shop, secretBox))!;
}

function triggerKeys(harness: SyncShopHarness) {
  return harness.emulator.store
    .flowTriggers(harness.shop)
    .map(({ handle, payload }) => `${handle}: ${payload["Previous status"] || "-"} → ${payload["Delivery status"]}`);
}

describe("the Flow trigger", () => {
  it("goes out once per applied status change, with the delivery's details, and never for a duplicate or a stale event", async () => {
    const harness = await syncShop({ trackingUrlTemplate: "https://track.example.com/{waybill}" });
    const order = harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", JOURNEY.slice(0, 4));
    // The same event again (Wakilni's retry) and an older one arriving late.
    const { eventId } = await prisma.inboxEvent.findFirstOrThrow({ where: { shop: harness.shop, topic: "processed" } });
    await harness.send("processed", "#1001", JOURNEY[3][1], { eventId });
    await harness.send("confirmed", "#1001", "2026-11-28T09:10:00Z");
    await harness.drain();
    await deliver(harness, "#1001", JOURNEY.slice(4));
    expect(triggerKeys(harness)).toEqual([
      `${STATUS_CHANGED_TRIGGER}: - → Created`,
      `${STATUS_CHANGED_TRIGGER}: Created → Confirmed`,
      `${STATUS_CHANGED_TRIGGER}: Confirmed → Assigned`,
      `${STATUS_CHANGED_TRIGGER}: Assigned → Out for delivery`,
      `${STATUS_CHANGED_TRIGGER}: Out for delivery → Delivered`,
    ]);
    expect(harness.emulator.store.flowTriggers(harness.shop).at(-1)!.payload).toEqual({
      order_id: Number(order.legacyResourceId),
      "Delivery status": "Delivered",
      "Delivery status code": "completed",
      "Previous status": "Out for delivery",
      Waybill: "#1001",
      "Driver name": "Ali",
      "Driver phone": "+961 3 123456",
      "Tracking URL": "https://track.example.com/%231001",
      "Needs attention": false,
      "Attention reason": "",
      "Wakilni time": "2026-11-28T11:15:00.000Z",
    });
    expect((await notes(harness.shop)).filter((message) => message.startsWith("Shopify Flow trigger sent"))).toHaveLength(5);
  });

  it("says why a delivery needs attention", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", [...JOURNEY.slice(0, 4), ["failed", "2026-11-28T11:00:00Z"]]);
    const statusTriggers = harness.emulator.store.flowTriggers(harness.shop).filter(({ handle }) => handle === STATUS_CHANGED_TRIGGER);
    expect(statusTriggers.at(-1)!.payload).toMatchObject({
      "Delivery status": "Failed attempt",
      "Needs attention": true,
      "Attention reason": "Failed attempt",
    });
  });

  it("is not sent again after a timeout, since Shopify may have received it; the timeline says so", async () => {
    const harness = await syncShop({}, { timeoutMs: 1_500 });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, payment: { gateway: "shopify_payments", paid: true } });
    // Created: find the order, set tags and metafield, then the trigger, which times out.
    harness.emulator.faults.script(["ok", "ok", "timeout"]);
    await deliver(harness, "#1001", JOURNEY.slice(0, 1));
    expect(harness.emulator.store.flowTriggers(harness.shop)).toEqual([]);
    expect(await notes(harness.shop)).toEqual([
      "Shopify Flow trigger for Created not sent again: an earlier attempt may have reached Shopify unanswered",
    ]);
    const [send] = await prisma.flowTriggerSend.findMany({ where: { delivery: { shop: harness.shop } } });
    expect(send.state).toBe("in_doubt");
  });

  it("is sent again when Shopify answered THROTTLED, which proves it was not carried out", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    harness.emulator.faults.script(["ok", "ok", "throttled", "throttled", "throttled", "throttled", "throttled", "throttled"]);
    await deliver(harness, "#1001", JOURNEY.slice(0, 1));
    expect(triggerKeys(harness)).toEqual([`${STATUS_CHANGED_TRIGGER}: - → Created`]);
    const event = await prisma.inboxEvent.findFirstOrThrow({ where: { shop: harness.shop } });
    expect(event.attempts).toBe(2);
  });

  it("a whole lifecycle under 20% injected Shopify faults: exactly one trigger per change, one payment", { timeout: 300_000 }, async () => {
    // No timeout is injected here: the client's own must not expire on a loaded machine either.
    const harness = await syncShop({}, { timeoutMs: 15_000 });
    const ORDERS = 6;
    for (let index = 0; index < ORDERS; index += 1) harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    // Faults that either prove the request was not carried out or were carried out with the answer
    // lost; a timeout or a 5xx leaves a trigger in doubt, and it is then not sent (test above).
    harness.emulator.faults.setRates({ throttled: 0.1, http429: 0.02, lostResponse: 0.08 });
    try {
      for (const [topic, at] of JOURNEY) {
        for (let index = 0; index < ORDERS; index += 1) await harness.send(topic, `#${1001 + index}`, at);
        await harness.drain();
      }
    } finally {
      harness.emulator.faults.setRates({});
    }
    expect(harness.emulator.stats.snapshot().faulted).toBeGreaterThan(5);
    const triggers = harness.emulator.store.flowTriggers(harness.shop);
    for (let index = 0; index < ORDERS; index += 1) {
      const order = harness.order(`#${1001 + index}`);
      const mine = triggers.filter(({ payload }) => payload.order_id === Number(order.legacyResourceId));
      expect(mine.map(({ payload }) => payload["Delivery status code"])).toEqual(JOURNEY.map(([topic]) => topic));
      expect(sales(harness, order.name)).toHaveLength(1);
    }
  });
});

function attentionTriggers(harness: SyncShopHarness) {
  return harness.emulator.store
    .flowTriggers(harness.shop)
    .filter(({ handle }) => handle === NEEDS_ATTENTION_TRIGGER)
    .map(({ payload }) => `${payload["Attention reason code"]} (${payload["Delivery status code"]})`);
}

describe("the needs-attention Flow trigger", () => {
  it("goes out once when a delivery enters attention, beside the status trigger, with the reason and the delivery", async () => {
    const harness = await syncShop({ trackingUrlTemplate: "https://track.example.com/{waybill}" });
    const order = harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", [...JOURNEY.slice(0, 4), ["failed", "2026-11-28T11:00:00Z"]]);
    // Wakilni's retry of the same event sends nothing more.
    const { eventId } = await prisma.inboxEvent.findFirstOrThrow({ where: { shop: harness.shop, topic: "failed" } });
    await harness.send("failed", "#1001", "2026-11-28T11:00:00Z", { eventId });
    await harness.drain();
    expect(attentionTriggers(harness)).toEqual(["failed-attempt (failed)"]);
    expect(harness.emulator.store.flowTriggers(harness.shop).filter(({ handle }) => handle === NEEDS_ATTENTION_TRIGGER)[0].payload).toEqual(
      {
        order_id: Number(order.legacyResourceId),
        "Attention reason": "Failed attempt",
        "Attention reason code": "failed-attempt",
        "Delivery status": "Failed attempt",
        "Delivery status code": "failed",
        Waybill: "#1001",
        "Driver name": "Ali",
        "Driver phone": "+961 3 123456",
        "Tracking URL": "https://track.example.com/%231001",
        "Wakilni time": "2026-11-28T11:00:00.000Z",
      },
    );
    expect(harness.emulator.store.flowTriggers(harness.shop).map(({ handle }) => handle)).toEqual([
      ...Array(5).fill(STATUS_CHANGED_TRIGGER),
      NEEDS_ATTENTION_TRIGGER,
    ]);
    expect((await notes(harness.shop)).filter((message) => message.startsWith("Shopify Flow trigger “needs attention” sent"))).toEqual([
      "Shopify Flow trigger “needs attention” sent: Failed attempt",
    ]);
  });

  it("fires once per episode: not again while the delivery still needs attention, again after it moved on or was resolved", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await deliver(harness, "#1001", [
      ...JOURNEY.slice(0, 4),
      ["postponed", "2026-11-28T10:30:00Z"],
      ["failed", "2026-11-28T11:00:00Z"],
      ["processed", "2026-11-28T12:00:00Z"],
      ["failed", "2026-11-28T13:00:00Z"],
    ]);
    expect(attentionTriggers(harness)).toEqual(["postponed (postponed)", "failed-attempt (failed)"]);
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });
    const gateway = new AdminShopifyGateway(new AdminGraphqlClient({ timeoutMs: 15_000 }));
    await resolveAttention(harness.shop, delivery.id, "Rana", harness.clock.now, gateway);
    await deliver(harness, "#1001", [["postponed", "2026-11-28T14:00:00Z"]]);
    expect(attentionTriggers(harness)).toEqual(["postponed (postponed)", "failed-attempt (failed)", "postponed (postponed)"]);
  });

  it("is sent for a parcel that enters attention within a backlog, once, and never for the statuses around it", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, payment: { gateway: "shopify_payments", paid: true } });
    for (const [topic, at] of [...JOURNEY.slice(0, 4), ["completed_rejected", "2026-11-28T11:00:00Z"]] as const)
      await harness.send(topic, "#1001", at);
    await harness.drain();
    expect(attentionTriggers(harness)).toEqual(["rejected (completed_rejected)"]);
  });

  it("is not sent again after a timeout, with its own note, while the status trigger before it went out", async () => {
    const harness = await syncShop({}, { timeoutMs: 1_500 });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, payment: { gateway: "shopify_payments", paid: true } });
    await deliver(harness, "#1001", JOURNEY.slice(0, 4));
    // Failed attempt: the event, the status trigger, then the attention trigger, which times out.
    harness.emulator.faults.script(["ok", "ok", "timeout"]);
    await deliver(harness, "#1001", [["failed", "2026-11-28T11:00:00Z"]]);
    expect(attentionTriggers(harness)).toEqual([]);
    expect(triggerKeys(harness).at(-1)).toBe(`${STATUS_CHANGED_TRIGGER}: Out for delivery → Failed attempt`);
    expect(triggerKeys(harness).filter((key) => key.endsWith("→ Failed attempt"))).toHaveLength(1);
    expect((await notes(harness.shop)).at(-1)).toBe(
      "Shopify Flow trigger “needs attention” for Failed attempt not sent again: an earlier attempt may have reached Shopify unanswered",
    );
    const sends = await prisma.flowTriggerSend.findMany({ where: { delivery: { shop: harness.shop }, handle: NEEDS_ATTENTION_TRIGGER } });
    expect(sends.map((send) => send.state)).toEqual(["in_doubt"]);
  });

  it("exactly once per entry into attention under 20% injected Shopify faults", { timeout: 300_000 }, async () => {
    const harness = await syncShop({}, { timeoutMs: 15_000 });
    const ORDERS = 6;
    for (let index = 0; index < ORDERS; index += 1) harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    const journey: [WakilniTopic, string][] = [
      ...JOURNEY.slice(0, 4),
      ["failed", "2026-11-28T11:00:00Z"],
      ["processed", "2026-11-28T12:00:00Z"],
      ["completed_rejected", "2026-11-28T13:00:00Z"],
    ];
    harness.emulator.faults.setRates({ throttled: 0.1, http429: 0.02, lostResponse: 0.08 });
    try {
      for (const [topic, at] of journey) {
        for (let index = 0; index < ORDERS; index += 1) await harness.send(topic, `#${1001 + index}`, at);
        await harness.drain();
      }
    } finally {
      harness.emulator.faults.setRates({});
    }
    expect(harness.emulator.stats.snapshot().faulted).toBeGreaterThan(5);
    const triggers = harness.emulator.store.flowTriggers(harness.shop).filter(({ handle }) => handle === NEEDS_ATTENTION_TRIGGER);
    for (let index = 0; index < ORDERS; index += 1) {
      const order = harness.order(`#${1001 + index}`);
      const mine = triggers.filter(({ payload }) => payload.order_id === Number(order.legacyResourceId));
      expect(mine.map(({ payload }) => payload["Attention reason code"])).toEqual(["failed-attempt", "rejected"]);
    }
  });
});
