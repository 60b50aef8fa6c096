// Order tags and the app's metafield as Shopify stores them, and several aliased mutations in
// one document executed one after another, in document order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHOP, startTestEmulator, type TestEmulator } from "../../tests/helpers/admin-emulator";
import type { OrderRecord } from "./model";
import { JSON_METAFIELD_MAX_BYTES } from "./metafields";

let t: TestEmulator;
let order: OrderRecord;
beforeAll(async () => {
  t = await startTestEmulator();
  order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }], tags: ["VIP"] });
});
afterAll(() => t.emulator.close());

const TAGS_ADD = `mutation ($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id ... on Order { tags } } userErrors { field message } } }`;
const TAGS_REMOVE = `mutation ($id: ID!, $tags: [String!]!) { tagsRemove(id: $id, tags: $tags) { node { id } userErrors { field message } } }`;
const SET = `mutation ($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) {
  metafields { id namespace key type value compareDigest } userErrors { field message code elementIndex } } }`;

const DELETE = `mutation ($metafields: [MetafieldIdentifierInput!]!) { metafieldsDelete(metafields: $metafields) {
  deletedMetafields { ownerId namespace key } userErrors { field message } } }`;

const tagsNow = () => t.emulator.store.getOrder(SHOP, order.id)!.tags;

describe("tags", () => {
  it("adds from an array or a comma-separated string, trimmed and deduplicated case-insensitively", async () => {
    const { body } = await t.gql(TAGS_ADD, { id: order.id, tags: ["wakilni", " Out for delivery ,vip", "WAKILNI", ""] });
    expect(body.data.tagsAdd).toEqual({ node: { id: order.id, tags: ["VIP", "wakilni", "Out for delivery"] }, userErrors: [] });
    await t.gql(TAGS_ADD, { id: order.id, tags: "wakilni-delivered, Wakilni" });
    expect(tagsNow()).toEqual(["VIP", "wakilni", "Out for delivery", "wakilni-delivered"]);
  });

  it("removes case-insensitively and ignores tags that are not there", async () => {
    const { body } = await t.gql(TAGS_REMOVE, { id: order.id, tags: "out for delivery, never-there" });
    expect(body.data.tagsRemove).toEqual({ node: { id: order.id }, userErrors: [] });
    expect(tagsNow()).toEqual(["VIP", "wakilni", "wakilni-delivered"]);
  });

  it("reports an unknown resource as a user error", async () => {
    const { body } = await t.gql(TAGS_ADD, { id: "gid://shopify/Order/1", tags: ["x"] });
    expect(body.data.tagsAdd).toEqual({ node: null, userErrors: [{ field: ["id"], message: "Resource not found" }] });
  });

  it("denies an app without write_orders, changing nothing", async () => {
    const other = await startTestEmulator({ shop: { scopes: ["read_orders"] } });
    const tagged = other.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }], tags: ["VIP"] });
    for (const [mutation, query] of [
      ["tagsAdd", TAGS_ADD],
      ["tagsRemove", TAGS_REMOVE],
    ] as const) {
      const { body } = await other.gql(query, { id: tagged.id, tags: ["VIP", "wakilni"] });
      expect(body.data[mutation]).toBeNull();
      expect(body.errors[0]).toMatchObject({ extensions: { code: "ACCESS_DENIED" } });
      expect(body.errors[0].message).toContain("`write_orders`");
    }
    expect(other.emulator.store.getOrder(SHOP, tagged.id)!.tags).toEqual(["VIP"]);
    await other.emulator.close();
  });
});

describe("metafields", () => {
  it("stores $app namespaces under the app's reserved namespace and reads them back either way", async () => {
    const value = JSON.stringify({ waybill: "WK-1", status: "delivered" });
    const { body } = await t.gql(SET, {
      metafields: [{ ownerId: order.id, namespace: "$app:wakilni", key: "delivery", type: "json", value: `  ${value}  ` }],
    });
    expect(body.data.metafieldsSet.userErrors).toEqual([]);
    expect(body.data.metafieldsSet.metafields).toEqual([
      {
        id: expect.stringMatching(/^gid:\/\/shopify\/Metafield\/\d+$/),
        namespace: "app--4242424242--wakilni",
        key: "delivery",
        type: "json",
        value,
        compareDigest: expect.any(String),
      },
    ]);
    const read = await t.gql(
      `query ($id: ID!) { order(id: $id) { a: metafield(namespace: "$app:wakilni", key: "delivery") { value jsonValue }
        b: metafield(namespace: "app--4242424242--wakilni", key: "delivery") { key } metafields(first: 5, namespace: "$app:wakilni") { nodes { key } } } }`,
      { id: order.id },
    );
    expect(read.body.data.order).toEqual({
      a: { value, jsonValue: { waybill: "WK-1", status: "delivered" } },
      b: { key: "delivery" },
      metafields: { nodes: [{ key: "delivery" }] },
    });
  });

  it("defaults a missing namespace to the app's own", async () => {
    const { body } = await t.gql(SET, {
      metafields: [{ ownerId: order.id, key: "last_event", type: "single_line_text_field", value: "DELIVERED" }],
    });
    expect(body.data.metafieldsSet.metafields[0].namespace).toBe("app--4242424242");
  });

  it("rejects invalid JSON and sets nothing from the same call", async () => {
    const before = t.emulator.store.getOrder(SHOP, order.id)!.metafields;
    const { body } = await t.gql(SET, {
      metafields: [
        { ownerId: order.id, namespace: "$app", key: "fine", type: "json", value: "{}" },
        { ownerId: order.id, namespace: "$app", key: "broken", type: "json", value: "{not json" },
      ],
    });
    expect(body.data.metafieldsSet.metafields).toEqual([]);
    expect(body.data.metafieldsSet.userErrors).toEqual([
      {
        field: ["metafields", "1", "value"],
        message: expect.stringMatching(/^Value is invalid JSON/),
        code: "INVALID_VALUE",
        elementIndex: 1,
      },
    ]);
    expect(t.emulator.store.getOrder(SHOP, order.id)!.metafields).toEqual(before);
  });

  it("refuses a JSON value over 128 KB, as Shopify does from API 2026-04", async () => {
    const at = (bytes: number) => JSON.stringify({ text: "x".repeat(bytes - 11) });
    expect(Buffer.byteLength(at(JSON_METAFIELD_MAX_BYTES))).toBe(JSON_METAFIELD_MAX_BYTES);
    const fits = await t.gql(SET, { metafields: [{ ownerId: order.id, key: "big", type: "json", value: at(JSON_METAFIELD_MAX_BYTES) }] });
    expect(fits.body.data.metafieldsSet.userErrors).toEqual([]);
    const over = await t.gql(SET, {
      metafields: [{ ownerId: order.id, key: "big", type: "json", value: at(JSON_METAFIELD_MAX_BYTES + 1) }],
    });
    expect(over.body.data.metafieldsSet.userErrors).toEqual([
      { field: ["metafields", "0", "value"], message: expect.stringMatching(/maximum size/), code: "INVALID_VALUE", elementIndex: 0 },
    ]);
  });

  it("compares digests when asked, and requires null to create", async () => {
    const input = { ownerId: order.id, namespace: "$app:wakilni", key: "cas", type: "json" };
    const created = await t.gql(SET, { metafields: [{ ...input, value: "1", compareDigest: null }] });
    const digest = created.body.data.metafieldsSet.metafields[0].compareDigest;
    const again = await t.gql(SET, { metafields: [{ ...input, value: "2", compareDigest: null }] });
    expect(again.body.data.metafieldsSet.userErrors[0]).toMatchObject({
      code: "STALE_OBJECT",
      field: ["metafields", "0", "compareDigest"],
    });
    const updated = await t.gql(SET, { metafields: [{ ...input, value: "2", compareDigest: digest }] });
    expect(updated.body.data.metafieldsSet.metafields[0].value).toBe("2");
    const stale = await t.gql(SET, { metafields: [{ ...input, value: "3", compareDigest: digest }] });
    expect(stale.body.data.metafieldsSet.userErrors[0].code).toBe("STALE_OBJECT");
  });

  it("refuses more than 25 metafields in one call", async () => {
    const metafields = Array.from({ length: 26 }, (_, index) => ({ ownerId: order.id, key: `k${index}`, type: "json", value: "1" }));
    const { body } = await t.gql(SET, { metafields });
    expect(body.data.metafieldsSet).toEqual({
      metafields: null,
      userErrors: [
        {
          field: ["metafields"],
          message: "Exceeded the maximum metafields input limit of 25.",
          code: "LESS_THAN_OR_EQUAL_TO",
          elementIndex: null,
        },
      ],
    });
  });

  it("requires a type for a new metafield", async () => {
    const { body } = await t.gql(SET, { metafields: [{ ownerId: order.id, key: "untyped", value: "x" }] });
    expect(body.data.metafieldsSet.userErrors).toEqual([
      { field: ["metafields", "0", "type"], message: "Type can't be blank.", code: "BLANK", elementIndex: 0 },
    ]);
  });

  it("deletes by owner, $app namespace and key, answering a metafield that is not there with null", async () => {
    await t.gql(SET, { metafields: [{ ownerId: order.id, namespace: "$app:wakilni", key: "doomed", type: "json", value: "{}" }] });
    const identifier = { ownerId: order.id, namespace: "$app:wakilni", key: "doomed" };
    const { body } = await t.gql(DELETE, { metafields: [identifier, { ...identifier, key: "never-there" }] });
    expect(body.data.metafieldsDelete).toEqual({
      deletedMetafields: [{ ownerId: order.id, namespace: "app--4242424242--wakilni", key: "doomed" }, null],
      userErrors: [],
    });
    expect(t.emulator.store.getOrder(SHOP, order.id)!.metafields.some((metafield) => metafield.key === "doomed")).toBe(false);
    const again = await t.gql(DELETE, { metafields: [identifier] });
    expect(again.body.data.metafieldsDelete).toEqual({ deletedMetafields: [null], userErrors: [] });
  });

  it("refuses a delete that names no metafield", async () => {
    const { body } = await t.gql(DELETE, { metafields: [] });
    expect(body.data.metafieldsDelete).toEqual({
      deletedMetafields: null,
      userErrors: [{ field: ["metafields"], message: "At least one metafield identifier must be specified." }],
    });
  });
});

describe("aliased mutations in one document", () => {
  it("run serially in document order, each seeing the previous one's effect", async () => {
    const fresh = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Oil", quantity: 1 }] });
    const fo = fresh.fulfillmentOrders[0];
    const { body } = await t.gql(
      `mutation ($order: ID!, $fo: ID!) {
        first: fulfillmentCreate(fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: $fo }], trackingInfo: { number: "WK-5" } }) { fulfillment { id } userErrors { message } }
        second: fulfillmentCreate(fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: $fo }] }) { fulfillment { id } userErrors { message } }
        tag: tagsAdd(id: $order, tags: ["wakilni"]) { userErrors { message } }
        untag: tagsRemove(id: $order, tags: ["wakilni"]) { node { ... on Order { tags } } }
      }`,
      { order: fresh.id, fo: fo.id },
    );
    expect(Object.keys(body.data)).toEqual(["first", "second", "tag", "untag"]);
    expect(body.data.first.userErrors).toEqual([]);
    expect(body.data.second).toEqual({
      fulfillment: null,
      userErrors: [{ message: `Fulfillment order ${fo.id.split("/").pop()} has an unfulfillable status= closed.` }],
    });
    expect(body.data.untag.node.tags).toEqual([]);
    // 4 mutations × 10, plus one object each inside their payloads (fulfillment, userErrors, node).
    expect(body.extensions.cost.requestedQueryCost).toBe(4 * 10 + 2 + 2 + 1 + 1);
  });
});
