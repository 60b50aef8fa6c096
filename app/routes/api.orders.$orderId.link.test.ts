// The order action's "Link a Wakilni waybill" and the block's "Retry": the real routes, a real
// ID token as the extensions send it, the Shopify Admin emulator behind the app's Admin client.
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import type { LinkSuggestions, LinkWaybillAnswer, ResolveAttentionAnswer, RetryDeliveryAnswer } from "../delivery/order-actions";
import { orderActionRefusal } from "../delivery/order-action-refusals";
import { prismaInboxStore } from "../inbox/inbox-store.server";
import { extensionFetchRequest } from "../../tests/helpers/shopify";
import { startEmulator, stopEmulator, syncShop, type SyncShopHarness } from "../../tests/helpers/sync-harness";
import * as linkRoute from "./api.orders.$orderId.link";
import * as resolveRoute from "./api.orders.$orderId.resolve";
import * as retryRoute from "./api.orders.$orderId.retry";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);

/** Runs a route function the way Remix does: a thrown Response is the answer too. */
async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function call(handler: (args: ActionFunctionArgs) => Promise<Response>, shop: string, orderId: string, path: string, body?: unknown) {
  const init =
    body === undefined ? undefined : { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
  const request = await extensionFetchRequest(shop, `/api/orders/${orderId}/${path}`, init);
  const response = await answer(() => handler({ request, params: { orderId }, context: {} }));
  return { status: response.status, cors: response.headers.get("Access-Control-Allow-Origin"), body: await response.json() };
}

const suggestions = (shop: string, orderId: string) => call(linkRoute.loader, shop, orderId, "link");
const link = (shop: string, orderId: string, waybill: unknown) => call(linkRoute.action, shop, orderId, "link", { waybill });
const resolve = (shop: string, orderId: string, waybill: unknown) => call(resolveRoute.action, shop, orderId, "resolve", { waybill });
const retry = (shop: string, orderId: string, waybill: unknown) => call(retryRoute.action, shop, orderId, "retry", { waybill });

async function orderWithParkedWaybills(): Promise<{ harness: SyncShopHarness; orderId: string }> {
  const harness = await syncShop();
  const order = harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
  await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
  await harness.send("processed", "WK-9", "2026-11-28T10:00:00Z");
  await harness.drain();
  harness.clock.now = new Date(harness.clock.now.getTime() + 60_000);
  await harness.send("confirmed", "WK-10", "2026-11-28T11:00:00Z");
  await harness.drain();
  return { harness, orderId: order.legacyResourceId };
}

describe("GET /api/orders/:orderId/link", () => {
  it("suggests the shop's unmatched waybills, most recent first, with their parked events", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();

    const { status, cors, body } = await suggestions(harness.shop, orderId);

    expect(status).toBe(200);
    expect(cors).toBe("*");
    const typed = body as LinkSuggestions;
    expect(typed.linkedWaybills).toEqual([]);
    expect(typed.suggestions.map((parked) => [parked.waybill, parked.parkedEvents])).toEqual([
      ["WK-10", 1],
      ["WK-9", 2],
    ]);
    expect(typed.suggestions[0].reason).toContain("WK-10");
  });

  it("suggests nothing of another shop's", async () => {
    const { orderId } = await orderWithParkedWaybills();
    const stranger = await syncShop();
    expect((await suggestions(stranger.shop, orderId)).body).toEqual({ linkedWaybills: [], suggestions: [] });
  });
});

describe("POST /api/orders/:orderId/link", () => {
  it("links the waybill to this order and replays its events", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();

    const { status, cors, body } = await link(harness.shop, orderId, " WK-9 ");

    expect(status).toBe(200);
    expect(cors).toBe("*");
    expect(body).toEqual({ linked: { waybill: "WK-9", orderName: "#1001", replayed: 2 } } satisfies LinkWaybillAnswer);
    await harness.drain();
    expect(harness.order("#1001").tags).toContain("Wakilni: Out for delivery");
    const after = (await suggestions(harness.shop, orderId)).body as LinkSuggestions;
    expect(after.linkedWaybills).toEqual(["WK-9"]);
    expect(after.suggestions.map((parked) => parked.waybill)).toEqual(["WK-10"]);
  });

  it("links a typed waybill Wakilni has not reported yet: its first event then goes to the order", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    expect((await link(harness.shop, orderId, "WK-NEW")).body).toEqual({ linked: { waybill: "WK-NEW", orderName: "#1001", replayed: 0 } });
    await harness.send("assigned", "WK-NEW", "2026-11-28T11:30:00Z");
    await harness.drain();
    expect(harness.order("#1001").fulfillments).toHaveLength(1);
  });

  it("refuses a waybill already fulfilled on an order, and changes nothing", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    await link(harness.shop, orderId, "WK-9");
    await harness.drain();
    const other = harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Oil", quantity: 1 }] });

    const { status, body } = await link(harness.shop, other.legacyResourceId, "WK-9");

    expect(status).toBe(422);
    expect(body).toEqual({ error: orderActionRefusal("alreadyFulfilled", { waybill: "WK-9", order: "#1001" }) });
    expect(await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop, waybill: "WK-9" } })).toMatchObject({
      orderName: "#1001",
    });
  });

  it.each([[""], ["   "], ["x".repeat(101)], ["WK\u0000"], [42], [null]])("refuses the waybill %j with a 400", async (waybill) => {
    const { harness, orderId } = await orderWithParkedWaybills();
    const { status, cors, body } = await link(harness.shop, orderId, waybill);
    expect(status).toBe(400);
    expect(cors).toBe("*");
    expect(body).toEqual({ error: orderActionRefusal("waybillInvalid", { max: "100" }) });
    expect(await prisma.delivery.count({ where: { shop: harness.shop, orderId: { not: null } } })).toBe(0);
  });

  it("refuses an order id that is not Shopify's numeric id", async () => {
    const { harness } = await orderWithParkedWaybills();
    const { status, body } = await link(harness.shop, "gid:1", "WK-9");
    expect(status).toBe(400);
    expect(body).toEqual({ error: orderActionRefusal("orderId") });
  });

  it("refuses a request without an ID token, readable by the extension", async () => {
    const request = new Request("https://app.example/api/orders/1/link", { method: "POST", body: "{}" });
    const response = await answer(() => linkRoute.action({ request, params: { orderId: "1" }, context: {} }));
    expect(response.status).toBe(401);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await response.json()).toEqual({ error: orderActionRefusal("unauthenticated") });
  });

  it("refuses a body that is not a JSON object", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    const request = await extensionFetchRequest(harness.shop, `/api/orders/${orderId}/link`, { method: "POST", body: "[1]" });
    const response = await answer(() => linkRoute.action({ request, params: { orderId }, context: {} }));
    expect([response.status, response.headers.get("Access-Control-Allow-Origin")]).toEqual([400, "*"]);
    expect(await response.json()).toEqual({ error: orderActionRefusal("unreadableRequest") });
  });

  it("refuses an order no order of the shop matches", async () => {
    const { harness } = await orderWithParkedWaybills();
    const { status, body } = await link(harness.shop, "999999", "WK-9");
    expect(status).toBe(422);
    expect(body).toEqual({ error: orderActionRefusal("noOrderMatches", { reference: "999999" }) });
    expect(await prisma.delivery.count({ where: { shop: harness.shop, orderId: { not: null } } })).toBe(0);
  });

  it("refuses anything but POST", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    const request = await extensionFetchRequest(harness.shop, `/api/orders/${orderId}/link`, { method: "PUT", body: "{}" });
    const response = await answer(() => linkRoute.action({ request, params: { orderId }, context: {} }));
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: orderActionRefusal("postOnly") });
  });
});

describe("POST /api/orders/:orderId/retry", () => {
  it("queues again the events of this order's waybill that the app gave up on", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    await link(harness.shop, orderId, "WK-9");
    await harness.drain();
    await prisma.inboxEvent.updateMany({ where: { shop: harness.shop, waybill: "WK-9" }, data: { state: "failed" } });

    expect((await retry(harness.shop, orderId, "WK-9")).body).toEqual({ retried: 2 } satisfies RetryDeliveryAnswer);
    expect(await prisma.inboxEvent.count({ where: { shop: harness.shop, waybill: "WK-9", state: "received" } })).toBe(2);
    expect((await retry(harness.shop, orderId, "WK-9")).body).toEqual({ retried: 0 });
  });

  it("refuses a waybill that is not this order's, and changes nothing", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    const { status, body } = await retry(harness.shop, orderId, "WK-10");
    expect(status).toBe(404);
    expect(body).toEqual({ error: orderActionRefusal("waybillNotOnOrder") });
    expect(await prisma.inboxEvent.count({ where: { shop: harness.shop, state: "parked" } })).toBe(3);
  });
});

describe("POST /api/orders/:orderId/resolve", () => {
  it("takes the Needs attention tag off the order and names who resolved it", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    await link(harness.shop, orderId, "WK-9");
    await harness.send("failed", "WK-9", "2026-11-28T11:00:00Z");
    await harness.drain();
    expect(harness.order("#1001").tags).toContain("Wakilni: Needs attention");

    const { status, body } = await resolve(harness.shop, orderId, "WK-9");

    expect(status).toBe(200);
    expect((body as ResolveAttentionAnswer & { resolvedBy: string }).resolvedBy).toMatch(/^staff #/);
    expect(harness.order("#1001").tags).not.toContain("Wakilni: Needs attention");
    expect(await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop, waybill: "WK-9" } })).toMatchObject({
      needsAttention: false,
      attentionResolvedBy: body.resolvedBy,
    });
  });

  it("refuses a waybill that is not this order's, and changes nothing", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    const { status, body } = await resolve(harness.shop, orderId, "WK-10");
    expect(status).toBe(404);
    expect(body).toEqual({ error: orderActionRefusal("waybillNotOnOrder") });
    expect(await prisma.delivery.count({ where: { shop: harness.shop, needsAttention: true } })).toBe(2);
  });

  it("refuses while the worker holds the waybill: try again in a moment", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    await link(harness.shop, orderId, "WK-9");
    await harness.drain();
    expect(await prismaInboxStore.claim({ shop: harness.shop, waybill: "WK-9" }, "busy-worker", new Date(), 60_000)).toBe(true);
    const { status, body } = await resolve(harness.shop, orderId, "WK-9");
    expect(status).toBe(409);
    expect(body).toEqual({ error: orderActionRefusal("busy", { waybill: "WK-9" }) });
  });

  it("answers a GET with what the route takes", async () => {
    const { harness, orderId } = await orderWithParkedWaybills();
    for (const route of [resolveRoute, retryRoute]) {
      const { status, body } = await call(route.loader, harness.shop, orderId, "resolve");
      expect([status, body]).toEqual([405, { error: orderActionRefusal("postOnly") }]);
    }
  });
});
