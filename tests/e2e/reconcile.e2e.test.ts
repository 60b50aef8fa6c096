// Issue 13's proof, end to end in `npm run demo`: a parcel's "Order Completed" webhook is lost
// (only the Wakilni API emulator learns that it was delivered), and the app's reconciliation job,
// in the demo's worker thread against the emulator over HTTP, marks the Shopify order delivered
// within its first run over the parcel: one DELIVERED fulfillment event, and the late webhook a
// duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { connectDatabase, type Database } from "../../app/db.server";
import type { WakilniTopic } from "../../app/wakilni/topics";
import type { OrderRecord } from "../../sandbox/shopify-admin-emulator";
import { DEMO_WAKILNI_ACCOUNT } from "../../sandbox/demo-state";
import { postWakilniEvent, specPayload, wakilniTimeText } from "../../sandbox/wakilni-sender";
import { startDemo, type RunningDemo } from "../helpers/demo";

const WAYBILL = "#1007";
const DRIVER = { name: "Karim Haddad", phone: "+961 70 123456" };
const DELIVERED_WEBHOOKS: WakilniTopic[] = ["created", "confirmed", "assigned", "processed"];

let demo: RunningDemo;
let db: Database;

/** Two days ago, past the shop's default six silent hours and inside the webhook replay window. */
function stepTime(step: number): string {
  return wakilniTimeText(new Date(Date.now() - 2 * 24 * 3_600_000 + step * 600_000));
}

async function wakilniApi(control: "orders" | "orders/advance", body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${demo.ready.wakilniApiOrigin}/_emulator/${control}`, {
    method: "POST",
    body: JSON.stringify({ account: DEMO_WAKILNI_ACCOUNT.id, waybill: WAYBILL, ...body }),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
}

async function shopifyOrder(): Promise<OrderRecord> {
  const response = await fetch(`${demo.ready.adminOrigin}/_emulator/state?shop=${demo.ready.shop}`);
  const state = (await response.json()) as { orders: OrderRecord[] };
  return state.orders.find((order) => order.name === WAYBILL)!;
}

async function inboxSettled(): Promise<boolean> {
  return (await db.inboxEvent.count({ where: { shop: demo.ready.shop, state: { not: "applied" } } })) === 0;
}

beforeAll(async () => {
  demo = await startDemo("reconcile-e2e");
  db = await connectDatabase(`file:${path.join(demo.dir, "demo.sqlite")}`);
}, 150_000);

afterAll(async () => {
  await db?.$disconnect();
  demo?.dispose();
});

describe("reconciliation in the demo", () => {
  it("marks an order delivered in Shopify within one run after its Order Completed webhook was dropped", async () => {
    const { shop, webhookUrl, webhookSecret } = demo.ready;
    // The settings switch off while the parcel travels, so no run looks at it half way.
    await db.shop.update({ where: { shop }, data: { reconcileEnabled: false } });

    for (const [step, topic] of DELIVERED_WEBHOOKS.entries()) {
      const at = stepTime(step);
      const driver = topic === "assigned" ? DRIVER : undefined;
      await (topic === "created"
        ? wakilniApi("orders", { status: topic, at })
        : wakilniApi("orders/advance", { status: topic, at, driver }));
      const answer = await postWakilniEvent(webhookUrl, webhookSecret, specPayload({ topic, waybill: WAYBILL, at, driver }));
      expect(answer).toMatchObject({ status: 200, body: { status: "accepted" } });
    }
    const completedAt = stepTime(DELIVERED_WEBHOOKS.length);
    // Delivered in Wakilni; the webhook saying so never arrives.
    await wakilniApi("orders/advance", { status: "completed", at: completedAt });
    await demo.until("the delivered webhooks applied", inboxSettled);
    const before = await shopifyOrder();
    expect(before.fulfillments.flatMap((fulfillment) => fulfillment.events.map((event) => event.status))).not.toContain("DELIVERED");

    const switchedOn = new Date();
    await db.shop.update({ where: { shop }, data: { reconcileEnabled: true } });
    const run = await demo.until(
      "a reconciliation run after the switch went on",
      async () => {
        const row = await db.shop.findUniqueOrThrow({ where: { shop } });
        return row.reconcileLastRunAt && row.reconcileLastRunAt > switchedOn && row;
      },
      30_000,
    );
    expect({ checked: run.reconcileLastChecked, healed: run.reconcileLastHealed, error: run.reconcileLastError }).toEqual({
      checked: 1,
      healed: 1,
      error: null,
    });
    await demo.until("the healed change applied", inboxSettled);

    const order = await shopifyOrder();
    expect(order.tags).toContain("Wakilni: Delivered");
    expect(order.fulfillments.map((fulfillment) => fulfillment.status)).toEqual(["SUCCESS"]);
    const statuses = order.fulfillments[0].events.map((event) => event.status);
    expect(statuses.filter((status) => status === "DELIVERED")).toHaveLength(1);
    expect(statuses.at(-1)).toBe("DELIVERED");
    const completed = await db.inboxEvent.findMany({ where: { shop, topic: "completed" } });
    expect(completed.map((event) => [event.origin, event.state])).toEqual([["reconciliation", "applied"]]);

    // The lost webhook turning up after all changes nothing.
    const late = await postWakilniEvent(webhookUrl, webhookSecret, specPayload({ topic: "completed", waybill: WAYBILL, at: completedAt }));
    expect(late).toMatchObject({ status: 200, body: { status: "duplicate" } });
    await demo.until("the inbox settled", inboxSettled);
    const after = await shopifyOrder();
    expect(after.fulfillments[0].events.map((event) => event.status)).toEqual(statuses);
  }, 120_000);
});
