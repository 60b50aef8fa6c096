import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { embeddedRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { createDelivery } from "../../tests/helpers/deliveries";
import { action, loader } from "./app.events";

const routeArgs = (request: Request) => ({ request, params: {}, context: {} });

async function load(shop: string, search = "") {
  return loader(routeArgs(await embeddedRequest(shop, `/app/events${search}`)));
}

async function retry(shop: string, eventId: number | string) {
  const request = await embeddedRequest(shop, "/app/events", { method: "POST", body: new URLSearchParams({ eventId: String(eventId) }) });
  return action(routeArgs(request));
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));

async function eventIn(shop: string, state: string, minute: number, waybill = `W${minute}`) {
  const stored = await storeEvent(shop, wakilniEvent({ topic: "completed", waybill, occurredAt: at(minute) }), at(minute));
  return prisma.inboxEvent.update({ where: { id: stored.id }, data: { state } });
}

describe("event log page", () => {
  it("refuses a request without a session token", async () => {
    await expect(loader(routeArgs(new Request("https://my-test-app.myshopify.io/app/events")))).rejects.toBeInstanceOf(Response);
  });

  it("lists the shop's own events, newest first, linking waybills that have a delivery", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const older = await eventIn(shop, "applied", 1, "1001");
    const newer = await eventIn(shop, "failed", 2, "1002");
    await prisma.inboxEvent.update({ where: { id: newer.id }, data: { attempts: 2, lastError: "Shopify refused", receiptCount: 3 } });
    await eventIn(uniqueShop("other"), "failed", 3);
    const delivery = await createDelivery(shop, { waybill: "1002" });

    const { events } = await load(shop);

    expect(events).toEqual([
      {
        id: newer.id,
        receivedAt: at(2).toISOString(),
        topic: "completed",
        topicName: "Order Completed",
        waybill: "1002",
        occurredAtText: at(2).toISOString().replace("T", " ").slice(0, 19),
        state: "failed",
        attempts: 2,
        receiptCount: 3,
        lastError: "Shopify refused",
        deliveryId: delivery.id,
      },
      expect.objectContaining({ id: older.id, waybill: "1001", deliveryId: null }),
    ]);
  });

  it("filters by state", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const states = ["applied", "failed", "dead", "parked", "unsupported", "received"];
    for (const [minute, state] of states.entries()) await eventIn(shop, state, minute);

    for (const view of ["failed", "dead", "parked", "unsupported"]) {
      const page = await load(shop, `?view=${view}`);
      expect(page.view).toBe(view);
      expect(page.events.map((event) => event.state)).toEqual([view]);
    }
    expect((await load(shop, "?view=applied")).events).toHaveLength(states.length);
  });

  it("pages by 50", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    for (let minute = 0; minute < 51; minute += 1) await eventIn(shop, "applied", minute);

    const first = await load(shop);
    expect(first).toMatchObject({ page: 1, hasNext: true });
    expect(first.events).toHaveLength(50);
    const second = await load(shop, "?page=2");
    expect(second).toMatchObject({ page: 2, hasNext: false });
    expect(second.events.map((event) => event.receivedAt)).toEqual([at(0).toISOString()]);
  });

  it("retries failed, dead and parked events of the shop only", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const dead = await eventIn(shop, "dead", 1);
    const applied = await eventIn(shop, "applied", 2);
    const foreign = await eventIn(uniqueShop("other"), "failed", 3);

    expect(await retry(shop, dead.id)).toEqual({ ok: true });
    expect((await prisma.inboxEvent.findUniqueOrThrow({ where: { id: dead.id } })).state).toBe("received");
    expect(await retry(shop, applied.id)).toEqual({ ok: false, reason: "not_retryable" });
    expect(await retry(shop, foreign.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await retry(shop, "not-a-number")).toEqual({ ok: false, reason: "not_found" });
    expect((await prisma.inboxEvent.findUniqueOrThrow({ where: { id: foreign.id } })).state).toBe("failed");
  });
});
