// The admin frame's order pages over real HTTP, against the Admin emulator: the order list links
// every order, an order's page frames the block and offers the action, the buyer's page frames the
// customer-account block, and an extension's document hands it the order and the app metafield as
// Shopify would, with nothing in it able to close its <script>. Unknown orders and bundles are 404s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHOP, TOKEN, startTestEmulator, type TestEmulator } from "../tests/helpers/admin-emulator";
import { startAdminFrame, type AdminFrame } from "./admin-frame";
import { createDemoOrders } from "./demo-orders";
import { bundleExtensions, DEMO_EXTENSIONS } from "./extension-host/bundle-extensions";
import type { ExtensionHostConfig } from "./extension-host/host-page";
import type { OrderRecord } from "./shopify-admin-emulator";

let t: TestEmulator;
let frame: AdminFrame;
let order: OrderRecord;
const APP_URL = "http://127.0.0.1:1";
const METAFIELD = JSON.stringify({ version: 2, waybill: "</script><b>", status: "processed" });

beforeAll(async () => {
  t = await startTestEmulator();
  order = t.emulator.store.createOrder(SHOP, { lineItems: [{ title: "Cedar soap", quantity: 2 }] });
  const set = await t.gql(
    `mutation ($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { userErrors { message } } }`,
    { metafields: [{ ownerId: order.id, namespace: "$app:wakilni", key: "delivery", type: "json", value: METAFIELD }] },
  );
  expect(set.body.data.metafieldsSet.userErrors).toEqual([]);
  frame = await startAdminFrame({
    appUrl: APP_URL,
    shop: SHOP,
    apiKey: "key",
    apiSecret: "secret",
    pages: [{ path: "/app", label: "Overview" }],
    orders: createDemoOrders({ adminOrigin: t.emulator.origin, shop: SHOP, accessToken: TOKEN }),
    extensions: await bundleExtensions(),
  });
}, 60_000);

afterAll(async () => {
  await frame?.close();
  await t?.emulator.close();
});

const get = async (path: string) => {
  const response = await fetch(`${frame.origin}${path}`);
  return { status: response.status, body: await response.text() };
};

describe("the admin frame's order pages", () => {
  it("lists the orders, each linking to its page", async () => {
    const { status, body } = await get("/orders?locale=fr");
    expect(status).toBe(200);
    expect(body).toContain(`href="/orders/${order.legacyResourceId}?locale=fr"`);
    expect(body).toContain("Commandes");
  });

  it("frames the block on the order's page, offers the action under More actions, and links the buyer's page", async () => {
    const { status, body } = await get(`/orders/${order.legacyResourceId}?locale=ar`);
    expect(status).toBe(200);
    expect(body).toContain(`data-handle="${DEMO_EXTENSIONS.block}"`);
    expect(body).toContain(`data-action="${DEMO_EXTENSIONS.action}"`);
    expect(body).toContain("المزيد من الإجراءات");
    expect(body).toContain(`href="/orders/${order.legacyResourceId}/status?locale=ar"`);
  });

  it("frames the customer-account block on the buyer's page, in the buyer's language", async () => {
    const { status, body } = await get(`/orders/${order.legacyResourceId}/status?locale=ar`);
    expect(status).toBe(200);
    expect(body).toContain('<html lang="ar" dir="rtl">');
    expect(body).toContain(`data-handle="${DEMO_EXTENSIONS.buyer}"`);
  });

  it("hands an extension the order, its language and the app metafield, escaped inside its script", async () => {
    const { status, body } = await get(`/extension-host?handle=${DEMO_EXTENSIONS.buyer}&order=${order.legacyResourceId}&locale=fr`);
    expect(status).toBe(200);
    expect(body.match(/<\/script>/g)).toHaveLength(2);
    const json = /<script type="application\/json" id="extension-host-config">(.*?)<\/script>/s.exec(body)![1];
    const config = JSON.parse(json) as ExtensionHostConfig;
    expect(config.host.language).toBe("fr");
    expect(config.host.selectedId).toBe(order.id);
    expect(config.host.appMetafields).toEqual([
      { target: { type: "order", id: order.id }, metafield: expect.objectContaining({ key: "delivery", type: "json", value: METAFIELD }) },
    ]);
    expect(config.appUrl).toBe(APP_URL);
    expect(config.sessionTokenUrl).toBe(`${frame.origin}/session-token`);
    expect(body).toContain(`src="/extensions/${DEMO_EXTENSIONS.buyer}.js"`);
  });

  it("serves each extension's bundle, and 404s for unknown orders, extensions and bundles", async () => {
    const script = await get(`/extensions/${DEMO_EXTENSIONS.block}.js`);
    expect(script.status).toBe(200);
    expect(script.body).toContain("startExtension");
    expect((await get("/orders/999999")).status).toBe(404);
    expect((await get(`/extension-host?handle=nope&order=${order.legacyResourceId}`)).status).toBe(404);
    expect((await get("/extensions/nope.js")).status).toBe(404);
  });
});
