// The list's queries on the real database (SQLite, or PostgreSQL with TEST_DATABASE=postgres).
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { createDelivery } from "../../tests/helpers/deliveries";
import { installShop, uniqueShop } from "../../tests/helpers/shopify";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { parseDeliveryFilters } from "./delivery-filters";
import { exportDeliveries, listDeliveries, retryDeliveries } from "./delivery-list.server";

const ZONE = "Asia/Beirut";
const PAGE = { skip: 0, take: 50 };
const at = (iso: string) => new Date(iso);

async function list(shop: string, search = "", page = PAGE) {
  return listDeliveries(shop, parseDeliveryFilters(new URLSearchParams(search)), page, ZONE);
}
const waybills = (page: Awaited<ReturnType<typeof list>>) => page.rows.map((row) => row.waybill);

/** A shop with one delivery of each kind the list tells apart, and another shop's delivery. */
async function seededShop() {
  const shop = uniqueShop("list");
  await installShop(shop);
  const order = (n: number) => ({ orderId: `gid://shopify/Order/${n}`, orderName: `#${n}` });
  await createDelivery(shop, {
    waybill: "WB-DELIVERED",
    ...order(1001),
    status: "completed",
    driverName: "Ali Haddad",
    lastEventAt: at("2026-11-20T08:00:00Z"),
    createdAt: at("2026-11-19T08:00:00Z"),
  });
  await createDelivery(shop, {
    waybill: "WB-FAILED",
    ...order(1002),
    status: "failed",
    needsAttention: true,
    driverName: "علي",
    lastEventAt: at("2026-11-25T21:30:00Z"), // 23:30 in Beirut: still the 25th there
    createdAt: at("2026-11-10T08:00:00Z"),
  });
  await createDelivery(shop, {
    waybill: "WB-UNMATCHED",
    status: null,
    needsAttention: true,
    parkedReason: "no order",
    lastEventAt: at("2026-11-25T22:30:00Z"), // 00:30 on the 26th in Beirut
    createdAt: at("2026-11-25T22:30:00Z"),
  });
  await createDelivery(shop, { waybill: "WB-TRANSIT", ...order(1010), status: "processed", createdAt: at("2026-11-01T08:00:00Z") });
  await createDelivery(uniqueShop("other"), { waybill: "WB-DELIVERED", status: "completed", lastEventAt: at("2026-11-30T08:00:00Z") });
  return shop;
}

describe("listDeliveries", () => {
  it("lists the shop's deliveries by last Wakilni event, newest first, never-heard-of last, with tab counts", async () => {
    const shop = await seededShop();
    const page = await list(shop);
    expect(waybills(page)).toEqual(["WB-UNMATCHED", "WB-FAILED", "WB-DELIVERED", "WB-TRANSIT"]);
    expect(page.counts).toEqual({ all: 4, attention: 2, unmatched: 1 });
    expect(page.rows.map((row) => row.reason)).toEqual(["unmatched", "failed-attempt", null, null]);
    expect(page.hasNext).toBe(false);
  });

  it("sorts by last event ascending and by age", async () => {
    const shop = await seededShop();
    expect(waybills(await list(shop, "sort=last-event-asc"))).toEqual(["WB-DELIVERED", "WB-FAILED", "WB-UNMATCHED", "WB-TRANSIT"]);
    expect(waybills(await list(shop, "sort=age-desc"))).toEqual(["WB-TRANSIT", "WB-FAILED", "WB-DELIVERED", "WB-UNMATCHED"]);
    expect(waybills(await list(shop, "sort=age-asc"))).toEqual(["WB-UNMATCHED", "WB-DELIVERED", "WB-FAILED", "WB-TRANSIT"]);
  });

  it("searches waybill, order name, order number and driver, ignoring case", async () => {
    const shop = await seededShop();
    expect(waybills(await list(shop, "q=wb-fail"))).toEqual(["WB-FAILED"]);
    expect(waybills(await list(shop, "q=%231001"))).toEqual(["WB-DELIVERED"]);
    expect(waybills(await list(shop, "q=1010"))).toEqual(["WB-TRANSIT"]);
    expect(waybills(await list(shop, "q=haddad"))).toEqual(["WB-DELIVERED"]);
    expect(waybills(await list(shop, `q=${encodeURIComponent("علي")}`))).toEqual(["WB-FAILED"]);
    // PostgreSQL searches a LIKE wildcard as itself; SQLite's LIKE cannot (see containsText).
    if (process.env.DATABASE_URL?.startsWith("postgres")) expect(waybills(await list(shop, "q=%25"))).toEqual([]);
  });

  it("filters by status, attention, match and the shop's calendar days; the tab counts keep the other filters", async () => {
    const shop = await seededShop();
    expect(waybills(await list(shop, "status=completed,processed"))).toEqual(["WB-DELIVERED", "WB-TRANSIT"]);
    expect(waybills(await list(shop, "attention=1"))).toEqual(["WB-UNMATCHED", "WB-FAILED"]);
    expect(waybills(await list(shop, "match=matched"))).toEqual(["WB-FAILED", "WB-DELIVERED", "WB-TRANSIT"]);
    expect(waybills(await list(shop, "match=unmatched"))).toEqual(["WB-UNMATCHED"]);
    const day = await list(shop, "from=2026-11-25&to=2026-11-25");
    expect(waybills(day)).toEqual(["WB-FAILED"]);
    expect(day.counts).toEqual({ all: 1, attention: 1, unmatched: 0 });
    expect(waybills(await list(shop, "from=2026-11-26"))).toEqual(["WB-UNMATCHED"]);
    expect(waybills(await list(shop, "to=2026-11-24"))).toEqual(["WB-DELIVERED"]);
  });

  it("pages without overlap", async () => {
    const shop = await seededShop();
    const first = await list(shop, "", { skip: 0, take: 3 });
    const second = await list(shop, "", { skip: 3, take: 3 });
    expect(first.hasNext).toBe(true);
    expect([...waybills(first), ...waybills(second)]).toEqual(["WB-UNMATCHED", "WB-FAILED", "WB-DELIVERED", "WB-TRANSIT"]);
    expect(second.hasNext).toBe(false);
  });

  it("puts a delivery whose event failed to apply in the queue until the merchant resolves it after the failure", async () => {
    const shop = await seededShop();
    const event = await storeEvent(
      shop,
      wakilniEvent({ topic: "completed", waybill: "WB-TRANSIT", occurredAt: at("2026-11-28T08:00:00Z") }),
    );
    await prisma.inboxEvent.update({ where: { id: event.id }, data: { state: "failed", finishedAt: at("2026-11-28T09:00:00Z") } });

    const queue = await list(shop, "attention=1");
    expect(waybills(queue)).toEqual(["WB-UNMATCHED", "WB-FAILED", "WB-TRANSIT"]);
    expect(queue.rows.at(-1)?.reason).toBe("apply-failed");

    await prisma.delivery.update({
      where: { shop_waybill: { shop, waybill: "WB-TRANSIT" } },
      data: { attentionResolvedAt: at("2026-11-28T10:00:00Z") },
    });
    expect(waybills(await list(shop, "attention=1"))).toEqual(["WB-UNMATCHED", "WB-FAILED"]);
  });
});

describe("exportDeliveries", () => {
  it("reads a filter's rows page by page, in the order they were first seen", async () => {
    const shop = await seededShop();
    const pages: string[][] = [];
    for await (const rows of exportDeliveries(shop, parseDeliveryFilters(new URLSearchParams("match=matched")), ZONE, 2))
      pages.push(rows.map((row) => row.waybill));
    expect(pages).toEqual([["WB-DELIVERED", "WB-FAILED"], ["WB-TRANSIT"]]);
  });
});

describe("retryDeliveries", () => {
  it("sends the selected deliveries' retryable events back to the worker, and only this shop's", async () => {
    const shop = await seededShop();
    const failed = await storeEvent(shop, wakilniEvent({ topic: "failed", waybill: "WB-FAILED", occurredAt: at("2026-11-25T21:30:00Z") }));
    await prisma.inboxEvent.update({ where: { id: failed.id }, data: { state: "dead", finishedAt: at("2026-11-26T00:00:00Z") } });
    const applied = await storeEvent(
      shop,
      wakilniEvent({ topic: "completed", waybill: "WB-DELIVERED", occurredAt: at("2026-11-20T08:00:00Z") }),
    );
    await prisma.inboxEvent.update({ where: { id: applied.id }, data: { state: "applied" } });
    const ids = (await prisma.delivery.findMany({ where: { shop }, select: { id: true } })).map((row) => row.id);

    expect(await retryDeliveries("another-shop.myshopify.com", ids, at("2026-11-30T10:00:00Z"))).toEqual({ retried: 0 });
    expect(await retryDeliveries(shop, ids, at("2026-11-30T10:00:00Z"))).toEqual({ retried: 1 });
    expect((await prisma.inboxEvent.findUniqueOrThrow({ where: { id: failed.id } })).state).toBe("received");
    expect((await prisma.inboxEvent.findUniqueOrThrow({ where: { id: applied.id } })).state).toBe("applied");
  });
});
