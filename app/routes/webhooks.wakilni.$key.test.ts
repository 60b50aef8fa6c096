// The Wakilni endpoint through its real route and a real database: one test per rejection
// reason and per way of being accepted.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "../db.server";
import { ensureShop, rotateEndpointKey, saveWakilniCredentials } from "../settings/shop-settings.server";
import { ALL_TOPICS, WAKILNI_TOPICS } from "../wakilni/topics";
import { signWakilniBody } from "../wakilni/signature";
import { uniqueShop } from "../../tests/helpers/shopify";
import { signedWakilniRequest, specPayload, wakilniHeaders } from "../../tests/helpers/wakilni";
import { action, loader } from "./webhooks.wakilni.$key";

const SECRET = "wakilni-webhook-secret-1";
let shop: string;
let key: string;

const url = (endpointKey = key) => `https://my-test-app.myshopify.io/webhooks/wakilni/${endpointKey}`;
const post = (request: Request, endpointKey = key) => action({ request, params: { key: endpointKey }, context: {} });

async function answer(request: Request, endpointKey = key) {
  const response = await post(request, endpointKey);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function storedEvents() {
  return prisma.inboxEvent.findMany({ where: { shop }, orderBy: { id: "asc" } });
}

async function rejectionCount(reason: string) {
  const rows = await prisma.webhookRejection.findMany({ where: { shop, reason } });
  return rows.reduce((sum, row) => sum + row.count, 0);
}

beforeEach(async () => {
  shop = uniqueShop();
  key = (await ensureShop(shop)).endpointKey;
  await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
});

describe("POST /webhooks/wakilni/:key rejects", () => {
  it("other methods with 405", async () => {
    const response = await loader({ request: new Request(url()), params: { key }, context: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect((await post(new Request(url(), { method: "PUT", body: "{}" }))).status).toBe(405);
  });

  it("a body declared larger than 256 KiB with 413", async () => {
    const body = JSON.stringify(specPayload({ topic: "completed" }));
    const request = new Request(url(), {
      method: "POST",
      body,
      headers: { ...wakilniHeaders(body, SECRET, "Order Completed"), "content-length": String(256 * 1024 + 1) },
    });
    expect(await answer(request)).toMatchObject({ status: 413, body: { ok: false, error: "payload_too_large" } });
  });

  it("a streamed body that grows past 256 KiB with 413", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request(url(), {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "x-webhook-signature": "x" },
    } as RequestInit);
    expect(await answer(request)).toMatchObject({ status: 413, body: { error: "payload_too_large" } });
    // 5 chunks pass the limit; the stream may have pulled one ahead, never the other 95.
    expect(sent).toBeLessThanOrEqual(6);
  });

  it("an unknown endpoint key with 404", async () => {
    const request = signedWakilniRequest(url("not-a-key"), specPayload({ topic: "completed" }), SECRET);
    expect(await answer(request, "not-a-key")).toMatchObject({ status: 404, body: { error: "unknown_endpoint" } });
  });

  it("the old key after a rotation with 404, and accepts the new one", async () => {
    const oldKey = key;
    key = (await rotateEndpointKey(shop)).endpointKey;
    expect((await answer(signedWakilniRequest(url(oldKey), specPayload({ topic: "completed" }), SECRET), oldKey)).status).toBe(404);
    expect((await answer(signedWakilniRequest(url(), specPayload({ topic: "completed" }), SECRET))).status).toBe(200);
  });

  it("a shop that uninstalled the app with 404", async () => {
    await prisma.shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
    expect((await answer(signedWakilniRequest(url(), specPayload({ topic: "completed" }), SECRET))).status).toBe(404);
  });

  it("a missing signature with 401", async () => {
    const request = signedWakilniRequest(url(), specPayload({ topic: "completed" }), SECRET, { "x-webhook-signature": "" });
    expect(await answer(request)).toMatchObject({ status: 401, body: { error: "missing_signature" } });
    expect(await rejectionCount("missing_signature")).toBe(1);
  });

  it("a signature that is not base64 HMAC-SHA256 with 401", async () => {
    const request = signedWakilniRequest(url(), specPayload({ topic: "completed" }), SECRET, { "x-webhook-signature": "not base64!" });
    expect(await answer(request)).toMatchObject({ status: 401, body: { error: "malformed_signature" } });
  });

  it("a signature made with another secret with 401", async () => {
    const request = signedWakilniRequest(url(), specPayload({ topic: "completed" }), "some-other-secret");
    expect(await answer(request)).toMatchObject({ status: 401, body: { error: "signature_mismatch" } });
    expect(await rejectionCount("signature_mismatch")).toBe(1);
  });

  it("a signature over different bytes (re-serialized JSON) with 401", async () => {
    const payload = specPayload({ topic: "completed" });
    const signedBody = JSON.stringify(payload, null, 2);
    const request = new Request(url(), {
      method: "POST",
      body: JSON.stringify(payload),
      headers: { ...wakilniHeaders(signedBody, SECRET, "Order Completed") },
    });
    expect(await answer(request)).toMatchObject({ status: 401, body: { error: "signature_mismatch" } });
  });

  it("every request while the shop has no secret with 401", async () => {
    const bare = uniqueShop();
    const bareKey = (await ensureShop(bare)).endpointKey;
    const request = signedWakilniRequest(url(bareKey), specPayload({ topic: "completed" }), SECRET);
    expect(await answer(request, bareKey)).toMatchObject({ status: 401, body: { error: "secret_not_set" } });
  });

  it("a body that is not JSON with 400", async () => {
    const body = "{not json";
    const request = new Request(url(), { method: "POST", body, headers: wakilniHeaders(body, SECRET, "Order Completed") });
    expect(await answer(request)).toMatchObject({ status: 400, body: { error: "invalid_json" } });
  });

  it("a body of the wrong shape with 400 naming the field", async () => {
    const payload = specPayload({ topic: "completed" });
    (payload.data as Record<string, unknown>).waybill = { nested: true };
    expect(await answer(signedWakilniRequest(url(), payload, SECRET))).toMatchObject({
      status: 400,
      body: { error: "invalid_payload", field: "data.waybill" },
    });
    expect(await rejectionCount("invalid_payload")).toBe(1);
  });

  it("a topic header that disagrees with the body with 400", async () => {
    const request = signedWakilniRequest(url(), specPayload({ topic: "completed" }), SECRET, { "x-webhook-topic": "Order Canceled" });
    expect(await answer(request)).toMatchObject({ status: 400, body: { error: "topic_mismatch" } });
  });

  it("storing nothing from any rejected request", async () => {
    await answer(signedWakilniRequest(url(), specPayload({ topic: "completed" }), "wrong"));
    await answer(signedWakilniRequest(url(), specPayload({ topic: "completed" }), SECRET, { "x-webhook-topic": "Order Failed" }));
    expect(await storedEvents()).toEqual([]);
  });
});

describe("POST /webhooks/wakilni/:key accepts", () => {
  it.each(ALL_TOPICS)("the %s topic and stores it with everything Wakilni sent", async (topic) => {
    const payload = specPayload({
      topic,
      waybill: "#1007",
      orderId: 9001,
      at: "2026-07-01 14:39:10",
      driver: { name: "Ali", phone: "+961 3 123456" },
    });
    const request = signedWakilniRequest(url(), payload, SECRET, { "x-attempt-number": "2", "x-webhook-delivery-id": "dlv-1" });
    expect(await answer(request)).toEqual({ status: 200, body: { ok: true, status: "accepted", eventId: payload.event_id } });
    const [event] = await storedEvents();
    expect(event).toMatchObject({
      eventId: payload.event_id,
      topic,
      topicName: WAKILNI_TOPICS[topic],
      waybill: "#1007",
      wakilniOrderId: "9001",
      state: "received",
      deliveryCount: 1,
      webhookId: "17",
      deliveryId: "dlv-1",
      attemptNumber: 2,
      source: "https://api.wakilni.com",
      wakilniZone: "Asia/Beirut",
      rawBody: JSON.stringify(payload),
    });
    // Beirut is UTC+3 in July: the naive Wakilni time is kept as sent and read in the shop's zone.
    expect(event.occurredAtText).toBe("2026-07-01 14:39:10");
    expect(event.occurredAt.toISOString()).toBe("2026-07-01T11:39:10.000Z");
    const transitions = await prisma.inboxEventTransition.findMany({ where: { inboxEventId: event.id } });
    expect(transitions.map((transition) => transition.state)).toEqual(["received"]);
  });

  it("the Order Ready for Self-Pickup shape with its office", async () => {
    const payload = specPayload({ topic: "ready_for_pickup", location: ["Wakilni Hamra", "+961 1 111111"] });
    expect((await answer(signedWakilniRequest(url(), payload, SECRET))).status).toBe(200);
    expect((await storedEvents())[0]).toMatchObject({ topic: "ready_for_pickup", state: "received" });
  });

  it("an unknown topic, stored as unsupported so it is never lost", async () => {
    const payload = specPayload({ topic: "Order Teleported" });
    expect(await answer(signedWakilniRequest(url(), payload, SECRET))).toMatchObject({ status: 200, body: { status: "accepted" } });
    expect((await storedEvents())[0]).toMatchObject({ topic: null, topicName: "Order Teleported", state: "unsupported" });
  });

  it("a repeat of the same event_id once, counting the deliveries", async () => {
    const payload = specPayload({ topic: "completed" });
    expect((await answer(signedWakilniRequest(url(), payload, SECRET))).body.status).toBe("accepted");
    const retry = await answer(signedWakilniRequest(url(), payload, SECRET, { "x-attempt-number": "2" }));
    expect(retry).toEqual({ status: 200, body: { ok: true, status: "duplicate", eventId: payload.event_id } });
    const events = await storedEvents();
    expect(events).toHaveLength(1);
    expect(events[0].deliveryCount).toBe(2);
  });

  it("a body signed with the previous secret during the rotation window", async () => {
    await saveWakilniCredentials(shop, { secret: "wakilni-webhook-secret-2" }, new Date());
    expect((await answer(signedWakilniRequest(url(), specPayload({ topic: "completed" }), SECRET))).status).toBe(200);
    expect((await answer(signedWakilniRequest(url(), specPayload({ topic: "completed" }), "wakilni-webhook-secret-2"))).status).toBe(200);
  });

  it("times in the shop's configured zone (Amman)", async () => {
    await prisma.shop.update({ where: { shop }, data: { wakilniZone: "Asia/Amman" } });
    await answer(signedWakilniRequest(url(), specPayload({ topic: "completed", at: "2026-01-15 12:00:00" }), SECRET));
    expect((await storedEvents())[0].occurredAt.toISOString()).toBe("2026-01-15T09:00:00.000Z");
  });

  it("raw bytes as sent, even when they are not canonical JSON", async () => {
    const body = `{ "event_id": "spaced-1",  "event": "Order Completed", "timestamp": "2026-11-28 10:00:00",\n "data": {"order_id": "77", "waybill": 1001, "updated_at": "2026-11-28 10:00:00"} }`;
    const request = new Request(url(), { method: "POST", body, headers: { "x-webhook-signature": signWakilniBody(body, SECRET) } });
    expect((await answer(request)).status).toBe(200);
    expect((await storedEvents())[0]).toMatchObject({ rawBody: body, waybill: "1001", wakilniOrderId: "77" });
  });
});

describe("POST /webhooks/wakilni/:key when the database refuses the write", () => {
  it("answers 503 so Wakilni retries, and stores nothing", async () => {
    const blocked = uniqueShop("blocked");
    const blockedKey = (await ensureShop(blocked)).endpointKey;
    await saveWakilniCredentials(blocked, { secret: SECRET }, new Date());
    const engine = process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
    if (engine === "sqlite") {
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_blocked BEFORE INSERT ON "InboxEvent" WHEN NEW."shop" = '${blocked}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );
    } else {
      await prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION refuse_blocked() RETURNS trigger AS $$ BEGIN IF NEW."shop" = '${blocked}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_blocked BEFORE INSERT ON "InboxEvent" FOR EACH ROW EXECUTE FUNCTION refuse_blocked()`,
      );
    }
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      // The event id is payload text: the log line shows its bidi override as an escape.
      const payload = specPayload({ topic: "completed", eventId: "evt-\u202E1001" });
      const response = await post(signedWakilniRequest(url(blockedKey), payload, SECRET), blockedKey);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toMatchObject({ error: "storage_unavailable" });
      expect(await prisma.inboxEvent.count({ where: { shop: blocked } })).toBe(0);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0].join(" ")).toContain("could not store event evt-\\u202E1001:");
      expect(logged.mock.calls[0].join(" ")).not.toContain("\u202E");
    } finally {
      logged.mockRestore();
      await prisma.$executeRawUnsafe(engine === "sqlite" ? "DROP TRIGGER refuse_blocked" : `DROP TRIGGER refuse_blocked ON "InboxEvent"`);
    }
  });
});
