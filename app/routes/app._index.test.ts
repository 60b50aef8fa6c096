import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { embeddedRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";
import { createDelivery } from "../../tests/helpers/deliveries";
import { saveWakilniCredentials } from "../settings/shop-settings.server";
import { loader } from "./app._index";

const routeArgs = (request: Request) => ({ request, params: {}, context: {} });

async function load(shop: string, search = "") {
  return loader(routeArgs(await embeddedRequest(shop, `/app${search}`)));
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("deliveries page", () => {
  it("refuses a request without a session token", async () => {
    await expect(loader(routeArgs(new Request("https://my-test-app.myshopify.io/app")))).rejects.toBeInstanceOf(Response);
  });

  it("has nothing to list for a new shop, and asks for setup", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    expect(await load(shop)).toEqual({ connected: false, view: "all", page: 1, hasNext: false, deliveries: [] });
  });

  it("says Wakilni is connected once the secret is saved", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await saveWakilniCredentials(shop, { secret: "secret-12345678" }, new Date());
    expect((await load(shop)).connected).toBe(true);
  });

  it("lists the shop's own deliveries, most recently active first, with only the columns shown", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createDelivery(shop, {
      waybill: "OLD",
      orderId: "gid://shopify/Order/1",
      orderName: "#1001",
      status: "completed",
      lastEventAt: minutesAgo(60),
    });
    await createDelivery(shop, { waybill: "NEVER" });
    const recent = await createDelivery(shop, {
      waybill: "NEW",
      orderId: "gid://shopify/Order/2",
      orderName: "#1002",
      status: "processed",
      needsAttention: true,
      lastEventAt: minutesAgo(1),
    });
    await createDelivery(uniqueShop("other"), { waybill: "NEW", lastEventAt: new Date() });

    const { deliveries } = await load(shop);

    expect(deliveries.map((delivery) => delivery.waybill)).toEqual(["NEW", "OLD", "NEVER"]);
    expect(deliveries[0]).toEqual({
      id: recent.id,
      waybill: "NEW",
      orderId: "gid://shopify/Order/2",
      orderName: "#1002",
      status: "processed",
      needsAttention: true,
      lastEventAt: recent.lastEventAt!.toISOString(),
    });
  });

  it("filters by view: needs attention, unmatched; an unknown view shows all", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createDelivery(shop, { waybill: "FINE", orderId: "gid://shopify/Order/1", status: "completed", lastEventAt: minutesAgo(3) });
    await createDelivery(shop, {
      waybill: "ATTENTION",
      orderId: "gid://shopify/Order/2",
      needsAttention: true,
      lastEventAt: minutesAgo(2),
    });
    await createDelivery(shop, { waybill: "UNMATCHED", needsAttention: true, parkedReason: "no order", lastEventAt: minutesAgo(1) });

    const waybills = async (search: string) => (await load(shop, search)).deliveries.map((delivery) => delivery.waybill);
    expect(await waybills("?view=attention")).toEqual(["UNMATCHED", "ATTENTION"]);
    expect(await waybills("?view=unmatched")).toEqual(["UNMATCHED"]);
    expect(await waybills("?view=everything")).toEqual(["UNMATCHED", "ATTENTION", "FINE"]);
    expect((await load(shop, "?view=unmatched")).view).toBe("unmatched");
  });

  it("pages by 50", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await prisma.delivery.createMany({
      data: Array.from({ length: 51 }, (_, index) => ({ shop, waybill: `W${index}`, lastEventAt: minutesAgo(index) })),
    });

    const first = await load(shop);
    expect(first).toMatchObject({ page: 1, hasNext: true });
    expect(first.deliveries).toHaveLength(50);
    expect(first.deliveries[0].waybill).toBe("W0");

    const second = await load(shop, "?page=2");
    expect(second).toMatchObject({ page: 2, hasNext: false });
    expect(second.deliveries.map((delivery) => delivery.waybill)).toEqual(["W50"]);

    expect((await load(shop, "?page=nonsense")).page).toBe(1);
    expect((await load(shop, "?page=-3")).page).toBe(1);
  });
});
