// The newcomer's promise, end to end: `npm run demo` starts, installs the app on its emulated
// store and accepts Wakilni's webhooks; every one of the 13 topics, sent as Wakilni sends
// them, ends up on the right Shopify orders (fulfillments, events, tags, metafield) and in the
// app's timeline; the operator's command line parks, lists and links a stray waybill; and the
// demo stops cleanly on SIGTERM, its children with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { connectDatabase, type Database } from "../../app/db.server";
import type { WakilniTopic } from "../../app/wakilni/topics";
import type { OrderRecord } from "../../sandbox/shopify-admin-emulator";
import { appEnvironment, type DemoState } from "../../sandbox/demo-state";
import { projectRoot, startDemo, type DemoReady, type RunningDemo } from "../helpers/demo";
import { postWakilniEvent, specPayload } from "../../sandbox/wakilni-sender";

/** One full journey per order; together they use all 13 topics. */
const JOURNEYS: Record<string, { topics: WakilniTopic[]; events: string[]; fulfillment: string | null; tag: string }> = {
  "#1001": {
    topics: ["created", "confirmed", "assigned", "processed", "completed"],
    events: ["CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED"],
    fulfillment: "SUCCESS",
    tag: "Wakilni: Delivered",
  },
  "#1002": {
    topics: ["created", "confirmed", "assigned", "processed", "postponed", "processed", "failed", "closed_failed"],
    events: ["CONFIRMED", "OUT_FOR_DELIVERY", "DELAYED", "OUT_FOR_DELIVERY", "ATTEMPTED_DELIVERY", "FAILURE"],
    fulfillment: "SUCCESS",
    tag: "Wakilni: Failed",
  },
  "#1003": {
    topics: ["created", "confirmed", "assigned", "processed", "completed_rejected"],
    events: ["CONFIRMED", "OUT_FOR_DELIVERY", "FAILURE"],
    fulfillment: "SUCCESS",
    tag: "Wakilni: Rejected",
  },
  "#1004": {
    topics: ["created", "confirmed", "assigned", "pending_cancelation", "canceled"],
    events: ["CONFIRMED"],
    fulfillment: "CANCELLED",
    tag: "Wakilni: Canceled",
  },
  "#1005": { topics: ["created", "declined"], events: [], fulfillment: null, tag: "Wakilni: Declined" },
  "#1006": {
    topics: ["created", "confirmed", "ready_for_pickup", "completed"],
    events: ["READY_FOR_PICKUP", "DELIVERED"],
    fulfillment: "SUCCESS",
    tag: "Wakilni: Delivered",
  },
};

let demo: RunningDemo;
let ready: DemoReady;
let db: Database;

function cli(...args: string[]) {
  return promisify(execFile)("npm", ["run", "-s", "wakilni", "--", ...args], { cwd: projectRoot, env: demo.env });
}

/** The production operator command line: plain node over the build, with the app's environment only. */
function productionOperator(...args: string[]) {
  const state = JSON.parse(readFileSync(path.join(demo.dir, "demo.json"), "utf8")) as DemoState;
  return promisify(execFile)("node", ["scripts/wakilni-operator.mjs", ...args], {
    cwd: projectRoot,
    env: { ...demo.env, ...appEnvironment(state) },
  });
}

async function emulatorOrders(): Promise<Map<string, OrderRecord>> {
  const response = await fetch(`${ready.adminOrigin}/_emulator/state?shop=${ready.shop}`);
  const state = (await response.json()) as { orders: OrderRecord[] };
  return new Map(state.orders.map((order) => [order.name, order]));
}

beforeAll(async () => {
  demo = await startDemo("demo-e2e");
  ready = demo.ready;
  db = await connectDatabase(`file:${path.join(demo.dir, "demo.sqlite")}`);
}, 150_000);

afterAll(async () => {
  await db?.$disconnect();
  demo?.dispose();
});

describe("npm run demo", () => {
  it("announces itself once, with 20 seeded orders and an admin frame that embeds the app", async () => {
    expect(
      demo
        .output()
        .split("\n")
        .filter((candidate) => candidate.startsWith("demo-ready ")).length,
    ).toBe(1);
    expect(ready.orders).toEqual(Array.from({ length: 20 }, (_, index) => `#${1001 + index}`));
    const frame = await (await fetch(ready.adminUrl)).text();
    expect(frame).toContain(`${ready.appUrl}/app?embedded=1&#38;shop=${ready.shop}`);
  });

  it("applies a full lifecycle of every topic to the emulated orders and the app's timeline", async () => {
    const start = Date.parse("2026-11-28T06:00:00Z");
    const payloads = Object.entries(JOURNEYS).flatMap(([waybill, journey], order) =>
      journey.topics.map((topic, step) =>
        specPayload({
          topic,
          waybill,
          orderId: 9000 + order,
          at: new Date(start + step * 600_000).toISOString().slice(0, 19).replace("T", " "),
          driver: { name: "Karim Haddad", phone: "+961 70 123456" },
        }),
      ),
    );
    // Orders interleaved, each order's steps in sequence, as Wakilni's drivers produce them.
    for (const payload of payloads) {
      const answer = await postWakilniEvent(ready.webhookUrl, ready.webhookSecret, payload);
      expect(answer).toMatchObject({ status: 200, body: { ok: true, status: "accepted" } });
    }
    const retried = await postWakilniEvent(ready.webhookUrl, ready.webhookSecret, payloads[0], 2);
    expect(retried).toMatchObject({ status: 200, body: { status: "duplicate" } });

    await demo.until(
      "every event applied",
      async () =>
        (await db.inboxEvent.count({ where: { shop: ready.shop, state: { not: "applied" } } })) === 0 &&
        (await db.inboxEvent.count()) === payloads.length,
    );

    const orders = await emulatorOrders();
    for (const [name, journey] of Object.entries(JOURNEYS)) {
      const order = orders.get(name)!;
      expect(order.tags, name).toContain(journey.tag);
      if (journey.fulfillment === null) {
        expect(order.fulfillments, name).toEqual([]);
      } else {
        expect(
          order.fulfillments.map((fulfillment) => fulfillment.status),
          name,
        ).toEqual([journey.fulfillment]);
        expect(order.fulfillments[0].trackingInfo[0]?.number, name).toBe(name);
        expect(
          order.fulfillments[0].events.map((event) => event.status),
          name,
        ).toEqual(journey.events);
      }
      const metafield = order.metafields.find((candidate) => candidate.key === "delivery" && candidate.namespace.endsWith("wakilni"));
      expect(JSON.parse(metafield!.value), name).toMatchObject({ waybill: name, status: journey.topics.at(-1) });
    }
    expect(orders.get("#1001")!.tags).toEqual(["Wakilni: Delivered"]);

    const deliveries = await db.delivery.findMany({ where: { shop: ready.shop }, include: { timeline: { orderBy: { id: "asc" } } } });
    for (const [name, journey] of Object.entries(JOURNEYS)) {
      const delivery = deliveries.find((candidate) => candidate.waybill === name)!;
      expect(delivery.status, name).toBe(journey.topics.at(-1));
      expect(delivery.orderName, name).toBe(name);
      const applied = delivery.timeline.filter((entry) => entry.outcome === "applied");
      expect(
        applied.map((entry) => entry.topic),
        name,
      ).toEqual(journey.topics);
    }
  });

  it("sends, parks, lists and links a stray waybill from the operator's command line", async () => {
    const sent = await cli("send", "Order Assigned", "--waybill", "WK-STRAY-1", "--driver", "Rania Khoury");
    expect(sent.stdout).toContain('"driver_name":"Rania Khoury"');
    expect(sent.stdout).toMatch(/→ 200 .*"accepted"/);

    await demo.until(
      "the stray event parked",
      async () => (await db.inboxEvent.findFirst({ where: { waybill: "WK-STRAY-1", state: "parked" } })) !== null,
    );
    const parked = await cli("events", "--state", "parked");
    expect(parked.stdout).toMatch(/^\s*ID\s+STATE\s+OUTCOME\s+WAYBILL\s+TOPIC\s/);
    expect(parked.stdout).toMatch(/parked\s+-\s+WK-STRAY-1\s+Order Assigned/);

    const linked = await cli("link", "WK-STRAY-1", "#1010");
    expect(linked.stdout).toContain("linked waybill WK-STRAY-1 to order #1010");
    await demo.until(
      "the linked event applied",
      async () => (await db.inboxEvent.findFirst({ where: { waybill: "WK-STRAY-1", state: "applied" } })) !== null,
    );
    const order = (await emulatorOrders()).get("#1010")!;
    expect(order.fulfillments.map((fulfillment) => fulfillment.trackingInfo[0]?.number)).toEqual(["WK-STRAY-1"]);
    expect(order.tags).toContain("Wakilni: Assigned");

    const listed = await productionOperator("events", "--shop", ready.shop, "--limit", "1");
    expect(listed.stdout).toMatch(/^\s*ID\s+STATE\s+OUTCOME\s/);
    expect(listed.stdout).toMatch(/applied\s+Applied\s+WK-STRAY-1\s+Order Assigned/);
  });

  it("stops cleanly on SIGTERM, taking its children with it", async () => {
    // 'close' fires once every process holding the demo's output (npm, tsx, the demo, the app's
    // server) has exited. npm itself dies of the signal it forwards; the demo must exit 0.
    const closed = new Promise<void>((resolve) => demo.process.once("close", () => resolve()));
    process.kill(-demo.process.pid!, "SIGTERM");
    await closed;
    expect(demo.output()).toMatch(/\[app\] \{.*"msg":"SIGTERM: finishing current work, then exiting"\}\n/);
    expect(demo.output()).toMatch(/Demo stopped \(exit code 0\)\.\n$/);
    // No process of the group is left behind (tsx's esbuild helpers go a moment after their parents).
    const groupAlive = () => {
      try {
        return process.kill(-demo.process.pid!, 0);
      } catch {
        return false;
      }
    };
    await demo.until("the demo's process group to be empty", async () => !groupAlive(), 5_000);
    expect(
      await fetch(ready.appUrl).then(
        () => "answering",
        () => "closed",
      ),
    ).toBe("closed");
    expect(
      await fetch(ready.adminOrigin).then(
        () => "answering",
        () => "closed",
      ),
    ).toBe("closed");
  });
});
