// One deployment, several merchants: `npm run demo -- --shops 3` installs three shops, each
// with its own orders (all named #1001…#1020, as every Shopify store's are), its own Wakilni
// secret and webhook URL. Events sent to one shop's URL land on that shop's orders only, and
// one shop's secret opens no other shop's URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { connectDatabase, type Database } from "../../app/db.server";
import type { WakilniTopic } from "../../app/wakilni/topics";
import type { OrderRecord } from "../../sandbox/shopify-admin-emulator";
import { postWakilniEvent, specPayload, wakilniTimeText } from "../../sandbox/wakilni-sender";
import { startDemo, type RunningDemo } from "../helpers/demo";

/** The same order name in every shop, with a different journey in each: a mix-up shows as a wrong tag. */
const JOURNEYS: { topics: WakilniTopic[]; tag: string }[] = [
  { topics: ["created", "confirmed", "assigned", "processed", "completed"], tag: "Wakilni: Delivered" },
  { topics: ["created", "confirmed", "assigned"], tag: "Wakilni: Assigned" },
  { topics: ["created", "declined"], tag: "Wakilni: Declined" },
];

let demo: RunningDemo;
let db: Database;

async function emulatorOrders(shop: string): Promise<OrderRecord[]> {
  const response = await fetch(`${demo.ready.adminOrigin}/_emulator/state?shop=${shop}`);
  return ((await response.json()) as { orders: OrderRecord[] }).orders;
}

beforeAll(async () => {
  demo = await startDemo("demo-shops-e2e", ["--shops", "3"]);
  db = await connectDatabase(`file:${path.join(demo.dir, "demo.sqlite")}`);
}, 150_000);

afterAll(async () => {
  await db?.$disconnect();
  demo?.dispose();
});

describe("npm run demo -- --shops 3", () => {
  it("announces three shops, the first also in the top-level fields, each with its own orders, URL and secret", () => {
    const { ready } = demo;
    expect(ready.shops.map((each) => each.shop)).toEqual(["demo.myshopify.com", "demo-2.myshopify.com", "demo-3.myshopify.com"]);
    expect(ready.shops[0]).toEqual({
      shop: ready.shop,
      webhookUrl: ready.webhookUrl,
      webhookSecret: ready.webhookSecret,
      orders: ready.orders,
    });
    for (const each of ready.shops) expect(each.orders).toEqual(Array.from({ length: 20 }, (_, index) => `#${1001 + index}`));
    expect(new Set(ready.shops.map((each) => each.webhookUrl)).size).toBe(3);
    expect(new Set(ready.shops.map((each) => each.webhookSecret)).size).toBe(3);
  });

  it("applies each shop's events to its own orders only", async () => {
    const { shops } = demo.ready;
    const start = Date.now() - 3_600_000;
    for (const [index, each] of shops.entries()) {
      // Another shop's secret opens no door here, and leaves nothing behind.
      const other = shops[(index + 1) % shops.length];
      const forged = await postWakilniEvent(each.webhookUrl, other.webhookSecret, specPayload({ topic: "created", waybill: "#1001" }));
      expect(forged.status).toBe(401);
      for (const [step, topic] of JOURNEYS[index].topics.entries()) {
        const payload = specPayload({ topic, waybill: "#1001", at: wakilniTimeText(new Date(start + step * 60_000)) });
        expect(await postWakilniEvent(each.webhookUrl, each.webhookSecret, payload)).toMatchObject({
          status: 200,
          body: { status: "accepted" },
        });
      }
    }
    const total = JOURNEYS.reduce((sum, journey) => sum + journey.topics.length, 0);
    await demo.until("every event applied", async () => (await db.inboxEvent.count({ where: { state: "applied" } })) === total, 60_000);

    for (const [index, each] of shops.entries()) {
      const events = await db.inboxEvent.findMany({ where: { shop: each.shop }, select: { topic: true } });
      expect(events.map((event) => event.topic).sort(), each.shop).toEqual([...JOURNEYS[index].topics].sort());
      const orders = await emulatorOrders(each.shop);
      const tagged = orders.filter((order) => order.tags.length > 0);
      expect(
        tagged.map((order) => order.name),
        each.shop,
      ).toEqual(["#1001"]);
      expect(tagged[0].tags, each.shop).toContain(JOURNEYS[index].tag);
      for (const journey of JOURNEYS.filter((_, other) => other !== index)) expect(tagged[0].tags, each.shop).not.toContain(journey.tag);
    }
  });
});
