// The fulfillment lifecycle the app drives from Wakilni webhooks, checked through the real
// schema over HTTP: create with tracking, events in order, delivery, cancel and reopen; orders
// split over locations, fulfillment-service locations, and the user errors Shopify returns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHOP, startTestEmulator, type TestEmulator } from "../../tests/helpers/admin-emulator";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.emulator.close());

const CREATE = `mutation Create($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
    fulfillment { id name status displayStatus createdAt trackingInfo { company number url } fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id } } } }
    userErrors { field message } } }`;

const EVENT = `mutation Event($event: FulfillmentEventInput!) {
  fulfillmentEventCreate(fulfillmentEvent: $event) { fulfillmentEvent { id status happenedAt message createdAt } userErrors { field message } } }`;

const CANCEL = `mutation Cancel($id: ID!) { fulfillmentCancel(id: $id) { fulfillment { id status displayStatus } userErrors { field message } } }`;

const FULFILLMENT_ORDERS = `query ($id: ID!) { order(id: $id) { displayFulfillmentStatus lineItems(first: 10) { nodes { title unfulfilledQuantity } }
  fulfillmentOrders(first: 10) { nodes { id status requestStatus supportedActions { action }
    assignedLocation { name location { id name isFulfillmentService fulfillmentService { handle serviceName type } } }
    lineItems(first: 10) { nodes { id remainingQuantity totalQuantity lineItem { id title } } } } } } }`;

async function fulfillmentOrders(orderId: string) {
  const { body } = await t.gql(FULFILLMENT_ORDERS, { id: orderId });
  expect(body.errors).toBeUndefined();
  return body.data.order;
}

describe("a full fulfillment lifecycle", () => {
  it("creates with tracking, records events in order, delivers, and cancel reopens", async () => {
    const { store } = t.emulator;
    const order = store.createOrder(SHOP, {
      lineItems: [
        { title: "Cedar soap", quantity: 2, sku: "SOAP-1" },
        { title: "Olive oil", quantity: 1 },
      ],
    });
    const [fo] = (await fulfillmentOrders(order.id)).fulfillmentOrders.nodes;
    expect(fo).toMatchObject({
      status: "OPEN",
      requestStatus: "UNSUBMITTED",
      supportedActions: expect.arrayContaining([{ action: "CREATE_FULFILLMENT" }]),
    });

    const created = await t.gql(CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [] }],
        notifyCustomer: true,
        trackingInfo: { company: "Wakilni", number: "WK-123", url: "https://track.wakilni.com/WK-123" },
      },
      message: "Handed to Wakilni",
    });
    const fulfillment = created.body.data.fulfillmentCreate.fulfillment;
    expect(created.body.data.fulfillmentCreate.userErrors).toEqual([]);
    expect(fulfillment).toMatchObject({
      name: "#1001-F1",
      status: "SUCCESS",
      displayStatus: "FULFILLED",
      createdAt: "2026-11-28T10:00:00Z",
      trackingInfo: [{ company: "Wakilni", number: "WK-123", url: "https://track.wakilni.com/WK-123" }],
    });
    expect(fulfillment.fulfillmentLineItems.nodes.map((line: { quantity: number }) => line.quantity)).toEqual([2, 1]);
    const afterCreate = await fulfillmentOrders(order.id);
    expect(afterCreate.displayFulfillmentStatus).toBe("FULFILLED");
    expect(afterCreate.fulfillmentOrders.nodes[0]).toMatchObject({ status: "CLOSED", supportedActions: [] });

    const steps = [
      ["CONFIRMED", "2026-11-28T10:05:00Z"],
      ["IN_TRANSIT", "2026-11-28T11:00:00Z"],
      ["OUT_FOR_DELIVERY", "2026-11-28T12:00:00Z"],
      ["DELIVERED", "2026-11-28T13:30:00Z"],
    ] as const;
    for (const [status, happenedAt] of steps) {
      t.clock.advance(60_000);
      const { body } = await t.gql(EVENT, { event: { fulfillmentId: fulfillment.id, status, happenedAt, message: `Wakilni: ${status}` } });
      expect(body.data.fulfillmentEventCreate.userErrors).toEqual([]);
      expect(body.data.fulfillmentEventCreate.fulfillmentEvent).toMatchObject({ status, happenedAt, message: `Wakilni: ${status}` });
    }

    const read = await t.gql(
      `query ($id: ID!) { fulfillment(id: $id) { status displayStatus deliveredAt inTransitAt updatedAt events(first: 10) { nodes { status happenedAt createdAt } } } }`,
      { id: fulfillment.id },
    );
    expect(read.body.data.fulfillment).toMatchObject({
      status: "SUCCESS",
      displayStatus: "DELIVERED",
      deliveredAt: "2026-11-28T13:30:00Z",
      inTransitAt: "2026-11-28T11:00:00Z",
      updatedAt: "2026-11-28T10:04:00Z",
    });
    expect(read.body.data.fulfillment.events.nodes.map((event: { status: string }) => event.status)).toEqual(
      steps.map(([status]) => status),
    );
    expect(store.getOrder(SHOP, order.id)!.fulfillments[0].notifications.map((n) => n.kind)).toEqual([
      "SHIPPING_CONFIRMATION",
      "OUT_FOR_DELIVERY",
      "DELIVERED",
    ]);

    const cancelled = await t.gql(CANCEL, { id: fulfillment.id });
    expect(cancelled.body.data.fulfillmentCancel).toEqual({
      fulfillment: { id: fulfillment.id, status: "CANCELLED", displayStatus: "CANCELED" },
      userErrors: [],
    });
    const reopened = await fulfillmentOrders(order.id);
    expect(reopened.displayFulfillmentStatus).toBe("UNFULFILLED");
    expect(reopened.lineItems.nodes.map((line: { unfulfilledQuantity: number }) => line.unfulfilledQuantity)).toEqual([2, 1]);
    expect(reopened.fulfillmentOrders.nodes[0]).toMatchObject({ id: fo.id, status: "OPEN" });
    expect(
      reopened.fulfillmentOrders.nodes[0].lineItems.nodes.map((line: { remainingQuantity: number }) => line.remainingQuantity),
    ).toEqual([2, 1]);

    const late = await t.gql(EVENT, { event: { fulfillmentId: fulfillment.id, status: "DELIVERED" } });
    expect(late.body.data.fulfillmentEventCreate).toEqual({
      fulfillmentEvent: null,
      userErrors: [{ field: ["fulfillmentEvent", "fulfillmentId"], message: "Cannot create an event for a cancelled fulfillment." }],
    });
  });

  it("fulfills part of a fulfillment order, leaving it IN_PROGRESS", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 3 }] });
    const fo = order.fulfillmentOrders[0];
    const { body } = await t.gql(CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems[0].id, quantity: 1 }] }],
      },
    });
    expect(body.data.fulfillmentCreate.fulfillment.displayStatus).toBe("MARKED_AS_FULFILLED");
    const after = await fulfillmentOrders(order.id);
    expect(after.displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
    expect(after.fulfillmentOrders.nodes[0]).toMatchObject({
      status: "IN_PROGRESS",
      lineItems: { nodes: [expect.objectContaining({ remainingQuantity: 2, totalQuantity: 3 })] },
    });
  });

  it("updates tracking and records the customer notification", async () => {
    const order = t.emulator.store.createOrder(SHOP, {
      lineItems: [{ title: "Soap", quantity: 1 }],
      fulfilled: { trackingNumber: "OLD-1" },
    });
    const { body } = await t.gql(
      `mutation ($id: ID!, $tracking: FulfillmentTrackingInput!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $tracking, notifyCustomer: true) {
        fulfillment { trackingInfo { company number url } } userErrors { field message } } }`,
      { id: order.fulfillments[0].id, tracking: { company: "Wakilni", numbers: ["WK-1", "WK-2"], urls: ["https://t/1", "https://t/2"] } },
    );
    expect(body.data.fulfillmentTrackingInfoUpdate).toEqual({
      fulfillment: {
        trackingInfo: [
          { company: "Wakilni", number: "WK-1", url: "https://t/1" },
          { company: "Wakilni", number: "WK-2", url: "https://t/2" },
        ],
      },
      userErrors: [],
    });
    expect(t.emulator.store.getOrder(SHOP, order.id)!.fulfillments[0].notifications).toEqual([
      { kind: "SHIPPING_UPDATE", at: "2026-11-28T10:04:00Z" },
    ]);
  });

  it("lets the newest event decide the display status, even when it happened earlier", async () => {
    const order = t.emulator.store.createOrder(SHOP, {
      lineItems: [{ title: "Soap", quantity: 1 }],
      fulfilled: { trackingNumber: "WK-9" },
    });
    const fulfillmentId = order.fulfillments[0].id;
    await t.gql(EVENT, { event: { fulfillmentId, status: "DELIVERED", happenedAt: "2026-11-28T09:00:00Z" } });
    await t.gql(EVENT, { event: { fulfillmentId, status: "IN_TRANSIT", happenedAt: "2026-11-28T08:00:00Z" } });
    const { body } = await t.gql(
      `query ($id: ID!) { fulfillment(id: $id) { displayStatus deliveredAt events(first: 5) { nodes { status } } } }`,
      { id: fulfillmentId },
    );
    expect(body.data.fulfillment).toEqual({
      displayStatus: "IN_TRANSIT",
      deliveredAt: "2026-11-28T09:00:00Z",
      events: { nodes: [{ status: "IN_TRANSIT" }, { status: "DELIVERED" }] },
    });
  });
});

describe("several fulfillment orders and a fulfillment-service location", () => {
  const lines = [
    { title: "Soap", quantity: 1, location: "Beirut Warehouse" },
    { title: "Oil", quantity: 2, location: "Jounieh Store" },
    { title: "Thyme", quantity: 1, location: "Aramex Fulfillment" },
  ];

  it("hides the third-party fulfillment order from an app with merchant-managed scopes only", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: lines });
    expect(order.fulfillmentOrders).toHaveLength(3);
    const seen = await fulfillmentOrders(order.id);
    expect(seen.fulfillmentOrders.nodes.map((fo: { assignedLocation: { name: string } }) => fo.assignedLocation.name)).toEqual([
      "Beirut Warehouse",
      "Jounieh Store",
    ]);
    const third = order.fulfillmentOrders[2];
    const { body } = await t.gql(CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: third.id }] } });
    expect(body.data.fulfillmentCreate.userErrors).toEqual([{ field: ["fulfillment"], message: "Fulfillment order does not exist." }]);
  });

  it("exposes the service location through assignedLocation.location when the app may read it", async () => {
    const other = await startTestEmulator({
      shop: { scopes: ["read_orders", "write_merchant_managed_fulfillment_orders", "read_third_party_fulfillment_orders"] },
    });
    const order = other.emulator.store.createOrder(SHOP, { lineItems: lines });
    const { body } = await other.gql(FULFILLMENT_ORDERS, { id: order.id });
    const [beirut, jounieh, aramex] = body.data.order.fulfillmentOrders.nodes;
    expect(beirut.assignedLocation.location).toMatchObject({ isFulfillmentService: false, fulfillmentService: null });
    expect(jounieh.lineItems.nodes[0]).toMatchObject({ totalQuantity: 2, lineItem: { title: "Oil" } });
    expect(aramex).toMatchObject({
      supportedActions: expect.not.arrayContaining([{ action: "CREATE_FULFILLMENT" }]),
      assignedLocation: {
        name: "Aramex Fulfillment",
        location: {
          isFulfillmentService: true,
          fulfillmentService: { handle: "aramex-fulfillment", serviceName: "Aramex Fulfillment", type: "THIRD_PARTY" },
        },
      },
    });
    const denied = await other.gql(CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: aramex.id }] } });
    expect(denied.body.errors[0]).toMatchObject({ extensions: { code: "ACCESS_DENIED" } });
    expect(denied.body.errors[0].message).toContain("write_third_party_fulfillment_orders");
    await other.emulator.close();
  });

  it("fulfills fulfillment orders of one location together but refuses to mix locations", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: lines });
    const [beirut, jounieh] = order.fulfillmentOrders;
    const mixed = await t.gql(CREATE, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: beirut.id }, { fulfillmentOrderId: jounieh.id }] },
    });
    expect(mixed.body.data.fulfillmentCreate).toEqual({
      fulfillment: null,
      userErrors: [{ field: ["fulfillment"], message: "All fulfillment orders must be assigned to the same location." }],
    });
    const one = await t.gql(CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: jounieh.id }] } });
    expect(one.body.data.fulfillmentCreate.userErrors).toEqual([]);
    expect((await fulfillmentOrders(order.id)).displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
  });

  it("a hold at one location: fulfilling another goes through, the request for that one is refused", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: lines });
    const [beirut, jounieh] = order.fulfillmentOrders;
    t.emulator.store.holdBeforeNextFulfillment(SHOP, order.name, "Jounieh Store");
    const elsewhere = await t.gql(CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: beirut.id }] } });
    expect(elsewhere.body.data.fulfillmentCreate.userErrors).toEqual([]);
    const held = await t.gql(CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: jounieh.id }] } });
    expect(held.body.data.fulfillmentCreate.userErrors).toEqual([
      { field: ["fulfillment"], message: `Fulfillment order ${jounieh.id.split("/").pop()} has an unfulfillable status= on_hold.` },
    ]);
    const after = t.emulator.store.getOrder(SHOP, order.id)!;
    expect(after.fulfillmentOrders.map((fo) => fo.status)).toEqual(["CLOSED", "ON_HOLD", "OPEN"]);
    expect(() => t.emulator.store.holdBeforeNextFulfillment(SHOP, order.name, "Nowhere")).toThrow(/unknown location Nowhere/);
  });

  it("seeds an already fulfilled order with one fulfillment per location", () => {
    const order = t.emulator.store.createOrder(SHOP, {
      lineItems: lines,
      fulfilled: { trackingNumber: "WK-77", trackingCompany: "Wakilni" },
    });
    expect(order.fulfillments.map((f) => [f.status, f.trackingInfo[0].number])).toEqual([
      ["SUCCESS", "WK-77"],
      ["SUCCESS", "WK-77"],
      ["SUCCESS", "WK-77"],
    ]);
    expect(order.fulfillmentOrders.map((fo) => fo.status)).toEqual(["CLOSED", "CLOSED", "CLOSED"]);
  });
});

describe("user errors worded as Shopify words them", () => {
  it("a closed fulfillment order", async () => {
    const order = t.emulator.store.createOrder(SHOP, {
      lineItems: [{ title: "Soap", quantity: 1 }],
      fulfilled: { trackingNumber: "WK-1" },
    });
    const fo = order.fulfillmentOrders[0];
    const { body } = await t.gql(CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } });
    expect(body.data.fulfillmentCreate).toEqual({
      fulfillment: null,
      userErrors: [{ field: ["fulfillment"], message: `Fulfillment order ${fo.id.split("/").pop()} has an unfulfillable status= closed.` }],
    });
  });

  it("a fulfillment order the merchant put on hold just before the request (the demo's fault), once", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] });
    const fo = order.fulfillmentOrders[0];
    t.emulator.store.holdBeforeNextFulfillment(SHOP, order.name);
    expect((await fulfillmentOrders(order.id)).fulfillmentOrders.nodes[0].status).toBe("OPEN");
    const { body } = await t.gql(CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } });
    expect(body.data.fulfillmentCreate).toEqual({
      fulfillment: null,
      userErrors: [
        { field: ["fulfillment"], message: `Fulfillment order ${fo.id.split("/").pop()} has an unfulfillable status= on_hold.` },
      ],
    });
    const after = t.emulator.store.getOrder(SHOP, order.id)!;
    expect([after.fulfillmentOrders[0].status, after.holdBeforeNextFulfillment, after.fulfillments]).toEqual(["ON_HOLD", null, []]);
    expect(() => t.emulator.store.holdBeforeNextFulfillment(SHOP, "#999999")).toThrow(/no order #999999/);
  });

  it("an unknown fulfillment order and too large a quantity, changing nothing", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 2 }] });
    const fo = order.fulfillmentOrders[0];
    const unknown = await t.gql(CREATE, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1" }] },
    });
    expect(unknown.body.data.fulfillmentCreate.userErrors).toEqual([
      { field: ["fulfillment"], message: "Fulfillment order does not exist." },
    ]);
    const tooMany = await t.gql(CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems[0].id, quantity: 3 }] }],
      },
    });
    expect(tooMany.body.data.fulfillmentCreate.userErrors).toEqual([
      { field: ["fulfillment"], message: "Invalid fulfillment order line item quantity requested." },
    ]);
    expect(t.emulator.store.getOrder(SHOP, order.id)).toEqual(order);
  });

  it("an event for something that is not a fulfillment", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] });
    const { body } = await t.gql(EVENT, { event: { fulfillmentId: order.fulfillmentOrders[0].id, status: "IN_TRANSIT" } });
    expect(body.data.fulfillmentEventCreate.userErrors).toEqual([
      { field: ["fulfillmentEvent", "fulfillmentId"], message: "Fulfillment does not exist." },
    ]);
  });

  it("cancelling twice", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }], fulfilled: {} });
    await t.gql(CANCEL, { id: order.fulfillments[0].id });
    const { body } = await t.gql(CANCEL, { id: order.fulfillments[0].id });
    expect(body.data.fulfillmentCancel.userErrors).toEqual([{ field: ["id"], message: "Cannot cancel a cancelled fulfillment." }]);
  });
});
