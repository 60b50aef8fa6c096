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

async function retrySelected(shop: string, eventIds: number[]) {
  const body = new URLSearchParams({ intent: "retry-selected" });
  for (const id of eventIds) body.append("eventId", String(id));
  return action(routeArgs(await embeddedRequest(shop, "/app/events", { method: "POST", body })));
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
        lastError: { text: "Shopify refused" },
        outcome: null,
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

  it("counts the events of each state, within the search", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await eventIn(shop, "failed", 1, "W-A");
    await eventIn(shop, "failed", 2, "W-B");
    await eventIn(shop, "dead", 3, "W-A");
    await eventIn(uniqueShop("other"), "failed", 4, "W-A");

    expect((await load(shop)).totals).toEqual({ failed: 2, dead: 1 });
    expect((await load(shop, "?q=W-A")).totals).toEqual({ failed: 1, dead: 1 });
  });

  it("filters by Wakilni status and by the days received in the shop's zone, the tab totals within the filters", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    // 23:30 and 00:30 in Beirut (UTC+2 on 1 March): two local days, one UTC day.
    const lateFirst = await storeEvent(
      shop,
      wakilniEvent({ topic: "completed", waybill: "W-LATE", occurredAt: new Date("2026-03-01T21:00:00Z") }),
      new Date("2026-03-01T21:30:00Z"),
    );
    const earlySecond = await storeEvent(
      shop,
      wakilniEvent({ topic: "assigned", waybill: "W-EARLY", occurredAt: new Date("2026-03-01T22:00:00Z") }),
      new Date("2026-03-01T22:30:00Z"),
    );
    const ids = async (search: string) => (await load(shop, search)).events.map((event) => event.id);

    expect(await ids("?status=completed")).toEqual([lateFirst.id]);
    expect(await ids("?status=assigned,completed")).toEqual([earlySecond.id, lateFirst.id]);
    expect(await ids("?from=2026-03-02")).toEqual([earlySecond.id]);
    expect(await ids("?to=2026-03-01")).toEqual([lateFirst.id]);
    expect(await ids("?from=2026-03-01&to=2026-03-01&status=assigned")).toEqual([]);
    expect((await load(shop, "?from=2026-03-02")).totals).toEqual({ received: 1 });
    // What the app does not understand is left out, not refused.
    expect(await ids("?status=teleported&from=2026-02-30")).toEqual([earlySecond.id, lateFirst.id]);
    expect((await load(shop, "?status=completed&from=2026-03-01")).filters).toEqual({ statuses: ["completed"], from: "2026-03-01" });
  });

  it("finds events by waybill, by Wakilni's or the app's event id, and by the order's name", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const first = await eventIn(shop, "applied", 1, "WB-100");
    const second = await eventIn(shop, "applied", 2, "WB-200");
    await createDelivery(shop, { waybill: "WB-200", orderId: "gid://shopify/Order/1", orderName: "#1042" });

    const ids = async (q: string) => (await load(shop, `?q=${encodeURIComponent(q)}`)).events.map((event) => event.id);
    expect(await ids("WB-1")).toEqual([first.id]);
    expect(await ids(first.eventId)).toEqual([first.id]);
    expect(await ids(String(second.id))).toEqual([second.id]);
    expect(await ids("#1042")).toEqual([second.id]);
    expect(await ids("1042")).toEqual([second.id]);
    expect(await ids("nothing-like-it")).toEqual([]);
    expect((await load(shop, "?q=WB-200&view=failed")).events).toEqual([]);
  });

  it("shows an event skipped as older as skipped, not as applied", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const event = await eventIn(shop, "applied", 1, "WB-1");
    const delivery = await createDelivery(shop, { waybill: "WB-1" });
    await prisma.timelineEntry.create({
      data: {
        deliveryId: delivery.id,
        inboxEventId: event.id,
        topic: "completed",
        outcome: "stale",
        messageKey: "stale",
        messageValues: "{}",
        recordedAt: at(2),
      },
    });
    expect((await load(shop)).events[0]).toMatchObject({ state: "applied", outcome: "stale" });
  });

  it("retries every selected dead or failed event, resetting its attempts so one more transient failure does not kill it at once", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const dead = await eventIn(shop, "dead", 1);
    const failed = await eventIn(shop, "failed", 2);
    const applied = await eventIn(shop, "applied", 3);
    await prisma.inboxEvent.updateMany({ where: { id: { in: [dead.id, failed.id] } }, data: { attempts: 8 } });

    expect(await retrySelected(shop, [dead.id, failed.id, applied.id])).toEqual({ bulk: { queued: 2, asked: 3 } });
    const after = await prisma.inboxEvent.findMany({ where: { shop }, orderBy: { id: "asc" } });
    expect(after.map((event) => [event.state, event.attempts])).toEqual([
      ["received", 0],
      ["received", 0],
      ["applied", 0],
    ]);
  });
});
