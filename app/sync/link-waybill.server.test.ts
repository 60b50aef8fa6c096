// Linking a waybill to an order while the worker is busy with the same waybill's events (the
// interleaving is forced, not hoped for: the worker starts its batch at the last moment before
// the link writes, which is when a link that decides from an earlier read would undo it), and
// unlinking it from the wrong order: what Shopify holds afterwards on both orders, end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "../db.server";
import { prismaInboxStore } from "../inbox/inbox-store.server";
import { NEVER } from "../inbox/retry-policy";
import { startEmulator, stopEmulator, syncShop, type SyncShopHarness } from "../../tests/helpers/sync-harness";
import { orderActionRefusal } from "../delivery/order-action-refusals";
import { LinkError, linkWaybillToOrder, unlinkPreview, unlinkWaybill } from "./link-waybill.server";
import { AdminShopifyGateway } from "./shopify-gateway.server";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);
afterEach(() => vi.restoreAllMocks());

const events = (shop: string) =>
  prisma.inboxEvent.findMany({
    where: { shop },
    orderBy: { id: "asc" },
    select: { id: true, state: true, leaseOwner: true, transitions: { orderBy: { id: "asc" }, select: { state: true } } },
  });

describe("linkWaybillToOrder", () => {
  it("queues the waybill's parked events again, with a transition naming the order", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
    await harness.send("processed", "WK-9", "2026-11-28T10:00:00Z");
    await harness.drain();
    expect((await events(harness.shop)).map((event) => event.state)).toEqual(["parked", "parked"]);

    const linked = await linkWaybillToOrder(harness.shop, "WK-9", "#1001", harness.clock.now);

    expect(linked).toMatchObject({ orderName: "#1001", requeued: 2 });
    const after = await events(harness.shop);
    expect(after.map((event) => event.state)).toEqual(["received", "received"]);
    const transitions = await prisma.inboxEventTransition.findMany({ where: { inboxEventId: after[0].id }, orderBy: { id: "desc" } });
    expect(transitions[0]).toMatchObject({
      state: "received",
      at: harness.clock.now,
      detail: "Linked to order #1001; its waiting Wakilni events are applied again",
      messageKey: "linkedToOrder",
      messageValues: JSON.stringify({ order: "#1001" }),
    });
  });

  it("leaves alone the events a worker started between the link's decision and its write", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
    await harness.drain();
    const key = { shop: harness.shop, waybill: "WK-9" };
    const worker = "worker-racing-the-link";
    expect(await prismaInboxStore.claim(key, worker, harness.clock.now, 60_000)).toBe(true);

    // The link's write is its one transaction; the worker's batch starts just before it.
    const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
    let started: number[] = [];
    vi.spyOn(prisma, "$transaction").mockImplementationOnce((async (...args: unknown[]) => {
      started = (await prismaInboxStore.startBatch(key, worker, harness.clock.now, 50)).map((event) => event.id);
      return transaction(...args);
    }) as typeof prisma.$transaction);

    const linked = await linkWaybillToOrder(harness.shop, "WK-9", "#1001", harness.clock.now);

    const after = await events(harness.shop);
    expect(started).toEqual(after.map((event) => event.id));
    expect(after.map((event) => [event.state, event.leaseOwner])).toEqual([["processing", worker]]);
    expect(after[0].transitions.map((transition) => transition.state)).toEqual(["received", "processing", "parked", "processing"]);
    expect(linked.requeued).toBe(0);
    // The worker still owns its batch: its results are recorded.
    expect(await prismaInboxStore.finish(key, worker, [{ id: started[0], state: "applied", detail: "ok" }], harness.clock.now)).toBe(true);
    expect((await events(harness.shop))[0].state).toBe("applied");
  });
});

const LINE = [{ title: "Cedar soap", quantity: 1 }];

function appTags(harness: SyncShopHarness, name: string) {
  return harness.order(name).tags.filter((tag) => tag.startsWith("Wakilni: "));
}

function appFulfillments(harness: SyncShopHarness, name: string) {
  return harness.order(name).fulfillments.filter((fulfillment) => fulfillment.trackingInfo.some((info) => info.number === "WK-9"));
}

function appMetafield(harness: SyncShopHarness, name: string) {
  return harness.order(name).metafields.find((metafield) => metafield.key === "delivery") ?? null;
}

/** WK-9 matches no order by itself; the merchant links it to #1001 though it belongs to #1002. */
async function linkedToTheWrongOrder(events: [Parameters<SyncShopHarness["send"]>[0], string][]) {
  const harness = await syncShop();
  harness.emulator.store.createOrder(harness.shop, { lineItems: LINE, tags: ["VIP"] });
  harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
  for (const [topic, at] of events) await harness.send(topic, "WK-9", at);
  await harness.drain();
  await linkWaybillToOrder(harness.shop, "WK-9", "#1001", harness.clock.now);
  await harness.drain();
  return harness;
}

const JOURNEY: [Parameters<SyncShopHarness["send"]>[0], string][] = [
  ["assigned", "2026-11-28T09:00:00Z"],
  ["postponed", "2026-11-28T10:00:00Z"],
];

describe("unlinkWaybill", () => {
  it("takes the app's tags, metafield and fulfillment off the wrong order, and the next link applies the events once to the right one", async () => {
    const harness = await linkedToTheWrongOrder(JOURNEY);
    expect(appTags(harness, "#1001").sort()).toEqual(["Wakilni: Needs attention", "Wakilni: Postponed"]);
    expect(appMetafield(harness, "#1001")).not.toBeNull();
    const [wrongFulfillment] = appFulfillments(harness, "#1001");
    expect(wrongFulfillment.status).toBe("SUCCESS");

    const unlinked = await unlinkWaybill(harness.shop, "WK-9", harness.clock.now);

    expect(unlinked).toEqual({ orderName: "#1001", reparked: 2, undone: ["tags", "metafield", `fulfillment:${wrongFulfillment.id}`] });
    expect(harness.order("#1001").tags).toEqual(["VIP"]);
    expect(appMetafield(harness, "#1001")).toBeNull();
    expect(appFulfillments(harness, "#1001").map((fulfillment) => fulfillment.status)).toEqual(["CANCELLED"]);
    const delivery = await prisma.delivery.findUniqueOrThrow({
      where: { shop_waybill: { shop: harness.shop, waybill: "WK-9" } },
      include: { timeline: { orderBy: { id: "asc" } } },
    });
    expect(delivery).toMatchObject({
      orderId: null,
      orderName: null,
      fulfillmentIds: "[]",
      status: null,
      lastAppliedAt: null,
      needsAttention: true,
    });
    expect(delivery.timeline.at(-1)).toMatchObject({
      outcome: "note",
      undoneAt: null,
      messageKey: "unlinkedFromOrder",
      message: null,
    });
    expect(JSON.parse(delivery.timeline.at(-1)!.messageValues!)).toEqual({
      order: "#1001",
      undone: ["tags", "metafield", expect.stringMatching(/^fulfillment:gid:\/\/shopify\/Fulfillment\/\d+$/)],
    });
    expect(
      delivery.timeline
        .filter((entry) => entry.outcome === "applied")
        .every((entry) => entry.undoneAt?.getTime() === harness.clock.now.getTime()),
    ).toBe(true);
    const parked = await prisma.inboxEvent.findMany({
      where: { shop: harness.shop },
      include: { transitions: { orderBy: { id: "desc" }, take: 1 } },
    });
    const unlinkedColumns = ["Unlinked from order #1001: waiting for a link", "unlinkedWaiting", JSON.stringify({ order: "#1001" })];
    expect(
      parked.map((event) => [
        event.state,
        event.nextAttemptAt,
        [event.transitions[0].detail, event.transitions[0].messageKey, event.transitions[0].messageValues],
        [event.lastError, event.lastErrorKey, event.lastErrorValues],
      ]),
    ).toEqual([
      ["parked", NEVER, unlinkedColumns, unlinkedColumns],
      ["parked", NEVER, unlinkedColumns, unlinkedColumns],
    ]);
    // Nothing is due: the worker does not find the wrong order again by itself.
    await harness.drain();
    expect(await prisma.delivery.count({ where: { shop: harness.shop, orderId: { not: null } } })).toBe(0);
    expect(await prisma.waybillLease.count({ where: { shop: harness.shop } })).toBe(0);

    const linked = await linkWaybillToOrder(harness.shop, "WK-9", "#1002", harness.clock.now);
    await harness.drain();

    expect(linked.requeued).toBe(2);
    expect(appTags(harness, "#1002").sort()).toEqual(["Wakilni: Needs attention", "Wakilni: Postponed"]);
    // The history starts again with the relink: the wrong order's applications were undone.
    expect(JSON.parse(appMetafield(harness, "#1002")!.value)).toMatchObject({
      waybill: "WK-9",
      status: "postponed",
      recent: JOURNEY.map(([status, at]) => ({ status, at: new Date(at).toISOString() })),
    });
    const rightFulfillments = appFulfillments(harness, "#1002");
    expect(rightFulfillments).toHaveLength(1);
    expect(rightFulfillments[0].events.map((event) => [event.status, event.happenedAt])).toEqual([
      ["CONFIRMED", "2026-11-28T09:00:00Z"],
      ["DELAYED", "2026-11-28T10:00:00Z"],
    ]);
    expect(harness.order("#1001").tags).toEqual(["VIP"]);
    expect((await prisma.inboxEvent.findMany({ where: { shop: harness.shop } })).map((event) => event.state)).toEqual([
      "applied",
      "applied",
    ]);
  });

  it("reports a fulfillment Shopify refuses to cancel and still undoes the rest", async () => {
    const harness = await linkedToTheWrongOrder([
      ["assigned", "2026-11-28T09:00:00Z"],
      ["completed", "2026-11-28T11:00:00Z"],
    ]);
    const [delivered] = appFulfillments(harness, "#1001");
    // Shopify may refuse to cancel a delivered fulfillment; the emulator lets it, so its answer is replaced here.
    const apply = AdminShopifyGateway.prototype.apply;
    vi.spyOn(AdminShopifyGateway.prototype, "apply").mockImplementation(async function (this: AdminShopifyGateway, shop, request) {
      if (request.cancelFulfillmentId === null) return apply.call(this, shop, request);
      return {
        createdFulfillmentId: null,
        orderPartlyFulfilled: false,
        userErrors: ["fulfillmentCancel: Cannot cancel a delivered fulfillment. (id)"],
      };
    });

    const unlinked = await unlinkWaybill(harness.shop, "WK-9", harness.clock.now);

    expect(unlinked.undone).toEqual([
      "tags",
      "metafield",
      `fulfillment-not-cancelled:${delivered.id}: fulfillmentCancel: Cannot cancel a delivered fulfillment. (id)`,
    ]);
    expect(harness.order("#1001").tags).toEqual(["VIP"]);
    expect(appMetafield(harness, "#1001")).toBeNull();
    expect(appFulfillments(harness, "#1001").map((fulfillment) => fulfillment.status)).toEqual(["SUCCESS"]);
    expect(unlinked.reparked).toBe(2);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { shop_waybill: { shop: harness.shop, waybill: "WK-9" } } });
    expect(delivery).toMatchObject({ orderId: null, fulfillmentIds: "[]" });
  });

  it("previews what it would undo and changes nothing", async () => {
    const harness = await linkedToTheWrongOrder(JOURNEY);
    const [fulfillment] = appFulfillments(harness, "#1001");
    const orderBefore = structuredClone(harness.order("#1001"));
    const deliveryBefore = await prisma.delivery.findMany({ where: { shop: harness.shop }, include: { timeline: true } });
    const eventsBefore = await prisma.inboxEvent.findMany({ where: { shop: harness.shop }, include: { transitions: true } });

    const preview = await unlinkPreview(harness.shop, "WK-9");

    expect(preview).toEqual({ orderName: "#1001", reparked: 2, undone: ["tags", "metafield", `fulfillment:${fulfillment.id}`] });
    expect(harness.order("#1001")).toEqual(orderBefore);
    expect(await prisma.delivery.findMany({ where: { shop: harness.shop }, include: { timeline: true } })).toEqual(deliveryBefore);
    expect(await prisma.inboxEvent.findMany({ where: { shop: harness.shop }, include: { transitions: true } })).toEqual(eventsBefore);
  });

  it("refuses a waybill that is not linked, and one a worker is syncing, changing nothing", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
    await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
    await harness.drain();

    await expect(unlinkWaybill(harness.shop, "WK-9", harness.clock.now)).rejects.toThrow(
      new LinkError(orderActionRefusal("notLinked", { waybill: "WK-9" })),
    );
    await expect(unlinkWaybill(harness.shop, "WK-404", harness.clock.now)).rejects.toThrow(LinkError);
    await expect(unlinkPreview(harness.shop, "WK-404")).rejects.toThrow("Waybill WK-404 is not linked to any order.");
    expect(await prisma.waybillLease.count({ where: { shop: harness.shop } })).toBe(0);
    expect((await prisma.inboxEvent.findMany({ where: { shop: harness.shop } })).map((event) => event.state)).toEqual(["parked"]);

    await linkWaybillToOrder(harness.shop, "WK-9", "#1001", harness.clock.now);
    await harness.drain();
    const key = { shop: harness.shop, waybill: "WK-9" };
    expect(await prismaInboxStore.claim(key, "busy-worker", harness.clock.now, 60_000)).toBe(true);
    await expect(unlinkWaybill(harness.shop, "WK-9", harness.clock.now)).rejects.toMatchObject({
      refusal: { key: "busy", values: { waybill: "WK-9" } },
    });
    expect(appTags(harness, "#1001")).toEqual(["Wakilni: Assigned"]);
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).orderName).toBe("#1001");
  });
});
