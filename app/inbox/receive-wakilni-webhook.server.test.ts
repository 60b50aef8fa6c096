// The Wakilni endpoint's logic on a real database, called the way both HTTP adapters call it:
// one test per answer it can give (413, 404, 401, 400, 405, 503, 200 stored or duplicate), each
// checking what was stored, counted and signalled, and that a refusal changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { ensureShop, rotateEndpointKey, saveWakilniCredentials } from "../settings/shop-settings.server";
import { ALL_TOPICS, WAKILNI_TOPICS } from "../wakilni/topics";
import { signWakilniBody } from "../wakilni/signature";
import { uniqueShop } from "../../tests/helpers/shopify";
import { signedWakilniRequest, webhookRequest } from "../../tests/helpers/wakilni";
import { specPayload, wakilniHeaders, wakilniTimeText } from "../../sandbox/wakilni-sender";
import { inboxSignal } from "./inbox-signal.server";
import { MAX_CONFLICTS_PER_EVENT, storeReceivedEvents } from "./inbox-store.server";
import { wakilniEvent } from "../../sandbox/inbox-events";
import { parseWakilniLocalTime } from "../wakilni/local-time";
import { MAX_BODY_BYTES, receiveWakilniWebhook, type WebhookRequest } from "./receive-wakilni-webhook.server";

const SECRET = "wakilni-webhook-secret-1";
// The test payloads happen "now" (the endpoint refuses events older than its replay window), so
// the injected receiving clock is now too, except where a test sets its own.
const RECEIVED_AT = new Date();
let shop: string;
let key: string;
let signals: number;
let unsubscribe: () => void;

async function answerAt(endpointKey: string | undefined, delivery: WebhookRequest, receivedAt = RECEIVED_AT) {
  const { status, headers, body } = await receiveWakilniWebhook(delivery, endpointKey, () => receivedAt);
  return { status, headers, body: JSON.parse(body) as Record<string, unknown> };
}

const answer = (delivery: WebhookRequest) => answerAt(key, delivery);

const completed = () => specPayload({ topic: "completed" });

/** A body that fails the test if the receiver reads it. */
const unreadBody: AsyncIterable<Uint8Array> = {
  [Symbol.asyncIterator]() {
    throw new Error("the body was read");
  },
};

async function storedEvents(forShop = shop) {
  return prisma.inboxEvent.findMany({ where: { shop: forShop }, orderBy: { id: "asc" } });
}

async function rejectionCount(reason: string) {
  const rows = await prisma.webhookRejection.findMany({ where: { shop, reason } });
  return rows.reduce((sum, row) => sum + row.count, 0);
}

beforeEach(async () => {
  shop = uniqueShop();
  key = (await ensureShop(shop)).endpointKey;
  await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
  signals = 0;
  unsubscribe = inboxSignal.subscribe(() => (signals += 1));
});

afterEach(() => unsubscribe());

describe("receiveWakilniWebhook refuses", () => {
  it.each(["GET", "PUT", "HEAD"])("a %s with 405 and Allow: POST, without reading the body", async (method) => {
    const response = await answer(webhookRequest({ method, body: unreadBody }));
    expect(response).toMatchObject({ status: 405, headers: { Allow: "POST" }, body: { ok: false, error: "method_not_allowed" } });
  });

  it("a body declared larger than the limit with 413, without reading it, and closes the connection", async () => {
    const delivery = webhookRequest({ headers: { "content-length": String(MAX_BODY_BYTES + 1) }, body: unreadBody });
    const response = await answer(delivery);
    expect(response).toMatchObject({ status: 413, headers: { Connection: "close" }, body: { ok: false, error: "payload_too_large" } });
    expect(response.body.message).toContain(String(MAX_BODY_BYTES));
  });

  it("a streamed body with 413 as soon as it passes the limit, and stops the stream", async () => {
    let pulled = 0;
    let stopped = false;
    async function* endless() {
      try {
        for (;;) {
          pulled += 1;
          yield new Uint8Array(64 * 1024).fill(32);
        }
      } finally {
        stopped = true;
      }
    }
    const response = await answer(webhookRequest({ headers: { "x-webhook-signature": "x" }, body: endless() }));
    expect(response).toMatchObject({ status: 413, headers: { Connection: "close" }, body: { error: "payload_too_large" } });
    // 4 chunks of 64 KiB are exactly the limit; the 5th passes it.
    expect(pulled).toBe(5);
    expect(stopped).toBe(true);
  });

  it.each([
    ["a key no shop uses", "not-a-key"],
    ["no key", undefined],
    ["an empty key (one that was not valid percent-encoding)", ""],
    ["a key longer than any the app makes", "k".repeat(65)],
  ])("%s with 404", async (_label, endpointKey) => {
    expect(await answerAt(endpointKey, signedWakilniRequest(completed(), SECRET))).toMatchObject({
      status: 404,
      body: { ok: false, error: "unknown_endpoint" },
    });
  });

  it("the old key after a rotation with 404, and accepts the new one", async () => {
    const oldKey = key;
    key = (await rotateEndpointKey(shop)).endpointKey;
    expect((await answerAt(oldKey, signedWakilniRequest(completed(), SECRET))).status).toBe(404);
    expect((await answer(signedWakilniRequest(completed(), SECRET))).status).toBe(200);
  });

  it("a shop that uninstalled the app with 404", async () => {
    await prisma.shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
    expect((await answer(signedWakilniRequest(completed(), SECRET))).status).toBe(404);
  });

  it("a missing signature with 401, counted against the shop", async () => {
    const response = await answer(signedWakilniRequest(completed(), SECRET, { "x-webhook-signature": " " }));
    expect(response).toMatchObject({ status: 401, body: { error: "missing_signature" } });
    expect(await rejectionCount("missing_signature")).toBe(1);
  });

  it("any delivery while the shop has no secret with 401", async () => {
    const bare = uniqueShop();
    const bareKey = (await ensureShop(bare)).endpointKey;
    expect(await answerAt(bareKey, signedWakilniRequest(completed(), SECRET))).toMatchObject({
      status: 401,
      body: { error: "secret_not_set" },
    });
  });

  it("a signature that is not a base64 HMAC-SHA256 with 401", async () => {
    const response = await answer(signedWakilniRequest(completed(), SECRET, { "x-webhook-signature": "not base64!" }));
    expect(response).toMatchObject({ status: 401, body: { error: "malformed_signature" } });
    expect(await rejectionCount("malformed_signature")).toBe(1);
  });

  it("a signature made with another secret with 401", async () => {
    const response = await answer(signedWakilniRequest(completed(), "some-other-secret"));
    expect(response).toMatchObject({ status: 401, body: { error: "signature_mismatch" } });
    expect(await rejectionCount("signature_mismatch")).toBe(1);
  });

  it("a signature over other bytes (the same JSON, re-serialized) with 401", async () => {
    const payload = completed();
    const headers = wakilniHeaders(JSON.stringify(payload, null, 2), SECRET, "Order Completed");
    expect(await answer(webhookRequest({ headers, body: JSON.stringify(payload) }))).toMatchObject({
      status: 401,
      body: { error: "signature_mismatch" },
    });
  });

  it("a body that is not JSON with 400", async () => {
    const body = "{not json";
    const response = await answer(webhookRequest({ headers: wakilniHeaders(body, SECRET, "Order Completed"), body }));
    expect(response).toMatchObject({ status: 400, body: { error: "invalid_json" } });
    expect(response.body.message).toMatch(/^the body is not JSON: /);
    expect(await rejectionCount("invalid_json")).toBe(1);
  });

  it.each([
    ["data.waybill", (data: Record<string, unknown>) => (data.waybill = { nested: true })],
    ["data.order_id", (data: Record<string, unknown>) => delete data.order_id],
    ["data.updated_at", (data: Record<string, unknown>) => (data.updated_at = "yesterday")],
  ])("a body with a bad %s with 400 naming the field", async (field, spoil) => {
    const payload = completed();
    spoil(payload.data as Record<string, unknown>);
    const response = await answer(signedWakilniRequest(payload, SECRET));
    expect(response).toMatchObject({ status: 400, body: { error: "invalid_payload", field } });
    expect(response.body.message).toMatch(new RegExp(`^${field.replace(".", "\\.")}: `));
    expect(await rejectionCount("invalid_payload")).toBe(1);
  });

  it("a topic header that disagrees with the body with 400 naming both", async () => {
    const response = await answer(signedWakilniRequest(completed(), SECRET, { "x-webhook-topic": "Order Canceled" }));
    expect(response).toMatchObject({ status: 400, body: { error: "topic_mismatch" } });
    expect(response.body.message).toBe('x-webhook-topic "Order Canceled" does not match the body\'s event "Order Completed"');
  });

  it("storing and signalling nothing from any refused delivery", async () => {
    await answer(signedWakilniRequest(completed(), "wrong"));
    await answer(signedWakilniRequest(completed(), SECRET, { "x-webhook-topic": "Order Failed" }));
    await answer(webhookRequest({ method: "GET" }));
    await answerAt("not-a-key", signedWakilniRequest(completed(), SECRET));
    expect(await storedEvents()).toEqual([]);
    expect(signals).toBe(0);
  });
});

describe("receiveWakilniWebhook when the database refuses the write", () => {
  it("answers 503 with Retry-After so Wakilni retries, and stores nothing", async () => {
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
    try {
      const response = await answerAt(blockedKey, signedWakilniRequest(completed(), SECRET));
      expect(response).toMatchObject({ status: 503, headers: { "Retry-After": "5" }, body: { ok: false, error: "storage_unavailable" } });
      expect(await storedEvents(blocked)).toEqual([]);
      expect(signals).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(engine === "sqlite" ? "DROP TRIGGER refuse_blocked" : `DROP TRIGGER refuse_blocked ON "InboxEvent"`);
    }
  });
});

describe("receiveWakilniWebhook and the previous secret's window", () => {
  const NEW_SECRET = "wakilni-webhook-secret-2";
  const HOUR = 3_600_000;
  const signedWith = (secret: string) => signedWakilniRequest(completed(), secret);
  const after = (savedAt: Date, ms: number) => new Date(savedAt.getTime() + ms);

  it("refuses the previous secret at once when the merchant chose 0 hours", async () => {
    const savedAt = new Date();
    await saveWakilniCredentials(shop, { secret: NEW_SECRET, previousSecretHours: 0 }, savedAt);
    expect(await answerAt(key, signedWith(SECRET), savedAt)).toMatchObject({ status: 401, body: { error: "signature_mismatch" } });
    expect((await answerAt(key, signedWith(NEW_SECRET), savedAt)).status).toBe(200);
    expect(await storedEvents()).toHaveLength(1);
  });

  it("accepts the previous secret for the merchant's hours, then refuses it", async () => {
    const savedAt = new Date();
    await saveWakilniCredentials(shop, { secret: NEW_SECRET, previousSecretHours: 2 }, savedAt);
    expect((await answerAt(key, signedWith(SECRET), after(savedAt, 110 * 60_000))).status).toBe(200);
    expect((await answerAt(key, signedWith(SECRET), after(savedAt, 130 * 60_000))).status).toBe(401);
    expect((await answerAt(key, signedWith(NEW_SECRET), after(savedAt, 130 * 60_000))).status).toBe(200);
  });

  it("accepts the previous secret for 24 hours by default", async () => {
    const savedAt = new Date();
    await saveWakilniCredentials(shop, { secret: NEW_SECRET }, savedAt);
    expect((await answerAt(key, signedWith(SECRET), after(savedAt, 23 * HOUR))).status).toBe(200);
    expect((await answerAt(key, signedWith(SECRET), after(savedAt, 25 * HOUR))).status).toBe(401);
  });
});

describe("receiveWakilniWebhook accepts", () => {
  it.each(ALL_TOPICS)("the %s topic with 200, storing everything Wakilni sent and waking the worker", async (topic) => {
    const payload = specPayload({
      topic,
      waybill: "#1007",
      orderId: 9001,
      at: "2026-07-01 14:39:10",
      driver: { name: "Ali", phone: "+961 3 123456" },
    });
    // Received the next day: a summer time, inside the replay window.
    const receivedAt = new Date("2026-07-02T08:00:00.000Z");
    const delivery = signedWakilniRequest(payload, SECRET, { "x-attempt-number": "2", "x-webhook-delivery-id": "dlv-1" });
    const response = await answerAt(key, delivery, receivedAt);
    expect(response).toMatchObject({ status: 200, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
    expect(response.body).toEqual({ ok: true, status: "accepted", eventId: payload.event_id });
    const [event] = await storedEvents();
    expect(event).toMatchObject({
      eventId: payload.event_id,
      topic,
      topicName: WAKILNI_TOPICS[topic],
      waybill: "#1007",
      wakilniOrderId: "9001",
      state: "received",
      receiptCount: 1,
      webhookId: "17",
      wakilniRequestId: "dlv-1",
      attemptNumber: 2,
      source: "https://api.wakilni.com",
      wakilniZone: "Asia/Beirut",
      rawBody: JSON.stringify(payload),
      receivedAt,
    });
    // Beirut is UTC+3 in July: the naive Wakilni time is kept as sent and read in the shop's zone.
    expect(event.occurredAtText).toBe("2026-07-01 14:39:10");
    expect(event.occurredAt.toISOString()).toBe("2026-07-01T11:39:10.000Z");
    const transitions = await prisma.inboxEventTransition.findMany({ where: { inboxEventId: event.id } });
    expect(transitions.map((transition) => transition.state)).toEqual(["received"]);
    expect(signals).toBe(1);
  });

  it("the Order Ready for Self-Pickup shape with its office", async () => {
    const payload = specPayload({ topic: "ready_for_pickup", location: ["Wakilni Hamra", "+961 1 111111"] });
    expect((await answer(signedWakilniRequest(payload, SECRET))).status).toBe(200);
    expect((await storedEvents())[0]).toMatchObject({ topic: "ready_for_pickup", state: "received" });
  });

  it("an unknown topic, stored as unsupported so it is never lost", async () => {
    const payload = specPayload({ topic: "Order Teleported" });
    expect(await answer(signedWakilniRequest(payload, SECRET))).toMatchObject({ status: 200, body: { status: "accepted" } });
    expect((await storedEvents())[0]).toMatchObject({ topic: null, topicName: "Order Teleported", state: "unsupported" });
  });

  it("a repeat of the same event_id with 200 duplicate, stored once, counting the deliveries", async () => {
    const payload = completed();
    expect((await answer(signedWakilniRequest(payload, SECRET))).body.status).toBe("accepted");
    const retry = await answer(signedWakilniRequest(payload, SECRET, { "x-attempt-number": "2" }));
    expect(retry).toMatchObject({ status: 200, body: { ok: true, status: "duplicate", eventId: payload.event_id } });
    const events = await storedEvents();
    expect(events).toHaveLength(1);
    expect(events[0].receiptCount).toBe(2);
    // Nothing new for the worker.
    expect(signals).toBe(1);
  });

  it("a body signed with the previous secret during the rotation window", async () => {
    await saveWakilniCredentials(shop, { secret: "wakilni-webhook-secret-2" }, new Date());
    expect((await answer(signedWakilniRequest(completed(), SECRET))).status).toBe(200);
    expect((await answer(signedWakilniRequest(completed(), "wakilni-webhook-secret-2"))).status).toBe(200);
  });

  it("times in the shop's configured zone (Amman)", async () => {
    await prisma.shop.update({ where: { shop }, data: { wakilniZone: "Asia/Amman" } });
    const delivery = signedWakilniRequest(specPayload({ topic: "completed", at: "2026-01-15 12:00:00" }), SECRET);
    await answerAt(key, delivery, new Date("2026-01-16T08:00:00.000Z"));
    expect((await storedEvents())[0].occurredAt.toISOString()).toBe("2026-01-15T09:00:00.000Z");
  });

  it("the raw bytes as sent, joined from chunks that split a character, even when they are not canonical JSON", async () => {
    const at = wakilniTimeText(new Date(RECEIVED_AT.getTime() - 3_600_000));
    const body = `{ "event_id": "spaced-1",  "event": "Order Assigned", "timestamp": "${at}",\n "data": {"order_id": "77", "waybill": 1001, "updated_at": "${at}", "driver_name": "علي", "driver_phone": "+961 3 1"} }`;
    const bytes = new TextEncoder().encode(body);
    const splitAt = bytes.indexOf(0xd8) + 1; // inside the first Arabic letter
    const chunks = [bytes.subarray(0, splitAt), bytes.subarray(splitAt, splitAt + 7), bytes.subarray(splitAt + 7)];
    const delivery = webhookRequest({ headers: { "x-webhook-signature": signWakilniBody(body, SECRET) }, body: chunks });
    expect((await answer(delivery)).status).toBe(200);
    expect((await storedEvents())[0]).toMatchObject({ rawBody: body, waybill: "1001", wakilniOrderId: "77" });
  });
});

describe("receiveWakilniWebhook and signed events that are still bad", () => {
  const MINUTE = 60_000;
  const at = (offsetMs: number) => wakilniTimeText(new Date(RECEIVED_AT.getTime() + offsetMs));

  it.each([
    ["in 2099", "2099-01-01 00:00:00"],
    ["at the end of year 9999", "9999-12-31 23:59:59"],
  ])("an event dated %s with 400 event_in_future, counted, storing nothing", async (_label, time) => {
    const response = await answer(signedWakilniRequest(specPayload({ topic: "completed", at: time }), SECRET));
    expect(response).toMatchObject({ status: 400, body: { ok: false, error: "event_in_future" } });
    expect(response.body.message).toContain(time);
    expect(await rejectionCount("event_in_future")).toBe(1);
    expect(await storedEvents()).toEqual([]);
    expect(signals).toBe(0);
  });

  it("an event up to 15 minutes ahead (clocks drift) is accepted; beyond that refused", async () => {
    expect((await answer(signedWakilniRequest(specPayload({ topic: "assigned", at: at(14 * MINUTE) }), SECRET))).status).toBe(200);
    expect((await answer(signedWakilniRequest(specPayload({ topic: "completed", at: at(16 * MINUTE) }), SECRET))).body.error).toBe(
      "event_in_future",
    );
    expect(await storedEvents()).toHaveLength(1);
  });

  it("a refused future event does not freeze the waybill: a real later event is stored as usual", async () => {
    await answer(signedWakilniRequest(specPayload({ topic: "completed", at: "2099-01-01 00:00:00", waybill: "#7" }), SECRET));
    const real = specPayload({ topic: "completed", at: at(0), waybill: "#7" });
    expect(await answer(signedWakilniRequest(real, SECRET))).toMatchObject({ status: 200, body: { status: "accepted" } });
    expect((await storedEvents()).map((event) => event.eventId)).toEqual([real.event_id]);
  });

  it.each(["0000-01-01 00:00:00", "0001-01-01 00:00:00", "1900-01-01 00:00:00"])(
    "an event dated %s with 400 event_too_old, storing nothing",
    async (time) => {
      const response = await answer(signedWakilniRequest(specPayload({ topic: "completed", at: time }), SECRET));
      expect(response).toMatchObject({ status: 400, body: { ok: false, error: "event_too_old" } });
      expect(await storedEvents()).toEqual([]);
    },
  );

  it.each([
    ["event_id", "a NUL", (payload: Record<string, unknown>) => (payload.event_id = "evt\u0000-1")],
    ["event_id", "a lone surrogate", (payload: Record<string, unknown>) => (payload.event_id = "evt\ud800-1")],
    ["data.waybill", "a NUL", (payload: Record<string, unknown>) => ((payload.data as Record<string, unknown>).waybill = "#10\u000001")],
    [
      "data.waybill",
      "a lone surrogate",
      (payload: Record<string, unknown>) => ((payload.data as Record<string, unknown>).waybill = "\udc00"),
    ],
    ["data.order_id", "a NUL", (payload: Record<string, unknown>) => ((payload.data as Record<string, unknown>).order_id = "12\u00003")],
  ])("a %s holding %s with 400 naming the field, storing nothing", async (field, _label, spoil) => {
    const payload = completed();
    spoil(payload);
    const response = await answer(signedWakilniRequest(payload, SECRET));
    expect(response).toMatchObject({ status: 400, body: { ok: false, error: "invalid_payload", field } });
    expect(response.body.message).toBe(`${field}: ${field} must not contain a NUL character or a lone UTF-16 surrogate`);
    expect(await rejectionCount("invalid_payload")).toBe(1);
    expect(await storedEvents()).toEqual([]);
  });

  it("free text with a NUL or a lone surrogate is stored with U+FFFD, the raw body as sent", async () => {
    const payload = specPayload({ topic: "assigned", driver: { name: "Ali\u0000", phone: "+961\ud800" } });
    expect(await answer(signedWakilniRequest(payload, SECRET))).toMatchObject({ status: 200, body: { status: "accepted" } });
    const [event] = await storedEvents();
    expect(event).toMatchObject({ driverName: "Ali\ufffd", driverPhone: "+961\ufffd", rawBody: JSON.stringify(payload) });
    expect(event.rawBody).toContain("Ali\\u0000");
  });
});

describe("receiveWakilniWebhook and an event_id reused with another body", () => {
  const conflicts = (eventId: string) =>
    prisma.inboxEventConflict.findMany({ where: { event: { shop, eventId } }, orderBy: { id: "asc" } });

  it("keeps the first, answers 200 conflict (no retry can fix it), counts it and keeps the second body for the merchant", async () => {
    const first = specPayload({ topic: "assigned", driver: { name: "Ali", phone: "+961 3 1" } });
    const second = { ...first, event: "Order Completed", data: { ...(first.data as object), driver_name: "Someone else" } };
    expect((await answer(signedWakilniRequest(first, SECRET))).body.status).toBe("accepted");
    const response = await answer(signedWakilniRequest(second, SECRET, { "x-webhook-topic": "Order Completed" }));
    expect(response).toMatchObject({
      status: 200,
      body: { ok: false, status: "conflict", error: "event_id_conflict", eventId: first.event_id },
    });
    const [event] = await storedEvents();
    expect(event).toMatchObject({ topic: "assigned", driverName: "Ali", rawBody: JSON.stringify(first), receiptCount: 1 });
    expect((await conflicts(String(first.event_id))).map((conflict) => conflict.rawBody)).toEqual([JSON.stringify(second)]);
    expect(await rejectionCount("event_id_conflict")).toBe(1);
    expect(signals).toBe(1);
  });

  it("keeps a resent conflicting body once, and at most a few distinct ones per event", async () => {
    const first = completed();
    await answer(signedWakilniRequest(first, SECRET));
    const other = (index: number) => ({ ...first, data: { ...(first.data as object), new_status: `Completed ${index}` } });
    await answer(signedWakilniRequest(other(0), SECRET));
    await answer(signedWakilniRequest(other(0), SECRET));
    expect(await conflicts(String(first.event_id))).toHaveLength(1);
    for (let index = 1; index <= MAX_CONFLICTS_PER_EVENT + 2; index += 1) {
      expect((await answer(signedWakilniRequest(other(index), SECRET))).body.status).toBe("conflict");
    }
    expect(await conflicts(String(first.event_id))).toHaveLength(MAX_CONFLICTS_PER_EVENT);
    expect(await rejectionCount("event_id_conflict")).toBe(MAX_CONFLICTS_PER_EVENT + 4);
    // The same body again is still a plain duplicate.
    expect((await answer(signedWakilniRequest(first, SECRET))).body.status).toBe("duplicate");
    expect((await storedEvents())[0].receiptCount).toBe(2);
  });

  it("tells bodies apart by their bytes: the same JSON re-serialized is a conflict", async () => {
    const payload = completed();
    await answer(signedWakilniRequest(payload, SECRET));
    const spaced = JSON.stringify(payload, null, 1);
    const response = await answer(webhookRequest({ headers: wakilniHeaders(spaced, SECRET, "Order Completed"), body: spaced }));
    expect(response.body.status).toBe("conflict");
  });
});

describe("receiveWakilniWebhook and the changes reconciliation found (decision 021)", () => {
  const at = "2026-07-01 14:39:10";
  const reconciled = (topic: "completed" | "processed", eventId: string) => ({
    shop,
    origin: "reconciliation" as const,
    event: wakilniEvent({ eventId, topic, waybill: "#1007", occurredAt: parseWakilniLocalTime(at, "Asia/Beirut")!, occurredAtText: at }),
    rawBody: "{}",
    wakilniZone: "Asia/Beirut",
    headers: { webhookId: null, wakilniRequestId: null, attemptNumber: null, source: null },
    receivedAt: new Date("2026-07-01T12:00:00.000Z"),
  });
  const receivedAt = new Date("2026-07-02T08:00:00.000Z");

  it("answers a webhook whose change reconciliation stored first 200 duplicate, and stores and signals nothing", async () => {
    expect(await storeReceivedEvents([reconciled("completed", "reconciled-1")])).toEqual(["stored"]);
    const payload = specPayload({ topic: "completed", waybill: "#1007", at });
    const response = await answerAt(key, signedWakilniRequest(payload, SECRET), receivedAt);
    expect(response).toMatchObject({ status: 200, body: { ok: true, status: "duplicate", eventId: payload.event_id } });
    expect((await storedEvents()).map((event) => [event.eventId, event.origin])).toEqual([["reconciled-1", "reconciliation"]]);
    expect(signals).toBe(0);
  });

  it("stores a webhook of another topic or another time of the same waybill as usual", async () => {
    await storeReceivedEvents([reconciled("completed", "reconciled-1")]);
    const other = specPayload({ topic: "processed", waybill: "#1007", at });
    const later = specPayload({ topic: "completed", waybill: "#1007", at: "2026-07-01 14:39:11" });
    expect((await answerAt(key, signedWakilniRequest(other, SECRET), receivedAt)).body.status).toBe("accepted");
    expect((await answerAt(key, signedWakilniRequest(later, SECRET), receivedAt)).body.status).toBe("accepted");
    expect((await storedEvents()).map((event) => event.origin)).toEqual(["reconciliation", "webhook", "webhook"]);
  });

  it("does not store a reconciled change a webhook already brought, and stores the same change once however often found", async () => {
    const payload = specPayload({ topic: "completed", waybill: "#1007", at });
    expect((await answerAt(key, signedWakilniRequest(payload, SECRET), receivedAt)).body.status).toBe("accepted");
    expect(await storeReceivedEvents([reconciled("completed", "reconciled-1"), reconciled("processed", "reconciled-2")])).toEqual([
      "duplicate",
      "stored",
    ]);
    expect(await storeReceivedEvents([reconciled("processed", "reconciled-2")])).toEqual(["duplicate"]);
    expect((await storedEvents()).map((event) => [event.topic, event.origin])).toEqual([
      ["completed", "webhook"],
      ["processed", "reconciliation"],
    ]);
  });
});
