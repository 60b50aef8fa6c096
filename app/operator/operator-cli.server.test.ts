// Each operator command as an operator types it, on the real test database (SQLite or
// PostgreSQL) and, for link, the real sync engine and Admin client against the Shopify Admin
// emulator: what it prints, its exit code, and what it changes (nothing, when it refuses).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";
import { startEmulator, stopEmulator, syncShop } from "../../tests/helpers/sync-harness";
import { operatorCommandLine } from "./operator-cli.server";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);

const NOW = new Date("2026-11-29T08:00:00Z");

async function operator(argv: string[], defaultShop?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await operatorCommandLine.run(argv, {
    program: "npm run operator --",
    terminal: { out: (line) => out.push(line), err: (line) => err.push(line) },
    now: () => NOW,
    defaultShop,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const inboxOf = (shop: string) =>
  prisma.inboxEvent.findMany({ where: { shop }, orderBy: { id: "asc" }, include: { transitions: { orderBy: { id: "asc" } } } });

describe("events", () => {
  it("prints a header row, then the shop's events oldest first, an event skipped as older as such", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { name: "#1001", lineItems: [{ title: "Soap", quantity: 1 }] });
    const processed = await harness.send("processed", "1001", "2026-11-28T10:00:00Z");
    await harness.drain();
    const olderAssigned = await harness.send("assigned", "1001", "2026-11-28T09:00:00Z");
    await harness.drain();
    await storeEvent(uniqueShop("other"), wakilniEvent({ topic: "created", waybill: "1001", occurredAt: NOW }), NOW);

    const { code, out, err } = await operator(["events", "--shop", harness.shop]);

    expect([code, err]).toEqual([0, ""]);
    const lines = out.split("\n").map((line) => line.trim().split(/ {2,}/));
    expect(lines.map((cells) => cells.slice(0, 5))).toEqual([
      ["ID", "STATE", "OUTCOME", "WAYBILL", "TOPIC"],
      [String(processed), "applied", "Applied", "1001", "Order Processed"],
      [String(olderAssigned), "applied", "Skipped: older", "1001", "Order Assigned"],
    ]);
  });

  it("shows one state, at most --limit of the newest, and says when there is none", async () => {
    const shop = uniqueShop("events");
    for (const [minute, waybill] of ["W1", "W2", "W3"].entries()) {
      await storeEvent(shop, wakilniEvent({ topic: "created", waybill, occurredAt: NOW }), new Date(NOW.getTime() + minute * 60_000));
    }
    const latestTwo = await operator(["events", "--limit", "2", "--state", "received"], shop);
    expect(latestTwo.out.split("\n").map((line) => line.split(/ {2,}/)[3])).toEqual(["WAYBILL", "W2", "W3"]);
    expect(await operator(["events", "--state", "dead"], shop)).toEqual({ code: 0, out: `no events for ${shop} in state dead`, err: "" });
  });
});

describe("retry", () => {
  it("queues a dead event again, finding its shop from the event id alone", async () => {
    const shop = uniqueShop("retry");
    const stored = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "W1", occurredAt: NOW }), NOW);
    await prisma.inboxEvent.update({ where: { id: stored.id }, data: { state: "dead", lastError: "timeout", attempts: 10 } });

    expect(await operator(["retry", String(stored.id)])).toEqual({ code: 0, out: `event ${stored.id} queued again`, err: "" });

    const [event] = await inboxOf(shop);
    expect(event).toMatchObject({ state: "received", attempts: 0, requeuedAt: NOW, nextAttemptAt: NOW });
    expect(event.transitions.at(-1)).toMatchObject({ state: "received", detail: "manual retry (last error: timeout)" });
  });

  it("refuses an event that is not retryable, or not there, and changes nothing", async () => {
    const shop = uniqueShop("retry");
    const stored = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill: "W1", occurredAt: NOW }), NOW);
    const before = await inboxOf(shop);

    expect(await operator(["retry", String(stored.id)])).toEqual({
      code: 1,
      out: "",
      err: `event ${stored.id} cannot be retried: only parked, failed, dead events can`,
    });
    expect(await operator(["retry", String(stored.id), "--shop", "elsewhere.myshopify.com"])).toMatchObject({
      code: 1,
      err: `no event ${stored.id} in elsewhere.myshopify.com`,
    });
    expect(await operator(["retry", "999999999"])).toMatchObject({ code: 1, err: "no event 999999999" });
    expect(await inboxOf(shop)).toEqual(before);
  });
});

describe("link", () => {
  it("links a waybill to the order named and queues its parked events again", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { name: "#1001", lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-STRAY", "2026-11-28T09:00:00Z");
    await harness.drain();
    const order = harness.order("#1001");

    const { code, out, err } = await operator(["link", "WK-STRAY", "#1001"], harness.shop);

    expect([code, err]).toEqual([0, ""]);
    expect(out).toBe(`linked waybill WK-STRAY to order #1001 (${order.id}); 1 parked event(s) queued again`);
    const [event] = await inboxOf(harness.shop);
    expect(event.state).toBe("received");
    expect(event.transitions.at(-1)).toMatchObject({
      state: "received",
      at: NOW,
      detail: "Linked to order #1001; its waiting Wakilni events are applied again",
    });
  });

  it("refuses an order that does not exist with the link's own reason, and changes nothing", async () => {
    const harness = await syncShop();
    await harness.send("assigned", "WK-STRAY", "2026-11-28T09:00:00Z");
    await harness.drain();
    const before = await inboxOf(harness.shop);

    expect(await operator(["link", "WK-STRAY", "#4040"], harness.shop)).toEqual({
      code: 1,
      out: "",
      err: "cannot link: No order matches “#4040”.",
    });
    expect(await inboxOf(harness.shop)).toEqual(before);
    expect(await prisma.delivery.findFirst({ where: { shop: harness.shop, waybill: "WK-STRAY" } })).toMatchObject({ orderId: null });
  });
});

describe("unlink", () => {
  it("takes the app's changes off the wrong order and parks the waybill's events until the next link", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { name: "#1001", lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-STRAY", "2026-11-28T09:00:00Z");
    await harness.drain();
    await operator(["link", "WK-STRAY", "#1001"], harness.shop);
    await harness.drain();
    const [fulfillment] = harness.order("#1001").fulfillments;

    const { code, out, err } = await operator(["unlink", "WK-STRAY"], harness.shop);

    expect([code, err]).toEqual([0, ""]);
    expect(out).toBe(
      `unlinked waybill WK-STRAY from order #1001; undone: tags, metafield, fulfillment:${fulfillment.id}; 1 event(s) parked until the next link`,
    );
    expect((await inboxOf(harness.shop)).map((event) => event.state)).toEqual(["parked"]);
    expect(harness.order("#1001").tags.filter((tag) => tag.startsWith("Wakilni: "))).toEqual([]);
  });

  it("refuses a waybill linked to no order with the unlink's own reason, and changes nothing", async () => {
    const harness = await syncShop();
    await harness.send("assigned", "WK-STRAY", "2026-11-28T09:00:00Z");
    await harness.drain();
    const before = await inboxOf(harness.shop);

    expect(await operator(["unlink", "WK-STRAY"], harness.shop)).toEqual({
      code: 1,
      out: "",
      err: "cannot unlink: Waybill WK-STRAY is not linked to any order.",
    });
    expect(await inboxOf(harness.shop)).toEqual(before);
  });
});

describe("the command line", () => {
  it("answers bad input with the reason and the usage, exit code 2, and help with the usage alone", async () => {
    const refused = await operator(["events", "--state", "done"], "demo.myshopify.com");
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^--state must be one of .*\n\nusage: npm run operator -- <command>\n/);
    const help = await operator(["help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: npm run operator -- <command>\n {2}events /);
  });
});
