// Calculated query cost and the leaky bucket, on the injected clock: costs reported on every
// answer, refunds when less came back than asked for, MAX_COST_EXCEEDED, and THROTTLED with
// HTTP 200 that executes nothing.
import { afterEach, describe, expect, it } from "vitest";
import { getOperationAST, parse, type FragmentDefinitionNode } from "graphql";
import { adminSchema } from "../../tests/fixtures/admin-schema";
import { requestedQueryCost } from "./cost";
import { SHOP, startTestEmulator, type TestEmulator } from "../../tests/helpers/admin-emulator";

function requested(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition")
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return requestedQueryCost({ schema: adminSchema(), operation: getOperationAST(document)!, fragments, variables });
}

describe("requested cost", () => {
  it.each([
    ["scalars on one object", `{ shop { id name ianaTimezone currencyCode } }`, 1],
    ["a connection: 2 + first × node", `{ orders(first: 10) { edges { cursor node { id name } } pageInfo { hasNextPage } } }`, 12],
    ["nodes and edges of one connection count once", `{ orders(first: 5) { nodes { id } edges { node { name } } } }`, 7],
    ["nested connections multiply", `{ orders(first: 10) { nodes { lineItems(first: 5) { nodes { id } } } } }`, 2 + 10 * (1 + 2 + 5)],
    [
      "objects inside nodes",
      `{ order(id: "x") { fulfillmentOrders(first: 2) { nodes { assignedLocation { location { id } } } } } }`,
      1 + 2 + 2 * 3,
    ],
    ["a list sized by first", `{ order(id: "x") { fulfillments(first: 3) { id trackingInfo { number } } } }`, 1 + 3 * 2],
    [
      "an interface costs its most expensive type",
      `{ node(id: "x") { ... on Order { lineItems(first: 5) { nodes { id } } } ... on Fulfillment { id } } }`,
      1 + 7,
    ],
    ["fragments are expanded", `query { order(id: "x") { ...F } } fragment F on Order { lineItems(first: 3) { nodes { id } } }`, 1 + 5],
    ["@skip is honoured", `query ($s: Boolean!) { shop { id } order(id: "x") @skip(if: $s) { id } }`, 1],
    [
      "a mutation: 10 plus what its payload selects",
      `mutation { tagsAdd(id: "x", tags: ["a"]) { node { id } userErrors { message } } }`,
      12,
    ],
    ["a mutation selecting only scalars", `mutation { fulfillmentCancel(id: "x") { __typename } }`, 10],
  ])("%s", (_name, source, cost) => {
    expect(requested(source, { s: true })).toBe(cost);
  });

  it("reads page sizes from variables", () => {
    expect(requested(`query ($n: Int) { orders(first: $n) { nodes { id } } }`, { n: 40 })).toBe(42);
  });
});

describe("cost on the wire and the bucket", () => {
  let t: TestEmulator;
  afterEach(() => t.emulator.close());

  it("reports requested and actual cost, refunding what did not come back", async () => {
    t = await startTestEmulator();
    t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] });
    const { body } = await t.gql(`{ orders(first: 10) { nodes { id lineItems(first: 10) { nodes { id } } } } }`);
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 2 + 10 * (1 + 12),
      actualQueryCost: 2 + 1 * (1 + 2 + 1),
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000 - 6, restoreRate: 100 },
    });
    const missing = await t.gql(`{ order(id: "gid://shopify/Order/1") { lineItems(first: 10) { nodes { id } } } }`);
    expect(missing.body.extensions.cost).toMatchObject({ requestedQueryCost: 13, actualQueryCost: 0 });
  });

  it("rejects a query over the single-query limit without charging it", async () => {
    t = await startTestEmulator();
    const { status, body } = await t.gql(`{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }`);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ extensions: { code: "MAX_COST_EXCEEDED", cost: 2 + 250 * 253, maxCost: 1000 } });
    expect(body.errors[0].message).toMatch(/^Query cost is 63252, which exceeds the single query max cost limit \(1000\)/);
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(2000);
  });

  it("throttles with HTTP 200 and THROTTLED when the bucket is short, executing nothing, then refills with time", async () => {
    t = await startTestEmulator({ throttle: { maximumAvailable: 25, restoreRate: 5 } });
    const order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Soap", quantity: 1 }] });
    const tag = (name: string) => t.gql(`mutation ($id: ID!) { tagsAdd(id: $id, tags: ["${name}"]) { node { id } } }`, { id: order.id });

    expect((await tag("one")).body.extensions.cost.throttleStatus.currentlyAvailable).toBe(14);
    expect((await tag("two")).body.extensions.cost.throttleStatus.currentlyAvailable).toBe(3);
    const throttled = await tag("three");
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: {
        cost: {
          requestedQueryCost: 11,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 25, currentlyAvailable: 3, restoreRate: 5 },
        },
      },
    });
    expect(t.emulator.store.getOrder(SHOP, order.id)!.tags).toEqual(["one", "two"]);

    t.clock.advance(1_600);
    const retried = await tag("three");
    expect(retried.body.data.tagsAdd.node.id).toBe(order.id);
    expect(retried.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
    t.clock.advance(60_000);
    expect((await t.gql(`{ shop { id } }`)).body.extensions.cost.throttleStatus.currentlyAvailable).toBe(24);

    expect(t.emulator.stats.snapshot()).toMatchObject({
      requests: 5,
      queries: 1,
      mutations: 4,
      throttled: 1,
      pointsRequested: 4 * 11 + 1,
      pointsSpent: 3 * 11 + 1,
      shops: { [SHOP]: { requests: 5, throttled: 1, bucket: { maximumAvailable: 25, currentlyAvailable: 24, restoreRate: 5 } } },
    });
    t.emulator.stats.reset();
    expect(t.emulator.stats.snapshot()).toMatchObject({
      requests: 0,
      pointsSpent: 0,
      shops: { [SHOP]: { requests: 0, bucket: { currentlyAvailable: 24 } } },
    });
  });
});
