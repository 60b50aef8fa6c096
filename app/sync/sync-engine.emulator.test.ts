// The sync engine end to end: real inbox, real worker, the app's Admin client over HTTP to the
// Shopify Admin emulator (real 2026-10 schema). What matters is what Shopify ends up holding.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { ALL_TOPICS, type WakilniTopic } from "../wakilni/topics";
import { linkWaybillToOrder } from "./link-waybill.server";
import { offlineAccessToken } from "../settings/sealed-session-storage.server";
import { secretBox } from "../settings/sealing.server";
import { startEmulator, stopEmulator, syncShop, type SyncShopHarness } from "../../tests/helpers/sync-harness";
import { DEFAULT_SCOPES } from "../../sandbox/shopify-admin-emulator";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);

const LINE = [{ title: "Cedar soap", quantity: 2 }];

function statusTags(tags: string[]) {
  return tags.filter((tag) => tag.startsWith("Wakilni: ") && tag !== "Wakilni: Needs attention");
}

/** An order of the harness's shop with one item at each of these locations (its first order is #1001). */
const ITEM_AT = { "Beirut Warehouse": "Soap", "Jounieh Store": "Oil", "Aramex Fulfillment": "Za'atar" } as const;
function orderAcross(harness: SyncShopHarness, ...locations: (keyof typeof ITEM_AT)[]) {
  harness.emulator.store.createOrder(harness.shop, {
    lineItems: locations.map((location) => ({ title: ITEM_AT[location], quantity: 1, location })),
  });
}

function wakilniFulfillments(harness: SyncShopHarness, name: string) {
  return harness.order(name).fulfillments.filter((fulfillment) => fulfillment.trackingInfo.some((info) => info.company === "Wakilni"));
}

/** What the fulfillment side recorded: the Flow trigger and cash notes have their own tests (cod-flow.emulator.test.ts). */
function fulfillmentSide(entry: { outcome: string; messageKey: string | null }) {
  return entry.outcome !== "note" || !/^(flowTrigger|cash)/.test(entry.messageKey ?? "");
}

async function timeline(shop: string, waybill: string) {
  const delivery = await prisma.delivery.findUniqueOrThrow({
    where: { shop_waybill: { shop, waybill } },
    include: { timeline: { orderBy: { id: "asc" } } },
  });
  return delivery.timeline.filter(fulfillmentSide).map((entry) => `${entry.topic}:${entry.outcome}`);
}

async function deliveryFulfillmentIds(shop: string) {
  return JSON.parse((await prisma.delivery.findFirstOrThrow({ where: { shop } })).fulfillmentIds) as string[];
}

describe("a parcel's whole journey", () => {
  it("links, fulfils with Wakilni tracking, moves the order through its events and keeps one status tag", async () => {
    const harness = await syncShop({ trackingUrlTemplate: "https://track.wakilni.com/{waybill}" });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    const steps: [WakilniTopic, string, string, string | null][] = [
      ["created", "2026-11-28 09:00:00", "Wakilni: Created", null],
      ["confirmed", "2026-11-28 09:05:00", "Wakilni: Confirmed", null],
      ["assigned", "2026-11-28 09:30:00", "Wakilni: Assigned", "CONFIRMED"],
      ["processed", "2026-11-28 10:00:00", "Wakilni: Out for delivery", "OUT_FOR_DELIVERY"],
      ["completed", "2026-11-28 11:15:00", "Wakilni: Delivered", "DELIVERED"],
    ];
    for (const [topic, at, tag, lastEvent] of steps) {
      await harness.send(topic, "#1001", `${at}Z`, topic === "assigned" ? { driver: { name: "Ali", phone: "+961 3 123456" } } : {});
      await harness.drain();
      const order = harness.order("#1001");
      expect(statusTags(order.tags)).toEqual([tag]);
      const fulfillments = wakilniFulfillments(harness, "#1001");
      expect(fulfillments.map((fulfillment) => fulfillment.events.at(-1)?.status ?? null)).toEqual(lastEvent ? [lastEvent] : []);
    }
    const [fulfillment] = wakilniFulfillments(harness, "#1001");
    expect(fulfillment.trackingInfo).toEqual([{ company: "Wakilni", number: "#1001", url: "https://track.wakilni.com/%231001" }]);
    expect(fulfillment.notifyCustomer).toBe(true);
    expect(fulfillment.displayStatus).toBe("DELIVERED");
    expect(fulfillment.events.map((event) => [event.status, event.happenedAt])).toEqual([
      ["CONFIRMED", "2026-11-28T09:30:00Z"],
      ["OUT_FOR_DELIVERY", "2026-11-28T10:00:00Z"],
      ["DELIVERED", "2026-11-28T11:15:00Z"],
    ]);
    expect(fulfillment.events[0].message).toBe("Assigned to driver Ali (+961 3 123456)");
    const metafield = harness.order("#1001").metafields.find((field) => field.key === "delivery");
    expect(JSON.parse(metafield!.value)).toMatchObject({
      waybill: "#1001",
      status: "completed",
      statusLabel: "Delivered",
      // Buyers can read the metafield: the driver's first name only, the phone only when the merchant allows it.
      driver: { firstName: "Ali", phone: null },
      // One event per batch: the history is read back from the timeline each time.
      recent: steps.map(([topic, at]) => ({ status: topic, at: new Date(`${at}Z`).toISOString() })),
    });
    expect(await timeline(harness.shop, "#1001")).toEqual([
      "created:applied",
      "confirmed:applied",
      "assigned:applied",
      "processed:applied",
      "completed:applied",
    ]);
  });

  it("drains a backlog of one parcel in three Admin requests, plus the payment's and Flow's", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, payment: { gateway: "shopify_payments", paid: true } });
    for (const [topic, at] of [
      ["created", "09:00"],
      ["confirmed", "09:05"],
      ["assigned", "09:30"],
      ["processed", "10:00"],
      ["completed", "11:00"],
    ] as const) {
      await harness.send(topic, "1001", `2026-11-28T${at}:00Z`);
    }
    const before = harness.client.stats.requests;
    await harness.drain();
    // Find the order, create the fulfillment, its three events; read the (card) payment; one Flow trigger per status change.
    expect(harness.client.stats.requests - before).toBe(3 + 1 + 5);
    expect(wakilniFulfillments(harness, "#1001")[0].events.map((event) => event.status)).toEqual([
      "CONFIRMED",
      "OUT_FOR_DELIVERY",
      "DELIVERED",
    ]);
    expect(statusTags(harness.order("#1001").tags)).toEqual(["Wakilni: Delivered"]);
  });
});

describe("each row of the status table, from an assigned parcel", () => {
  const expected: Record<WakilniTopic, { tag: string; event?: string; cancelled?: boolean; attention?: boolean }> = {
    created: { tag: "Created" },
    confirmed: { tag: "Confirmed" },
    assigned: { tag: "Assigned", event: "CONFIRMED" },
    processed: { tag: "Out for delivery", event: "OUT_FOR_DELIVERY" },
    postponed: { tag: "Postponed", event: "DELAYED", attention: true },
    failed: { tag: "Failed attempt", event: "ATTEMPTED_DELIVERY", attention: true },
    completed: { tag: "Delivered", event: "DELIVERED" },
    completed_rejected: { tag: "Rejected", event: "FAILURE", attention: true },
    closed_failed: { tag: "Failed", event: "FAILURE", attention: true },
    pending_cancelation: { tag: "Pending cancelation" },
    canceled: { tag: "Canceled", cancelled: true },
    declined: { tag: "Declined", cancelled: true, attention: true },
    ready_for_pickup: { tag: "Ready for pickup", event: "READY_FOR_PICKUP" },
  };

  it.each(ALL_TOPICS)("%s", async (topic) => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    await harness.send(
      topic,
      "#1001",
      "2026-11-28T10:00:00Z",
      topic === "ready_for_pickup" ? { pickupLocation: { officeName: "Wakilni Hamra", phone: "+961 1 111111" } } : {},
    );
    await harness.drain();
    const want = expected[topic];
    const order = harness.order("#1001");
    expect(statusTags(order.tags)).toEqual([`Wakilni: ${want.tag}`]);
    expect(order.tags.includes("Wakilni: Needs attention")).toBe(Boolean(want.attention));
    const [fulfillment] = wakilniFulfillments(harness, "#1001");
    expect(fulfillment.status).toBe(want.cancelled ? "CANCELLED" : "SUCCESS");
    const events = fulfillment.events.map((event) => event.status);
    // A second Order Assigned is a new driver: it is reported again.
    expect(events).toEqual(want.event ? ["CONFIRMED", want.event] : ["CONFIRMED"]);
    if (topic === "ready_for_pickup") expect(fulfillment.events.at(-1)!.message).toBe("Ready for pickup at Wakilni Hamra (+961 1 111111)");
    expect((await prisma.inboxEvent.findMany({ where: { shop: harness.shop } })).every((event) => event.state === "applied")).toBe(true);
  });
});

describe("ordering and protection", () => {
  it("never moves Shopify backwards for an older event that arrives late", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.send("completed", "#1001", "2026-11-28T11:00:00Z");
    await harness.drain();
    await harness.send("processed", "#1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    expect(wakilniFulfillments(harness, "#1001")[0].events.map((event) => event.status)).toEqual(["CONFIRMED", "DELIVERED"]);
    expect(statusTags(harness.order("#1001").tags)).toEqual(["Wakilni: Delivered"]);
    expect(await timeline(harness.shop, "#1001")).toEqual(["assigned:applied", "completed:applied", "processed:stale"]);
  });

  it("records events after a terminal status without applying them", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.send("completed", "#1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    await harness.send("canceled", "#1001", "2026-11-28T12:00:00Z");
    await harness.drain();
    const [fulfillment] = wakilniFulfillments(harness, "#1001");
    expect(fulfillment.status).toBe("SUCCESS");
    expect(statusTags(harness.order("#1001").tags)).toEqual(["Wakilni: Delivered"]);
    expect((await timeline(harness.shop, "#1001")).at(-1)).toBe("canceled:after_terminal");
  });

  it("lets a postponed parcel move on, clearing Needs attention", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.send("postponed", "#1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    expect(harness.order("#1001").tags).toContain("Wakilni: Needs attention");
    await harness.send("completed", "#1001", "2026-11-29T10:00:00Z");
    await harness.drain();
    expect(harness.order("#1001").tags).not.toContain("Wakilni: Needs attention");
    expect(wakilniFulfillments(harness, "#1001")[0].events.map((event) => event.status)).toEqual(["CONFIRMED", "DELAYED", "DELIVERED"]);
  });

  it("creates the fulfillment at the stage the merchant chose", async () => {
    const harness = await syncShop({ fulfillmentStage: "processed", notifyCustomer: false, tagPrefix: "WK " });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(harness.order("#1001").fulfillments).toEqual([]);
    expect(harness.order("#1001").tags).toEqual(["WK Assigned"]);
    await harness.send("processed", "#1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    const [fulfillment] = wakilniFulfillments(harness, "#1001");
    expect(fulfillment.notifyCustomer).toBe(false);
    expect(fulfillment.events.map((event) => event.status)).toEqual(["OUT_FOR_DELIVERY"]);
    expect(harness.order("#1001").tags).toEqual(["WK Out for delivery"]);
  });
});

describe("the order's fulfillment", () => {
  it("fulfils every merchant-managed fulfillment order and leaves a fulfillment service's alone", async () => {
    const harness = await syncShop();
    orderAcross(harness, "Beirut Warehouse", "Jounieh Store", "Aramex Fulfillment");
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    const order = harness.order("#1001");
    const statuses = order.fulfillmentOrders.map((fo) => fo.status).sort();
    expect(statuses).toEqual(["CLOSED", "CLOSED", "OPEN"]);
    // Shopify fulfils one location at a time: one Wakilni fulfillment per merchant location, each told every event.
    const fulfillments = wakilniFulfillments(harness, "#1001");
    expect(fulfillments).toHaveLength(2);
    expect(fulfillments.map((fulfillment) => fulfillment.events.map((event) => event.status))).toEqual([["CONFIRMED"], ["CONFIRMED"]]);
    const notes = await prisma.timelineEntry.findMany({ where: { delivery: { shop: harness.shop }, outcome: "note" } });
    // The note is about the fulfillment the event made: it sits in that event's step.
    expect(
      notes.filter(fulfillmentSide).map((note) => [note.messageKey, note.messageValues, note.topic, note.inboxEventId !== null]),
    ).toEqual([["otherItemsLeftAlone", "{}", "assigned", true]]);
  });

  it.each([
    // The order search goes through; Shopify makes the first location's fulfillment, and its answer is lost.
    { when: "the answer to the first location's fulfillment was lost", faults: ["ok", "lostResponse"] },
    // The order search and the first location's fulfillment go through; the second meets a failing Shopify.
    { when: "Shopify failed between the two", faults: ["ok", "ok", "http503"] },
  ] as const)("fulfils the other location too on the retry when $when", async ({ faults }) => {
    const harness = await syncShop();
    orderAcross(harness, "Beirut Warehouse", "Jounieh Store");
    harness.emulator.faults.script([...faults]);
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "applied" });
    const fulfillments = wakilniFulfillments(harness, "#1001");
    expect(new Set(fulfillments.map((fulfillment) => fulfillment.locationId)).size).toBe(2);
    expect(fulfillments.map((fulfillment) => fulfillment.events.map((event) => event.status))).toEqual([["CONFIRMED"], ["CONFIRMED"]]);
    expect(harness.order("#1001").fulfillmentOrders.map((fo) => fo.status)).toEqual(["CLOSED", "CLOSED"]);
    expect(await deliveryFulfillmentIds(harness.shop)).toEqual(fulfillments.map((fulfillment) => fulfillment.id));
  });

  it("adopts the fulfillment that already carries the waybill instead of creating another", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, fulfilled: { trackingNumber: "#1001", trackingCompany: "Other" } });
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.send("completed", "#1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    const { fulfillments } = harness.order("#1001");
    expect(fulfillments).toHaveLength(1);
    expect(fulfillments[0].events.map((event) => event.status)).toEqual(["CONFIRMED", "DELIVERED"]);
  });

  it("records Shopify's userErrors as a permanent failure, without retrying blindly", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    // The merchant cancels the fulfillment in Shopify; Wakilni carries on.
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });
    const [fulfillmentId] = JSON.parse(delivery.fulfillmentIds) as string[];
    await fetch(`https://${harness.shop}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Access-Token": (await offlineAccessToken(prisma, harness.shop, secretBox))!,
      },
      body: JSON.stringify({ query: `mutation { fulfillmentCancel(id: "${fulfillmentId}") { userErrors { message } } }` }),
    });
    const eventId = await harness.send("processed", "#1001", "2026-11-28T10:00:00Z");
    const requestsBefore = harness.client.stats.requests;
    await harness.drain();
    const event = await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(event.state).toBe("failed");
    expect(event.lastError).toMatch(/event1: /);
    expect(event.attempts).toBe(1);
    // The refused request, then the Needs attention tag alone.
    expect(harness.client.stats.requests - requestsBefore).toBe(2);
    expect(harness.order("#1001").tags).toContain("Wakilni: Needs attention");
    expect((await timeline(harness.shop, "#1001")).at(-1)).toBe("processed:failed");
    // The timeline keeps Shopify's words as a value of a message key, not as the sentence.
    const failed = await prisma.timelineEntry.findFirstOrThrow({ where: { inboxEventId: eventId, outcome: "failed" } });
    expect(failed).toMatchObject({ messageKey: "shopifyRefused", message: null });
    expect(JSON.parse(failed.messageValues!).error).toMatch(/event1: /);
  });
});

/** The merchant releases the hold in Shopify's admin and retries the failed event: this time it is applied. */
async function releaseHoldAndRetry(harness: SyncShopHarness, eventId: number) {
  harness.emulator.store.releaseHold(harness.shop, "#1001");
  await prisma.inboxEvent.update({ where: { id: eventId }, data: { state: "received", nextAttemptAt: harness.clock.now } });
  await harness.drain();
  expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "applied" });
}

describe("a change Shopify refuses", () => {
  it("flags the delivery and tags the order Needs attention; once the hold is released, a retry applies it and clears both", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    // As in the demo's --simulate: the fulfillment order goes on hold just as the app fulfils it.
    harness.emulator.store.holdBeforeNextFulfillment(harness.shop, "#1001");
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "failed", attempts: 1 });
    expect(harness.order("#1001").tags).toContain("Wakilni: Needs attention");
    expect(wakilniFulfillments(harness, "#1001")).toEqual([]);
    const flagged = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });
    expect(flagged.needsAttention).toBe(true);
    expect(await timeline(harness.shop, "#1001")).toEqual(["assigned:failed"]);

    await releaseHoldAndRetry(harness, eventId);
    expect(harness.order("#1001").tags.filter((tag) => tag.startsWith("Wakilni: "))).toEqual(["Wakilni: Assigned"]);
    expect(wakilniFulfillments(harness, "#1001")).toHaveLength(1);
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).needsAttention).toBe(false);
  });

  it("notes it on the timeline when Shopify refuses the Needs attention tag too", async () => {
    // A prefix that leaves room for "Assigned" within Shopify's 255 characters, not for "Needs attention".
    const tagPrefix = "W".repeat(244);
    const harness = await syncShop({ tagPrefix });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    harness.emulator.store.holdBeforeNextFulfillment(harness.shop, "#1001");
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "failed" });
    expect(harness.order("#1001").tags).not.toContain(`${tagPrefix}Needs attention`);
    const note = await prisma.timelineEntry.findFirstOrThrow({ where: { inboxEventId: eventId, outcome: "note" } });
    expect(note.messageKey).toBe("attentionTagRefused");
    expect(JSON.parse(note.messageValues!)).toMatchObject({
      tag: `${tagPrefix}Needs attention`,
      errors: [expect.stringMatching(/too long/)],
    });
    // The queue still finds it: the flag is the app's own.
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).needsAttention).toBe(true);

    // The note on the refused event does not count as the event applied: a retry once the hold is released applies it.
    await releaseHoldAndRetry(harness, eventId);
    expect(wakilniFulfillments(harness, "#1001")).toHaveLength(1);
  });

  it("records the refusal and flags the delivery when Shopify cannot be reached for the tag; a retry applies the change", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    harness.emulator.store.holdBeforeNextFulfillment(harness.shop, "#1001");
    // The order search and the refused fulfillment go through; the Needs attention tag meets a failing Shopify.
    harness.emulator.faults.script(["ok", "ok", "http503"]);
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    const requestsBefore = harness.client.stats.requests;
    await harness.drain();
    // Not retried as a transient failure: what Shopify refused is not sent again.
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "failed", attempts: 1 });
    expect(harness.client.stats.requests - requestsBefore).toBe(3);
    expect(harness.order("#1001").tags).not.toContain("Wakilni: Needs attention");
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).needsAttention).toBe(true);
    const entries = await prisma.timelineEntry.findMany({ where: { inboxEventId: eventId }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.outcome, entry.messageKey, JSON.parse(entry.messageValues!)])).toEqual([
      ["failed", "shopifyRefused", { error: expect.stringMatching(/on_hold/) }],
      ["note", "attentionTagNotSent", { tag: "Wakilni: Needs attention" }],
    ]);

    // The note on the refused event does not count as the event applied.
    await releaseHoldAndRetry(harness, eventId);
    expect(wakilniFulfillments(harness, "#1001")).toHaveLength(1);
  });

  it("keeps the notes about the fulfillment on the refused event's timeline", async () => {
    // Allowed to read other services' fulfillment orders, the app names the location it leaves alone.
    const harness = await syncShop({}, { scopes: [...DEFAULT_SCOPES, "read_third_party_fulfillment_orders"] });
    orderAcross(harness, "Beirut Warehouse", "Aramex Fulfillment");
    harness.emulator.store.holdBeforeNextFulfillment(harness.shop, "#1001");
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    const entries = await prisma.timelineEntry.findMany({ where: { inboxEventId: eventId }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.outcome, entry.messageKey, JSON.parse(entry.messageValues!)])).toEqual([
      ["failed", "shopifyRefused", { error: expect.stringMatching(/on_hold/) }],
      ["note", "otherServicesLeftAlone", { locations: ["Aramex Fulfillment"] }],
    ]);
  });

  it("fulfils a location Shopify refused on a later attempt, keeping the fulfillment made at the other, and reports events on both", async () => {
    const harness = await syncShop();
    orderAcross(harness, "Beirut Warehouse", "Jounieh Store", "Aramex Fulfillment");
    harness.emulator.store.holdBeforeNextFulfillment(harness.shop, "#1001", "Jounieh Store");
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "failed" });
    const [beirut, ...others] = wakilniFulfillments(harness, "#1001");
    expect(others).toEqual([]);
    expect(await deliveryFulfillmentIds(harness.shop)).toEqual([beirut.id]);

    await releaseHoldAndRetry(harness, eventId);
    const fulfillments = wakilniFulfillments(harness, "#1001");
    expect(fulfillments.map((fulfillment) => fulfillment.id)).toEqual([beirut.id, expect.any(String)]);
    expect(new Set(fulfillments.map((fulfillment) => fulfillment.locationId)).size).toBe(2);
    expect(fulfillments.map((fulfillment) => fulfillment.events.map((event) => event.status))).toEqual([["CONFIRMED"], ["CONFIRMED"]]);
    // The fulfillment service's items are still left to it.
    expect(harness.order("#1001").fulfillmentOrders.map((fo) => fo.status)).toEqual(["CLOSED", "CLOSED", "OPEN"]);
    expect(await deliveryFulfillmentIds(harness.shop)).toEqual(fulfillments.map((fulfillment) => fulfillment.id));
    expect(harness.order("#1001").tags.filter((tag) => tag.startsWith("Wakilni: "))).toEqual(["Wakilni: Assigned"]);

    await harness.send("processed", "#1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    expect(wakilniFulfillments(harness, "#1001").map((fulfillment) => fulfillment.events.map((event) => event.status))).toEqual([
      ["CONFIRMED", "OUT_FOR_DELIVERY"],
      ["CONFIRMED", "OUT_FOR_DELIVERY"],
    ]);
  });

  it("records the refusal when Shopify denies the Needs attention tag outright", async () => {
    const scopes = DEFAULT_SCOPES.filter((scope) => scope !== "write_orders");
    const harness = await syncShop({}, { scopes });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    harness.emulator.store.holdBeforeNextFulfillment(harness.shop, "#1001");
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    // Refused, not retried: the denial is no outage.
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "failed", attempts: 1 });
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).needsAttention).toBe(true);
    const entries = await prisma.timelineEntry.findMany({ where: { inboxEventId: eventId }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.outcome, entry.messageKey, JSON.parse(entry.messageValues!)])).toEqual([
      ["failed", "shopifyRefused", { error: expect.stringMatching(/write_orders/) }],
      ["note", "attentionTagRefused", { tag: "Wakilni: Needs attention", errors: [expect.stringMatching(/Access denied for tagsAdd/)] }],
    ]);
  });

  it("keeps the fulfillment it adopted when Shopify refuses a later step of the change", async () => {
    // Room for the status tags within Shopify's 255 characters, not for Needs attention, which Postponed adds.
    const harness = await syncShop({ tagPrefix: "W".repeat(244) });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, fulfilled: { trackingNumber: "#1001", trackingCompany: "Other" } });
    const eventId = await harness.send("postponed", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "failed" });
    // The event went out with the refused tags: the fulfillment is the app's, and the delivery says so.
    const [fulfillment] = harness.order("#1001").fulfillments;
    expect(fulfillment.events.map((event) => event.status)).toEqual(["DELAYED"]);
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });
    expect(JSON.parse(delivery.fulfillmentIds)).toEqual([fulfillment.id]);
  });

  it("keeps the fulfillment Shopify made when it refuses the tags sent with it, and cancels it when Wakilni cancels", async () => {
    const harness = await syncShop({ tagPrefix: "W".repeat(244) });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    const eventId = await harness.send("postponed", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "failed" });
    const [made] = wakilniFulfillments(harness, "#1001");
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } });
    expect(JSON.parse(delivery.fulfillmentIds)).toEqual([made.id]);

    await harness.send("canceled", "#1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    expect(wakilniFulfillments(harness, "#1001").map((fulfillment) => [fulfillment.id, fulfillment.status])).toEqual([
      [made.id, "CANCELLED"],
    ]);
  });
});

describe("events the retry policy gives up on", () => {
  it("flag the delivery and tag the order Needs attention once Shopify answers again", async () => {
    const harness = await syncShop({}, { retry: { maxAttempts: 2 } });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    // The order search goes through; the fulfillment, then the order's read, meet a failing Shopify.
    harness.emulator.faults.script(["ok", "http503", "http503"]);
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "dead", attempts: 2 });
    expect(harness.order("#1001").tags).toContain("Wakilni: Needs attention");
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).needsAttention).toBe(true);
  });

  it("flag the delivery even while Shopify is still down, the order untagged", async () => {
    const harness = await syncShop({}, { retry: { maxAttempts: 2 } });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    harness.emulator.faults.script(["ok", "http503", "http503", "http503"]);
    const eventId = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(await prisma.inboxEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ state: "dead" });
    expect(harness.order("#1001").tags).not.toContain("Wakilni: Needs attention");
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).needsAttention).toBe(true);
    const notes = await prisma.timelineEntry.findMany({ where: { inboxEventId: eventId, outcome: "note" } });
    expect(notes.map((note) => note.messageKey)).toEqual(["attentionTagNotSent"]);
  });
});

describe("waybills without an order", () => {
  it("parks them, then replays them in order once the merchant links the order", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("processed", "WK-77", "2026-11-28T10:00:00Z");
    await harness.send("assigned", "WK-77", "2026-11-28T09:00:00Z");
    await harness.drain();
    const parked = await prisma.inboxEvent.findMany({ where: { shop: harness.shop } });
    expect(parked.map((event) => event.state)).toEqual(["parked", "parked"]);
    expect(parked[0].lastError).toMatch(/No order matches waybill WK-77/);
    const parkedEntries = await prisma.timelineEntry.findMany({ where: { delivery: { shop: harness.shop } } });
    expect(parkedEntries.map((entry) => [entry.messageKey, entry.messageValues, entry.message])).toEqual([
      ["unmatchedOrder", '{"waybill":"WK-77"}', null],
      ["unmatchedOrder", '{"waybill":"WK-77"}', null],
    ]);
    expect(await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).toMatchObject({
      orderId: null,
      needsAttention: true,
    });

    const linked = await linkWaybillToOrder(harness.shop, "WK-77", "1001", harness.clock.now);
    expect(linked).toMatchObject({ orderName: "#1001", requeued: 2 });
    await harness.drain();
    const [fulfillment] = wakilniFulfillments(harness, "#1001");
    expect(fulfillment.trackingInfo[0].number).toBe("WK-77");
    expect(fulfillment.events.map((event) => event.status)).toEqual(["CONFIRMED", "OUT_FOR_DELIVERY"]);
    expect(await timeline(harness.shop, "WK-77")).toEqual([
      "assigned:parked",
      "processed:parked",
      // The merchant's link, a step of its own.
      "null:note",
      "assigned:applied",
      "processed:applied",
    ]);
    const entries = await prisma.timelineEntry.findMany({ where: { delivery: { shop: harness.shop } }, orderBy: { id: "asc" } });
    expect(
      entries
        .slice(2)
        .filter(fulfillmentSide)
        .map((entry) => [entry.messageKey, entry.messageValues]),
    ).toEqual([
      ["linkedToOrder", '{"order":"#1001"}'],
      ["applied", '{"status":"assigned"}'],
      ["applied", '{"status":"processed"}'],
    ]);
  });

  it("finds orders through the merchant's waybill pattern", async () => {
    const harness = await syncShop({ waybillPattern: "SHOP-{number}" });
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "SHOP-1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    expect(wakilniFulfillments(harness, "#1001")).toHaveLength(1);
  });
});

describe("one poisonous event", () => {
  it("fails at once with the database's reason, and its waybill's later event is applied in the same drain", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    const assigned = await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z", { driver: { name: "Ali", phone: "+961 3 123456" } });
    const completed = await harness.send("completed", "#1001", "2026-11-28T10:00:00Z");
    // The database refuses the Assigned event's timeline text, as PostgreSQL refused a NUL before the edge replaced it.
    const postgres = process.env.DATABASE_URL?.startsWith("postgres");
    if (postgres) {
      await prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN IF NEW."inboxEventId" = ${assigned} THEN RAISE EXCEPTION 'invalid byte sequence for encoding "UTF8": 0x00' USING ERRCODE = '22021'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_poison BEFORE INSERT ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION refuse_poison()`,
      );
    } else {
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_poison BEFORE INSERT ON "TimelineEntry" WHEN NEW."inboxEventId" = ${assigned} BEGIN SELECT RAISE(ABORT, 'poisoned text'); END`,
      );
    }
    try {
      await harness.drain();
    } finally {
      await prisma.$executeRawUnsafe(postgres ? `DROP TRIGGER refuse_poison ON "TimelineEntry"` : "DROP TRIGGER refuse_poison");
    }
    const events = await prisma.inboxEvent.findMany({ where: { shop: harness.shop }, orderBy: { id: "asc" } });
    // "failed" at its first refusal, not "dead" after the retry budget (a busy machine may add a transient retry before it).
    expect(events.map((event) => [event.id, event.state])).toEqual([
      [assigned, "failed"],
      [completed, "applied"],
    ]);
    expect(events[0].lastError).toMatch(/^the database refused the event's data: /);
    const [fulfillment] = wakilniFulfillments(harness, "#1001");
    expect(fulfillment.events.map((event) => event.status)).toEqual(["CONFIRMED", "DELIVERED"]);
    expect(statusTags(harness.order("#1001").tags)).toEqual(["Wakilni: Delivered"]);
    expect(await timeline(harness.shop, "#1001")).toEqual(["completed:applied"]);
  });
});

describe("the delivery's last event", () => {
  it("is Wakilni's latest time, whenever the app got or applied it: a late older event does not move it", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    const lastEventAt = async (waybill: string) =>
      (await prisma.delivery.findUniqueOrThrow({ where: { shop_waybill: { shop: harness.shop, waybill } } })).lastEventAt?.toISOString();

    await harness.send("completed", "#1001", "2026-11-28T11:15:00Z");
    await harness.drain();
    expect(await lastEventAt("#1001")).toBe("2026-11-28T11:15:00.000Z");
    await harness.send("assigned", "#1001", "2026-11-28T09:30:00Z");
    await harness.drain();
    expect(await lastEventAt("#1001")).toBe("2026-11-28T11:15:00.000Z");

    await harness.send("created", "NO-SUCH-ORDER", "2026-11-27T08:00:00Z");
    await harness.drain();
    expect(await lastEventAt("NO-SUCH-ORDER")).toBe("2026-11-27T08:00:00.000Z");
  });
});
