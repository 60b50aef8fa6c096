// Linking a waybill to an order while the worker is busy with the same waybill's events. The
// interleaving is forced, not hoped for: the worker starts its batch at the last moment before
// the link writes, which is when a link that decides from an earlier read would undo it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "../db.server";
import { prismaInboxStore } from "../inbox/inbox-store.server";
import { startEmulator, stopEmulator, syncShop } from "../../tests/helpers/sync-harness";
import { linkWaybillToOrder } from "./link-waybill.server";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);
afterEach(() => vi.restoreAllMocks());

const events = (shop: string) =>
  prisma.inboxEvent.findMany({
    where: { shop },
    orderBy: { id: "asc" },
    select: { id: true, state: true, leaseOwner: true, transitions: { orderBy: { id: "asc" }, select: { state: true } } },
  });

describe("linkWaybillToOrder", () => {
  it("queues the waybill's parked events again, with a transition naming the order", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
    await harness.send("processed", "WK-9", "2026-11-28T10:00:00Z");
    await harness.drain();
    expect((await events(harness.shop)).map((event) => event.state)).toEqual(["parked", "parked"]);

    const linked = await linkWaybillToOrder(harness.shop, "WK-9", "#1001", harness.clock.now);

    expect(linked).toMatchObject({ orderName: "#1001", requeued: 2 });
    const after = await events(harness.shop);
    expect(after.map((event) => event.state)).toEqual(["received", "received"]);
    const transitions = await prisma.inboxEventTransition.findMany({ where: { inboxEventId: after[0].id }, orderBy: { id: "desc" } });
    expect(transitions[0]).toMatchObject({ state: "received", at: harness.clock.now, detail: "linked to order #1001" });
  });

  it("leaves alone the events a worker started between the link's decision and its write", async () => {
    const harness = await syncShop();
    harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Soap", quantity: 1 }] });
    await harness.send("assigned", "WK-9", "2026-11-28T09:00:00Z");
    await harness.drain();
    const key = { shop: harness.shop, waybill: "WK-9" };
    const worker = "worker-racing-the-link";
    expect(await prismaInboxStore.claim(key, worker, harness.clock.now, 60_000)).toBe(true);

    // The link's write is its one transaction; the worker's batch starts just before it.
    const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
    let started: number[] = [];
    vi.spyOn(prisma, "$transaction").mockImplementationOnce((async (...args: unknown[]) => {
      started = (await prismaInboxStore.startBatch(key, worker, harness.clock.now, 50)).map((event) => event.id);
      return transaction(...args);
    }) as typeof prisma.$transaction);

    const linked = await linkWaybillToOrder(harness.shop, "WK-9", "#1001", harness.clock.now);

    const after = await events(harness.shop);
    expect(started).toEqual(after.map((event) => event.id));
    expect(after.map((event) => [event.state, event.leaseOwner])).toEqual([["processing", worker]]);
    expect(after[0].transitions.map((transition) => transition.state)).toEqual(["received", "processing", "parked", "processing"]);
    expect(linked.requeued).toBe(0);
    // The worker still owns its batch: its results are recorded.
    expect(await prismaInboxStore.finish(key, worker, [{ id: started[0], state: "applied", detail: "ok" }], harness.clock.now)).toBe(true);
    expect((await events(harness.shop))[0].state).toBe("applied");
  });
});
