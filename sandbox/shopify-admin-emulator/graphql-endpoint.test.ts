// The endpoint's contract: Shopify's auth and shop resolution, documents rejected whole with
// Shopify's error shape, and loud errors for anything the emulator does not model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHOP, TOKEN, startTestEmulator, type TestEmulator } from "../../tests/helpers/admin-emulator";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
  t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Cedar soap", quantity: 1 }] });
});
afterAll(() => t.emulator.close());

describe("HTTP contract", () => {
  it("answers with the 2026-10 version header, whatever version the path names", async () => {
    for (const version of ["2026-10", "2025-07", "unstable"]) {
      const { status, headers, body } = await t.gql("{ shop { name } }", undefined, { version });
      expect(status).toBe(200);
      expect(headers.get("x-shopify-api-version")).toBe("2026-10");
      expect(body.data.shop.name).toBe("Wakilni Test");
    }
  });

  it("rejects a wrong access token with Shopify's 401 body", async () => {
    const { status, body } = await t.gql("{ shop { name } }", undefined, { token: "shpat_wrong" });
    expect(status).toBe(401);
    expect(body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("answers 404 for a shop it does not host", async () => {
    const { status } = await t.gql("{ shop { name } }", undefined, { shop: "nowhere.myshopify.com" });
    expect(status).toBe(404);
  });

  it("takes the shop from a myshopify Host header", async () => {
    const { request } = await import("node:http");
    const url = new URL(t.emulator.origin);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: "/admin/api/2026-10/graphql.json",
          method: "POST",
          headers: { Host: SHOP, "X-Shopify-Access-Token": TOKEN, "Content-Type": "application/json" },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ query: "{ shop { myshopifyDomain } }" }));
    });
    expect(JSON.parse(body).data.shop.myshopifyDomain).toBe(SHOP);
  });

  it("answers 400 when the body has no query", async () => {
    const response = await fetch(`${t.emulator.origin}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "X-Shopify-Access-Token": TOKEN, "x-emulator-shop": SHOP, "Content-Type": "application/json" },
      body: JSON.stringify({ variables: {} }),
    });
    expect(response.status).toBe(400);
  });
});

describe("invalid documents are rejected whole, nothing executed", () => {
  it("an unknown field", async () => {
    const { status, body } = await t.gql(
      `mutation M { tagsAdd(id: "gid://shopify/Order/1", tags: ["x"]) { node { id } } } query Q { shop { wakilniNumber } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "Field 'wakilniNumber' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 99 }],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "wakilniNumber" },
      },
    ]);
  });

  it("a wrong argument type", async () => {
    const { status, body } = await t.gql(`{ orders(first: "ten") { nodes { id } } }`);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ locations: [{ line: 1, column: 17 }], extensions: { code: "argumentLiteralsIncompatible" } });
  });

  it("an enum value 2026-10 lacks (PICKED_UP is unstable-only)", async () => {
    const { body } = await t.gql(
      `mutation { fulfillmentEventCreate(fulfillmentEvent: { fulfillmentId: "gid://shopify/Fulfillment/1", status: PICKED_UP }) { userErrors { message } } }`,
    );
    expect(body.errors[0].extensions.code).toBe("argumentLiteralsIncompatible");
    expect(body.errors[0].message).toMatch(/PICKED_UP/);
  });

  it("a missing required argument and an unknown argument", async () => {
    const { body } = await t.gql(`{ order { id } orders(first: 1, colour: "red") { nodes { id } } }`);
    const codes = body.errors.map((error: { extensions: { code: string } }) => error.extensions.code);
    expect(codes.sort()).toEqual(["argumentNotAccepted", "missingRequiredArguments"]);
    expect(body.errors.map((error: { message: string }) => error.message)).toContain("Field 'order' is missing required arguments: id");
  });

  it("a syntax error", async () => {
    const { status, body } = await t.gql(`{ shop { name }`);
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ locations: [{ line: 1, column: 16 }], extensions: { code: "PARSE_ERROR" } });
  });

  it("a variable of the wrong type", async () => {
    const { body } = await t.gql(`query ($id: ID!) { order(id: $id) { id } }`, { id: { not: "an id" } });
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe("INVALID_VARIABLE");
  });

  it("changes nothing when a document with a mutation is invalid", async () => {
    const order = t.emulator.store.getOrder(SHOP, "#1001")!;
    await t.gql(`mutation { tagsAdd(id: "${order.id}", tags: ["x"]) { node { id } nope } }`);
    expect(t.emulator.store.getOrder(SHOP, "#1001")!.tags).toEqual([]);
  });
});

describe("what the emulator does not model fails loudly", () => {
  it("names an unimplemented field instead of returning null", async () => {
    const { body } = await t.gql(`{ shop { name email } }`);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "The Shopify Admin emulator does not implement Shop.email.",
        path: ["shop", "email"],
        extensions: { code: "EMULATOR_NOT_IMPLEMENTED" },
      }),
    ]);
  });

  it("names an unimplemented mutation", async () => {
    const { body } = await t.gql(`mutation { orderClose(input: { id: "gid://shopify/Order/1" }) { userErrors { message } } }`);
    expect(body.errors[0].message).toBe("The Shopify Admin emulator does not implement Mutation.orderClose.");
  });

  it("names an unimplemented argument", async () => {
    const { body } = await t.gql(`{ orders(first: 1, savedSearchId: "gid://shopify/SavedSearch/1") { nodes { id } } }`);
    expect(body.errors[0].message).toBe("The Shopify Admin emulator does not implement orders(savedSearchId:).");
  });

  it("still answers introspection", async () => {
    const { body } = await t.gql(`{ __type(name: "FulfillmentEventStatus") { enumValues { name } } }`);
    expect(body.data.__type.enumValues.map((value: { name: string }) => value.name)).toContain("OUT_FOR_DELIVERY");
  });
});

describe("current app installation", () => {
  it("exposes the installation and app ids and granted scopes", async () => {
    const { body } = await t.gql(`{ currentAppInstallation { id app { id } accessScopes { handle } } }`);
    expect(body.data.currentAppInstallation).toEqual({
      id: expect.stringMatching(/^gid:\/\/shopify\/AppInstallation\/\d+$/),
      app: { id: "gid://shopify/App/4242424242" },
      accessScopes: expect.arrayContaining([{ handle: "write_merchant_managed_fulfillment_orders" }]),
    });
  });
});
