// Finding orders the ways the app does: by GID, by node, and by Shopify search syntax, with
// Relay pagination, sorting and the visibility rules Shopify applies to an app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearch } from "./search";
import { SHOP, startTestEmulator, type TestEmulator } from "../../tests/helpers/admin-emulator";
import type { OrderRecord } from "./model";

let t: TestEmulator;
let o1001: OrderRecord;
let o1002: OrderRecord;
let o1003: OrderRecord;

const names = (body: { data: { orders: { nodes: { name: string }[] } } }) => body.data.orders.nodes.map((order) => order.name);

async function search(query: string, extra = ""): Promise<string[]> {
  const { body } = await t.gql(`query ($q: String) { orders(first: 50, query: $q${extra}) { nodes { name } } }`, { q: query });
  expect(body.errors).toBeUndefined();
  return names(body);
}

beforeAll(async () => {
  t = await startTestEmulator();
  const { store } = t.emulator;
  o1001 = store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }], tags: ["Wakilni"], createdAt: "2026-11-01T08:00:00Z" });
  o1002 = store.createOrder(SHOP, { lineItems: [{ title: "Oil", quantity: 2 }], closed: true, createdAt: "2026-11-10T08:00:00Z" });
  o1003 = store.createOrder(SHOP, {
    lineItems: [{ title: "Thyme", quantity: 1 }],
    cancelled: true,
    tags: ["vip"],
    createdAt: "2026-11-20T08:00:00Z",
  });
  store.createOrder(SHOP, {
    lineItems: [{ title: "Rose", quantity: 1 }],
    fulfilled: { trackingNumber: "WK-1" },
    createdAt: "2026-11-25T08:00:00Z",
  });
  store.createOrder(SHOP, { lineItems: [{ title: "Old", quantity: 1 }], createdAt: "2026-08-01T08:00:00Z" });
});
afterAll(() => t.emulator.close());

describe("order lookup by search", () => {
  it.each([
    ["name:#1001", ["#1001"]],
    ["name:1001", ["#1001"]],
    ['name:"#1001"', ["#1001"]],
    ["name:'1001'", ["#1001"]],
    ["1001", ["#1001"]],
    ["#1001", ["#1001"]],
    ["name:100*", ["#1001", "#1002", "#1003", "#1004"]],
    ["name:#100", []],
  ])("%s", async (query, expected) => {
    expect(await search(query)).toEqual(expected);
  });

  it("by legacy id, plain or compared", async () => {
    expect(await search(`id:${o1002.legacyResourceId}`)).toEqual(["#1002"]);
    expect(await search(`id:>${o1002.legacyResourceId}`)).toEqual(["#1003", "#1004"]);
    expect(await search(`id:<=${o1002.legacyResourceId}`)).toEqual(["#1001", "#1002"]);
  });

  it("by status: every status is visible unless filtered", async () => {
    expect(await search("")).toEqual(["#1001", "#1002", "#1003", "#1004"]);
    expect(await search("status:any")).toEqual(["#1001", "#1002", "#1003", "#1004"]);
    expect(await search("status:open")).toEqual(["#1001", "#1004"]);
    expect(await search("status:closed")).toEqual(["#1002", "#1003"]);
    expect(await search("status:cancelled")).toEqual(["#1003"]);
  });

  it("by tag, case-insensitively, and tag_not", async () => {
    expect(await search("tag:wakilni")).toEqual(["#1001"]);
    expect(await search("tag_not:wakilni")).toEqual(["#1002", "#1003", "#1004"]);
  });

  it("by creation date", async () => {
    expect(await search("created_at:>2026-11-10")).toEqual(["#1003", "#1004"]);
    expect(await search("created_at:>=2026-11-10")).toEqual(["#1002", "#1003", "#1004"]);
    expect(await search("created_at:<'2026-11-10T08:00:00Z'")).toEqual(["#1001"]);
    expect(await search("created_at:2026-11-20")).toEqual(["#1003"]);
  });

  it("by fulfillment status", async () => {
    expect(await search("fulfillment_status:shipped")).toEqual(["#1004"]);
  });

  it("ANDs terms, ORs with OR, negates with - and NOT, groups with parentheses", async () => {
    expect(await search("status:closed tag:vip")).toEqual(["#1003"]);
    expect(await search("name:1001 OR name:#1004")).toEqual(["#1001", "#1004"]);
    expect(await search("-tag:vip status:closed")).toEqual(["#1002"]);
    expect(await search("NOT status:open")).toEqual(["#1002", "#1003"]);
    expect(await search("(name:1001 OR name:1002) AND status:open")).toEqual(["#1001"]);
  });

  it("ignores unknown fields and warns about them under extensions.search, as Shopify does", async () => {
    const { body } = await t.gql(`{ orders(first: 10, query: "colour:red name:1002") { nodes { name } } }`);
    expect(names(body)).toEqual(["#1002"]);
    expect(body.extensions.search).toEqual([
      { path: ["orders"], query: "colour:red name:1002", warnings: [{ field: "colour", message: "Invalid search field for this query." }] },
    ]);
  });

  it("parses quoted values with spaces and comparators", () => {
    expect(parseSearch(`tag:"out for delivery" created_at:>=2026-01-01`)).toEqual({
      kind: "and",
      children: [
        { kind: "term", field: "tag", comparator: "=", value: "out for delivery" },
        { kind: "term", field: "created_at", comparator: ">=", value: "2026-01-01" },
      ],
    });
  });
});

describe("visibility", () => {
  it("hides orders older than 60 days without read_all_orders", async () => {
    expect(await search("name:1005")).toEqual([]);
  });

  it("shows them with read_all_orders", async () => {
    const other = await startTestEmulator({ shop: { scopes: ["read_orders", "read_all_orders"] } });
    other.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Old", quantity: 1 }], createdAt: "2025-01-01T00:00:00Z" });
    const { body } = await other.gql(`{ orders(first: 5) { nodes { name } } }`);
    expect(names(body)).toEqual(["#1001"]);
    await other.emulator.close();
  });
});

describe("pagination and sorting", () => {
  it("pages forward with first/after and backward with last/before", async () => {
    const page = `query ($after: String, $before: String, $first: Int, $last: Int) {
      orders(first: $first, after: $after, last: $last, before: $before, sortKey: CREATED_AT) {
        edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const one = (await t.gql(page, { first: 2 })).body.data.orders;
    expect(one.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(["#1001", "#1002"]);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: one.edges[1].cursor });
    const two = (await t.gql(page, { first: 2, after: one.pageInfo.endCursor })).body.data.orders;
    expect(two.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(["#1003", "#1004"]);
    expect(two.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await t.gql(page, { last: 1, before: two.pageInfo.startCursor })).body.data.orders;
    expect(back.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(["#1002"]);
  });

  it("sorts and reverses", async () => {
    expect(await search("", ", sortKey: ORDER_NUMBER, reverse: true")).toEqual(["#1004", "#1003", "#1002", "#1001"]);
  });

  it("requires first or last, as Shopify does", async () => {
    const { body } = await t.gql(`{ orders { nodes { name } } }`);
    expect(body.errors[0].message).toBe("you must provide one of first or last");
  });
});

describe("order, node and nodes", () => {
  it("reads an order's fields", async () => {
    const { body } = await t.gql(
      `query ($id: ID!) { order(id: $id) { id legacyResourceId name createdAt updatedAt closed cancelledAt tags displayFulfillmentStatus
        lineItems(first: 5) { nodes { id title quantity sku unfulfilledQuantity } } } }`,
      { id: o1003.id },
    );
    expect(body.data.order).toEqual({
      id: o1003.id,
      legacyResourceId: o1003.legacyResourceId,
      name: "#1003",
      createdAt: "2026-11-20T08:00:00Z",
      updatedAt: "2026-11-20T08:00:00Z",
      closed: true,
      cancelledAt: "2026-11-20T08:00:00Z",
      tags: ["vip"],
      displayFulfillmentStatus: "UNFULFILLED",
      lineItems: { nodes: [{ id: o1003.lineItems[0].id, title: "Thyme", quantity: 1, sku: null, unfulfilledQuantity: 1 }] },
    });
  });

  it("answers null for an unknown order", async () => {
    const { body } = await t.gql(`{ order(id: "gid://shopify/Order/1") { id } }`);
    expect(body).toMatchObject({ data: { order: null } });
    expect(body.errors).toBeUndefined();
  });

  it("resolves Order and Fulfillment nodes by GID", async () => {
    const fulfillmentId = t.emulator.store.getOrder(SHOP, "#1004")!.fulfillments[0].id;
    const { body } = await t.gql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Order { name } ... on Fulfillment { status } } }`,
      { ids: [o1001.id, fulfillmentId, "gid://shopify/Order/1"] },
    );
    expect(body.data.nodes).toEqual([
      { __typename: "Order", id: o1001.id, name: "#1001" },
      { __typename: "Fulfillment", id: fulfillmentId, status: "SUCCESS" },
      null,
    ]);
    const single = await t.gql(`query ($id: ID!) { node(id: $id) { ... on Fulfillment { order { name } } } }`, { id: fulfillmentId });
    expect(single.body.data.node).toEqual({ order: { name: "#1004" } });
  });

  it("getOrder finds by GID, legacy id and either form of the name", () => {
    const { store } = t.emulator;
    for (const ref of [o1002.id, o1002.legacyResourceId, "#1002", "1002"]) expect(store.getOrder(SHOP, ref)?.name).toBe("#1002");
    expect(store.getOrder(SHOP, "#9999")).toBeUndefined();
  });
});
