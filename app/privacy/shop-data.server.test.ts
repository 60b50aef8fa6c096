// Forgetting for real: a redacted event cannot be brought back by replaying its captured
// Wakilni delivery, shop/redact leaves no row keyed by the shop, and on SQLite the redacted
// text is gone from the database's files, not only from its tables.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { connectDatabase, prisma } from "../db.server";
import { env } from "../env.server";
import { ensureShop, saveWakilniCredentials } from "../settings/shop-settings.server";
import { receiveWakilniWebhook } from "../inbox/receive-wakilni-webhook.server";
import { MAX_EVENT_AGE_DAYS } from "../inbox/event-age-limit.server";
import { action as customersRedact } from "../routes/webhooks.customers.redact";
import { action as shopRedact } from "../routes/webhooks.shop.redact";
import { installShop, shopifyWebhookRequest, uniqueShop } from "../../tests/helpers/shopify";
import { createDelivery } from "../../tests/helpers/deliveries";
import { signedWakilniRequest } from "../../tests/helpers/wakilni";
import { specPayload, wakilniTimeText } from "../../sandbox/wakilni-sender";
import { sqliteFileText } from "../../tests/helpers/database-file";
import { redactCustomerOrders } from "./shop-data.server";

const SECRET = "wakilni-webhook-secret-1";
const DAY_MS = 86_400_000;
const routeArgs = (request: Request) => ({ request, params: {}, context: {} });

/** An installed shop with a Wakilni secret, whose Delivery URL takes signed payloads. */
async function wakilniShop() {
  const shop = uniqueShop("privacy");
  await installShop(shop);
  const { endpointKey } = await ensureShop(shop);
  await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
  /** Delivers a body exactly as Wakilni (or someone who captured it) would, received at `at`. */
  const deliver = async (payload: Record<string, unknown>, at = new Date()) => {
    const answer = await receiveWakilniWebhook(signedWakilniRequest(payload, SECRET), endpointKey, () => at);
    return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
  };
  return { shop, deliver };
}

/** The delivery the sync engine would have made for the waybill, linked to Shopify order `orderNumber`. */
async function linkedDelivery(shop: string, waybill: string, orderNumber: number, driverName: string | null = null) {
  await createDelivery(shop, {
    waybill,
    orderId: `gid://shopify/Order/${orderNumber}`,
    orderName: waybill,
    driverName,
    timeline: { create: { outcome: "applied", message: `Assigned to ${driverName ?? "a driver"}`, recordedAt: new Date() } },
  });
}

async function redactCustomer(shop: string, orders: number[]) {
  const payload = { shop_domain: shop, customer: { id: 7 }, orders_to_redact: orders };
  const response = await customersRedact(routeArgs(shopifyWebhookRequest("/webhooks/customers/redact", "customers/redact", shop, payload)));
  expect(response.status).toBe(200);
}

describe("replaying a Wakilni delivery after customers/redact", () => {
  it("is answered as a duplicate and stores nothing, while the waybill's new events are still accepted", async () => {
    const { shop, deliver } = await wakilniShop();
    const captured = specPayload({ topic: "assigned", waybill: "#2001", driver: { name: "Ali", phone: "+961 3 123456" } });
    expect((await deliver(captured)).body.status).toBe("accepted");
    // Another body under the same event id is kept beside the event, and must go with it.
    const conflicting = { ...captured, data: { ...(captured.data as object), driver_name: "Ali Hassan" } };
    expect((await deliver(conflicting)).body.status).toBe("conflict");
    await linkedDelivery(shop, "#2001", 2001, "Ali");

    await redactCustomer(shop, [2001]);
    expect(await prisma.inboxEvent.count({ where: { shop } })).toBe(0);
    expect(await prisma.inboxEventConflict.count({ where: { event: { shop } } })).toBe(0);
    expect(await prisma.inboxEventConflict.count({ where: { rawBody: { contains: "Ali Hassan" } } })).toBe(0);

    expect(await deliver(captured)).toEqual({ status: 200, body: { ok: true, status: "duplicate", eventId: captured.event_id } });
    expect(await prisma.inboxEvent.count({ where: { shop } })).toBe(0);
    expect(await prisma.delivery.count({ where: { shop } })).toBe(0);

    // Only the redacted events are blocked: Wakilni's next event for the parcel is new data.
    const next = specPayload({ topic: "completed", waybill: "#2001" });
    expect((await deliver(next)).body.status).toBe("accepted");
    expect((await prisma.inboxEvent.findMany({ where: { shop } })).map((event) => event.eventId)).toEqual([next.event_id]);
  });

  it("keeps tombstones that name neither the shop nor the event", async () => {
    const { shop, deliver } = await wakilniShop();
    const eventId = `evt-${randomUUID()}`;
    await deliver(specPayload({ topic: "completed", waybill: "#2002", eventId }));
    await linkedDelivery(shop, "#2002", 2002);
    const before = await prisma.redactedEventTombstone.findMany();

    await redactCustomer(shop, [2002]);

    const added = (await prisma.redactedEventTombstone.findMany()).filter((row) => !before.some((old) => old.digest === row.digest));
    expect(added).toHaveLength(1);
    expect(JSON.stringify(added)).not.toContain(shop);
    expect(JSON.stringify(added)).not.toContain(eventId);
  });

  it(`refuses it as too old once past the ${MAX_EVENT_AGE_DAYS}-day window, when its tombstone has been pruned`, async () => {
    const { shop, deliver } = await wakilniShop();
    const now = new Date();
    const captured = specPayload({ topic: "completed", waybill: "#2003" });
    expect((await deliver(captured, now)).body.status).toBe("accepted");
    await linkedDelivery(shop, "#2003", 2003);
    await redactCustomer(shop, [2003]);
    const tombstones = await prisma.redactedEventTombstone.count();

    const later = new Date(now.getTime() + (MAX_EVENT_AGE_DAYS + 1) * DAY_MS);
    // Any later redaction prunes the tombstones the age window has made redundant.
    await redactCustomerOrders(shop, [], later);
    expect(await prisma.redactedEventTombstone.count()).toBeLessThan(tombstones);

    const replay = await deliver(captured, later);
    expect(replay).toMatchObject({ status: 400, body: { ok: false, error: "event_too_old" } });
    expect(String(replay.body.message)).toContain(`more than ${MAX_EVENT_AGE_DAYS} days ago`);
    expect(await prisma.inboxEvent.count({ where: { shop } })).toBe(0);
    const rejections = await prisma.webhookRejection.findMany({ where: { shop, reason: "event_too_old" } });
    expect(rejections.map((row) => row.count)).toEqual([1]);
  });

  it("accepts an event just inside the window and refuses one just outside it", async () => {
    const { deliver } = await wakilniShop();
    const now = new Date();
    const inside = specPayload({ topic: "completed", at: wakilniTimeText(new Date(now.getTime() - MAX_EVENT_AGE_DAYS * DAY_MS + 60_000)) });
    const outside = specPayload({
      topic: "completed",
      at: wakilniTimeText(new Date(now.getTime() - MAX_EVENT_AGE_DAYS * DAY_MS - 60_000)),
    });
    expect((await deliver(inside, now)).status).toBe(200);
    expect((await deliver(outside, now)).status).toBe(400);
  });
});

describe("shop/redact", () => {
  it("also removes the shop's waybill leases and overview rollup, and nothing of another shop", async () => {
    const { shop, deliver } = await wakilniShop();
    const { shop: otherShop } = await wakilniShop();
    await deliver(specPayload({ topic: "completed", waybill: "#3001" }));
    const lease = { waybill: "#3001", owner: "worker-1", expiresAt: new Date(Date.now() + 60_000) };
    await prisma.waybillLease.createMany({
      data: [
        { shop, ...lease },
        { shop: otherShop, ...lease },
      ],
    });
    await prisma.webhookRejection.create({
      data: { shop, reason: "signature_mismatch", hourStart: new Date(), count: 1, lastAt: new Date() },
    });
    for (const owner of [shop, otherShop]) {
      await prisma.outcomeDay.create({ data: { shop: owner, date: "2026-12-01", topic: "completed", events: 1, parcels: 1 } });
      await prisma.timeToDeliverDay.create({ data: { shop: owner, date: "2026-12-01", since: "created", hour: 3, parcels: 1 } });
      await prisma.cashDay.create({ data: { shop: owner, date: "2026-12-01", currencyCode: "USD", thousandths: 12_500n, orders: 1 } });
    }

    const response = await shopRedact(
      routeArgs(shopifyWebhookRequest("/webhooks/shop/redact", "shop/redact", shop, { shop_domain: shop })),
    );
    expect(response.status).toBe(200);

    const keyedByShop = {
      session: await prisma.session.count({ where: { shop } }),
      shop: await prisma.shop.count({ where: { shop } }),
      delivery: await prisma.delivery.count({ where: { shop } }),
      inboxEvent: await prisma.inboxEvent.count({ where: { shop } }),
      waybillLease: await prisma.waybillLease.count({ where: { shop } }),
      webhookRejection: await prisma.webhookRejection.count({ where: { shop } }),
      outcomeDay: await prisma.outcomeDay.count({ where: { shop } }),
      timeToDeliverDay: await prisma.timeToDeliverDay.count({ where: { shop } }),
      cashDay: await prisma.cashDay.count({ where: { shop } }),
    };
    expect(keyedByShop).toEqual({
      session: 0,
      shop: 0,
      delivery: 0,
      inboxEvent: 0,
      waybillLease: 0,
      webhookRejection: 0,
      outcomeDay: 0,
      timeToDeliverDay: 0,
      cashDay: 0,
    });
    expect(await prisma.waybillLease.count({ where: { shop: otherShop } })).toBe(1);
    expect(await prisma.cashDay.count({ where: { shop: otherShop } })).toBe(1);
  });
});

describe.skipIf(env.DATABASE_ENGINE !== "sqlite")("redacted rows in the SQLite file", () => {
  it("run every connection with secure_delete on", async () => {
    const second = await connectDatabase(env.DATABASE_URL);
    try {
      for (const client of [prisma, second]) {
        expect(await client.$queryRawUnsafe("PRAGMA secure_delete")).toEqual([{ secure_delete: 1n }]);
      }
    } finally {
      await second.$disconnect();
    }
  });

  it.each([
    ["customers/redact", (shop: string) => redactCustomer(shop, [4001])],
    [
      "shop/redact",
      async (shop: string) => {
        const request = shopifyWebhookRequest("/webhooks/shop/redact", "shop/redact", shop, { shop_domain: shop });
        expect((await shopRedact(routeArgs(request))).status).toBe(200);
      },
    ],
  ])("are no longer readable in the file's bytes after %s", async (_topic, redact) => {
    const { shop, deliver } = await wakilniShop();
    const driver = `Driver${randomUUID().replaceAll("-", "")}`;
    const waybill = `WB${randomUUID().replaceAll("-", "")}`;
    expect((await deliver(specPayload({ topic: "assigned", waybill, driver: { name: driver, phone: "+961 3 000000" } }))).status).toBe(200);
    await linkedDelivery(shop, waybill, 4001, driver);
    expect(sqliteFileText()).toContain(driver);
    expect(sqliteFileText()).toContain(waybill);

    await redact(shop);

    expect(sqliteFileText()).not.toContain(driver);
    expect(sqliteFileText()).not.toContain(waybill);
  });
});
