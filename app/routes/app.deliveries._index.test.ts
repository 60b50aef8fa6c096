// The deliveries list page and its CSV export, through their real loaders with a real session token.
import { describe, expect, it } from "vitest";
import { createDelivery } from "../../tests/helpers/deliveries";
import { embeddedRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";
import { loader } from "./app.deliveries._index";
import { loader as exportLoader } from "./app.deliveries.export";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function seeded() {
  const shop = uniqueShop("page");
  await installShop(shop);
  await createDelivery(shop, {
    waybill: "=CMD()",
    orderId: "gid://shopify/Order/1",
    orderName: "#1001",
    status: "failed",
    needsAttention: true,
    driverName: "علي",
    lastEventAt: new Date("2026-11-25T08:00:00Z"),
  });
  await createDelivery(shop, { waybill: "WB-2", orderId: "gid://shopify/Order/2", orderName: "#1002", status: "completed" });
  return shop;
}

describe("the deliveries list page", () => {
  it("refuses a request without a session token", async () => {
    await expect(loader(args(new Request("https://my-test-app.myshopify.io/app/deliveries")))).rejects.toBeInstanceOf(Response);
  });

  it("reads its filters from the URL and answers rows, counts and reasons", async () => {
    const shop = await seeded();
    const page = await loader(args(await embeddedRequest(shop, "/app/deliveries?attention=1&status=failed")));
    expect(page.filters).toEqual({ attention: true, statuses: ["failed"] });
    expect(page.counts).toEqual({ all: 1, attention: 1, unmatched: 0 });
    expect(page.rows.map((row) => [row.waybill, row.reason, row.lastEventAt])).toEqual([
      ["=CMD()", "failed-attempt", "2026-11-25T08:00:00.000Z"],
    ]);
  });
});

describe("the CSV export", () => {
  it("streams the filter's rows with a BOM, translated headers, formula-safe cells and the row count", async () => {
    const shop = await seeded();
    const response = await exportLoader(args(await embeddedRequest(shop, "/app/deliveries/export?attention=1&locale=ar")));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("X-Total-Rows")).toBe("1");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const [header, row, end] = text.split("\r\n");
    expect(header.startsWith("\uFEFFبوليصة الشحن,طلب Shopify,الحالة")).toBe(true);
    expect(row.startsWith("'=CMD(),#1001,")).toBe(true);
    expect(row).toContain("علي");
    expect(row).toContain("2026-11-25T10:00:00+02:00");
    expect(end).toBe("");
  });

  it("exports only the selected rows of the shop", async () => {
    const shop = await seeded();
    const other = await createDelivery(uniqueShop("other"), { waybill: "NOT-MINE" });
    const response = await exportLoader(args(await embeddedRequest(shop, `/app/deliveries/export?ids=${other.id},abc`)));
    expect(response.headers.get("X-Total-Rows")).toBe("0");
    expect((await response.text()).split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});
