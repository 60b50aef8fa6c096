import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { inboxSignal } from "./inbox-signal.server";
import { retryInboxEvent, retryInboxEventFromForm } from "./manual-retry.server";

const stoppedAt = new Date("2026-03-01T10:00:00.000Z");
const now = new Date("2026-03-01T12:00:00.000Z");
const never = new Date("9999-12-31T00:00:00.000Z");

async function eventIn(shop: string, state: string) {
  const stored = await storeEvent(shop, wakilniEvent({ topic: "completed", waybill: "1001", occurredAt: stoppedAt }), stoppedAt);
  return prisma.inboxEvent.update({
    where: { id: stored.id },
    data: { state, attempts: 3, lastError: "Shopify said no", nextAttemptAt: never, finishedAt: state === "parked" ? null : stoppedAt },
  });
}

const snapshot = (id: number) =>
  prisma.inboxEvent.findUniqueOrThrow({ where: { id }, include: { transitions: { orderBy: { id: "asc" } } } });

let unsubscribe = () => {};
afterEach(() => unsubscribe());

function countSignals() {
  const counter = { count: 0 };
  unsubscribe = inboxSignal.subscribe(() => (counter.count += 1));
  return counter;
}

describe("retryInboxEvent", () => {
  it.each(["failed", "dead", "parked"])("queues a %s event again at once and wakes the worker", async (state) => {
    const shop = uniqueShop();
    const event = await eventIn(shop, state);
    const signals = countSignals();

    expect(await retryInboxEvent(shop, event.id, now)).toEqual({ ok: true });

    const after = await snapshot(event.id);
    // A fresh attempt budget; the last error stays until the next attempt replaces it.
    expect(after).toMatchObject({ state: "received", nextAttemptAt: now, attempts: 0, lastError: "Shopify said no", finishedAt: null });
    expect(after.transitions.at(-1)).toMatchObject({ state: "received", at: now, detail: "manual retry (last error: Shopify said no)" });
    expect(signals.count).toBe(1);
  });

  it("says so when the retried event had no error", async () => {
    const shop = uniqueShop();
    const event = await eventIn(shop, "parked");
    await prisma.inboxEvent.update({ where: { id: event.id }, data: { lastError: null } });
    expect(await retryInboxEvent(shop, event.id, now)).toEqual({ ok: true });
    expect((await snapshot(event.id)).transitions.at(-1)).toMatchObject({ state: "received", detail: "manual retry" });
  });

  it.each(["received", "processing", "applied", "unsupported"])("refuses a %s event and changes nothing", async (state) => {
    const shop = uniqueShop();
    const event = await eventIn(shop, state);
    const before = await snapshot(event.id);
    const signals = countSignals();

    expect(await retryInboxEvent(shop, event.id, now)).toEqual({ ok: false, reason: "not_retryable" });
    expect(await snapshot(event.id)).toEqual(before);
    expect(signals.count).toBe(0);
  });

  it("does not touch another shop's event, nor say that it exists", async () => {
    const owner = uniqueShop();
    const event = await eventIn(owner, "failed");
    const before = await snapshot(event.id);

    expect(await retryInboxEvent(uniqueShop("other"), event.id, now)).toEqual({ ok: false, reason: "not_found" });
    expect(await snapshot(event.id)).toEqual(before);
  });

  it.each([0, 2_000_000_000, Number.NaN, 1.5])("answers not_found for the unknown id %s", async (id) => {
    expect(await retryInboxEvent(uniqueShop(), id, now)).toEqual({ ok: false, reason: "not_found" });
  });

  it("reads the event id from the Retry button's form", async () => {
    const shop = uniqueShop();
    const event = await eventIn(shop, "dead");
    const form = new FormData();
    form.set("eventId", String(event.id));
    expect(await retryInboxEventFromForm(shop, form, now)).toEqual({ ok: true });
    expect(await retryInboxEventFromForm(shop, new FormData(), now)).toEqual({ ok: false, reason: "not_found" });
  });
});
