// Refresh and reconciliation end to end: the app's HTTP adapter against the Wakilni API emulator,
// the real inbox, worker and sync engine against the Shopify Admin emulator. What matters is what
// Shopify ends up holding, compared with a shop whose webhooks all arrived, and how often
// Wakilni's API was asked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { storeReceivedEvents } from "../inbox/inbox-store.server";
import { DEFAULT_RETRY_POLICY } from "../inbox/retry-policy";
import { HttpWakilniApi, WakilniBearerTokens } from "../wakilni/api/http-wakilni-api";
import type { WakilniApi } from "../wakilni/api/wakilni-api";
import type { WakilniTopic } from "../wakilni/topics";
import { startWakilniApiEmulator, type WakilniApiEmulator } from "../../sandbox/wakilni-api-emulator";
import { wakilniEvent } from "../../sandbox/inbox-events";
import { startEmulator, stopEmulator, syncShop, type SyncShopHarness } from "../../tests/helpers/sync-harness";
import { refreshDelivery } from "./refresh.server";
import { ReconcileJob } from "./reconcile-job";
import { prismaReconcileStore } from "./reconcile-store.server";
import { TAKE_SPACING_MS } from "./token-bucket";

let wakilni: WakilniApiEmulator;
/** The Wakilni emulator's clock (its accounts' rate limits refill by it): real time unless a test sets its own. */
let wakilniNow: () => number = Date.now;

beforeAll(async () => {
  await startEmulator();
  wakilni = await startWakilniApiEmulator({ seed: 7, now: () => wakilniNow() });
});
afterAll(async () => {
  await wakilni.close();
  await stopEmulator();
});
beforeEach(async () => {
  wakilniNow = Date.now;
  wakilni.faults.reset();
  wakilni.stats.reset();
  // The job works for every connected shop of the database: only the test's own shop may be one.
  await prisma.shop.updateMany({ data: { reconcileEnabled: false } });
});

const LINE = [{ title: "Cedar soap", quantity: 2 }];
/** Wakilni order ids are unique across the emulator's accounts. */
let nextWakilniOrderId = 700_000;
const DRIVER = { name: "Ali Haddad", phone: "+961 3 123456" };
const JOURNEY: [WakilniTopic, string][] = [
  ["created", "2026-11-28 09:00:00"],
  ["assigned", "2026-11-28 09:30:00"],
  ["processed", "2026-11-28 10:00:00"],
  ["completed", "2026-11-28 11:15:00"],
];

/** A shop of the harness whose Wakilni account lives in the emulator, its connection check passed. */
async function connectedShop(rateLimit = { burst: 1000, perSecond: 1000 }) {
  const harness = await syncShop();
  const appToken = `token-${harness.shop}`;
  wakilni.store.createAccount({ id: harness.shop, name: "Beirut Bazaar", appToken, rateLimit });
  await prisma.shop.update({
    where: { shop: harness.shop },
    // The emulator's times are the harness's: UTC.
    data: { wakilniZone: "UTC", wakilniApiOutcome: "ok", wakilniApiCheckedAt: harness.clock.now },
  });
  const api: WakilniApi = new HttpWakilniApi({
    credentials: { region: "test", appToken, apiKey: null, apiSecret: null },
    baseUrl: wakilni.origin,
    fetch: globalThis.fetch,
    now: Date.now,
    timeoutMs: 300,
    tokens: new WakilniBearerTokens(),
  });
  return { harness, api };
}

/**
 * The parcel's journey in Wakilni (the emulator knows every step) and the webhooks that arrived
 * (all but `missed`), applied as they come.
 */
async function journey(harness: SyncShopHarness, waybill: string, missed: ReadonlySet<WakilniTopic> = new Set()) {
  harness.emulator.store.createOrder(harness.shop, { name: waybill, lineItems: LINE });
  for (const [topic, at] of JOURNEY) {
    const driver = topic === "assigned" ? DRIVER : undefined;
    const order =
      topic === "created"
        ? wakilni.store.createOrder({ account: harness.shop, waybill, at, wakilniOrderId: (nextWakilniOrderId += 1) })
        : wakilni.store.advance(harness.shop, { waybill }, { status: topic, at, driver });
    if (missed.has(topic)) continue;
    await harness.send(topic, waybill, `${at}Z`, { wakilniOrderId: String(order.wakilniOrderId), ...(driver ? { driver } : {}) });
    await harness.drain();
  }
}

/** What Shopify holds of the order that the app wrote. */
function shopifyState(harness: SyncShopHarness, name: string) {
  const order = harness.order(name);
  const fulfillments = order.fulfillments.filter((fulfillment) => fulfillment.trackingInfo.some((info) => info.company === "Wakilni"));
  const metafield = order.metafields.find((field) => field.key === "delivery");
  return {
    tags: order.tags.filter((tag) => tag.startsWith("Wakilni: ")).sort(),
    fulfillments: fulfillments.map((fulfillment) => ({
      displayStatus: fulfillment.displayStatus,
      trackingNumber: fulfillment.trackingInfo[0].number,
      events: fulfillment.events.map((event) => [event.status, event.happenedAt, event.message]),
    })),
    // Wakilni order ids differ between the compared shops (the emulator's ids are unique).
    metafield: metafield && { ...JSON.parse(metafield.value), wakilniOrderId: null },
  };
}

describe("Refresh from Wakilni", () => {
  it("heals a delivery that missed two webhooks: Shopify ends as if they had arrived, each event once", async () => {
    const control = await connectedShop();
    await journey(control.harness, "#1001");
    const { harness, api } = await connectedShop();
    await journey(harness, "#1001", new Set(["processed", "completed"]));
    expect(shopifyState(harness, "#1001")).not.toEqual(shopifyState(control.harness, "#1001"));

    const refreshed = await refreshDelivery(harness.shop, "#1001", api, harness.clock.now);
    expect(refreshed).toEqual({ ok: true, newChanges: 2, knownChanges: 2, unreadableChanges: 0, currentStatus: "Success" });
    await harness.drain();
    expect(shopifyState(harness, "#1001")).toEqual(shopifyState(control.harness, "#1001"));
    const stored = await prisma.inboxEvent.findMany({ where: { shop: harness.shop }, orderBy: { occurredAt: "asc" } });
    expect(stored.map((event) => [event.topic, event.origin, event.state])).toEqual([
      ["created", "webhook", "applied"],
      ["assigned", "webhook", "applied"],
      ["processed", "reconciliation", "applied"],
      ["completed", "reconciliation", "applied"],
    ]);

    // Asked again: nothing new. The late webhook of a reconciled change: a duplicate, applied never.
    expect(await refreshDelivery(harness.shop, "#1001", api, harness.clock.now)).toMatchObject({
      ok: true,
      newChanges: 0,
      knownChanges: 4,
    });
    const late = wakilniEvent({ topic: "completed", waybill: "#1001", occurredAt: new Date("2026-11-28T11:15:00Z") });
    const [outcome] = await storeReceivedEvents([
      {
        shop: harness.shop,
        event: late,
        rawBody: "{}",
        wakilniZone: "UTC",
        headers: { webhookId: null, wakilniRequestId: null, attemptNumber: 1, source: null },
        receivedAt: harness.clock.now,
      },
    ]);
    expect(outcome).toBe("duplicate");
    await harness.drain();
    expect(shopifyState(harness, "#1001")).toEqual(shopifyState(control.harness, "#1001"));
    expect(shopifyState(harness, "#1001").fulfillments[0].events.filter(([status]) => status === "DELIVERED")).toHaveLength(1);
    // One look-up per refresh.
    expect(wakilni.stats.snapshot().byRoute.orderById + wakilni.stats.snapshot().byRoute.orderByWaybill).toBe(2);
  });

  it("says exactly what failed, stores nothing, and does not mark the delivery asked on a transient failure", async () => {
    const { harness, api } = await connectedShop();
    await journey(harness, "#1002", new Set(["completed"]));
    wakilni.faults.setRates({ http503: 1 });
    expect(await refreshDelivery(harness.shop, "#1002", api, harness.clock.now)).toEqual({
      ok: false,
      failure: { kind: "server_error", status: 503 },
    });
    wakilni.faults.setRates({ http401: 1 });
    expect(await refreshDelivery(harness.shop, "#1002", api, harness.clock.now)).toMatchObject({ ok: false, failure: { kind: "refused" } });
    expect(await prisma.inboxEvent.count({ where: { shop: harness.shop, origin: "reconciliation" } })).toBe(0);
    expect((await prisma.delivery.findFirstOrThrow({ where: { shop: harness.shop } })).reconciledAt).toBeNull();
  });
});

describe("the reconciliation job", () => {
  const SILENT_AT = new Date("2026-11-28T18:00:00Z");

  function job(api: WakilniApi, clock: { now: Date }, owner = "test-reconcile", leaseMs = 60_000) {
    let wakes = 0;
    const reconcile = new ReconcileJob({
      store: prismaReconcileStore,
      refresh: (shop, waybill, now) => refreshDelivery(shop, waybill, api, now),
      wake: () => (wakes += 1),
      owner,
      concurrency: 2,
      leaseMs,
      intervalMs: 60_000,
      retry: DEFAULT_RETRY_POLICY,
      now: () => clock.now,
      // The run's pauses pass on the test's clock, at once.
      sleep: async (ms) => {
        clock.now = new Date(clock.now.getTime() + ms);
      },
      random: () => 1,
      onError: (error) => {
        throw error;
      },
    });
    return { reconcile, wakes: () => wakes };
  }

  /** `count` parcels whose Completed webhook was lost, silent since 09:30 at the latest. */
  async function silentShop(count: number, perMinute: number, rateLimit?: { burst: number; perSecond: number }) {
    const connected = await connectedShop(rateLimit);
    const waybills = Array.from({ length: count }, (_, index) => `#${2001 + index}`);
    for (const waybill of waybills) await journey(connected.harness, waybill, new Set(["processed", "completed"]));
    await prisma.shop.update({ where: { shop: connected.harness.shop }, data: { reconcilePerMinute: perMinute } });
    wakilni.stats.reset();
    return { ...connected, waybills };
  }

  const lookups = () => wakilni.stats.snapshot().byRoute.orderById + wakilni.stats.snapshot().byRoute.orderByWaybill;

  it("asks about silent deliveries at the shop's rate, one look-up each, and heals them all", async () => {
    const { harness, api, waybills } = await silentShop(12, 5);
    const clock = { now: SILENT_AT };
    const { reconcile, wakes } = job(api, clock);
    const checkedPerRun: number[] = [];
    for (let run = 0; run < 4; run += 1) {
      const runs = await reconcile.runOnce();
      checkedPerRun.push(runs.find((one) => one.shop === harness.shop)?.checked ?? 0);
      clock.now = new Date(clock.now.getTime() + 60_000);
    }
    // A minute's worth at once (5), then 5 a minute: never faster than the merchant's rate.
    expect(checkedPerRun).toEqual([5, 5, 2, 0]);
    expect(lookups()).toBe(12);
    expect(wakes()).toBe(12);
    await harness.drain();
    for (const waybill of waybills) expect(shopifyState(harness, waybill).tags).toEqual(["Wakilni: Delivered"]);
    const shop = await prisma.shop.findUniqueOrThrow({ where: { shop: harness.shop } });
    expect(shop).toMatchObject({ reconcileLastChecked: 0, reconcileLastHealed: 0, reconcileFailures: 0, reconcileLastError: null });
  });

  it("spreads a full bucket at the per-second cap, so Wakilni's account limit (20 at once, 10 a second) answers no 429", async () => {
    const clock = { now: SILENT_AT };
    wakilniNow = () => clock.now.getTime();
    const { harness, api, waybills } = await silentShop(30, 30, { burst: 20, perSecond: 10 });
    const { reconcile } = job(api, clock);
    const [run] = (await reconcile.runOnce()).filter((one) => one.shop === harness.shop);
    expect(run).toMatchObject({ checked: 30, healed: 30, failure: null, failures: 0 });
    expect(wakilni.stats.snapshot().rateLimited).toBe(0);
    expect(lookups()).toBe(waybills.length);
    // One look-up per spacing: the minute's worth took three seconds of the test's clock.
    expect(clock.now.getTime() - SILENT_AT.getTime()).toBe(29 * TAKE_SPACING_MS);
  });

  it("starts no look-up after half its lease, which it does not renew, and leaves the rest to the next run", async () => {
    const { harness, api } = await silentShop(8, 60);
    const clock = { now: SILENT_AT };
    const { reconcile } = job(api, clock, "test-reconcile", 10 * TAKE_SPACING_MS);
    const checked = async () => (await reconcile.runOnce()).find((one) => one.shop === harness.shop)?.checked ?? 0;
    // Half the lease is five spacings: look-ups at 0, 100, 200, 300 and 400 ms.
    expect(await checked()).toBe(5);
    expect(await checked()).toBe(3);
    expect(lookups()).toBe(8);
  });

  it("holds the shop's rate across instances: a second instance finds the bucket the first emptied", async () => {
    const { harness, api } = await silentShop(12, 5);
    const clock = { now: SILENT_AT };
    const first = job(api, clock, "instance-a").reconcile;
    const second = job(api, clock, "instance-b").reconcile;
    const checked = async (instance: ReconcileJob) => (await instance.runOnce()).find((one) => one.shop === harness.shop)?.checked ?? 0;
    expect(await checked(first)).toBe(5);
    // Once the first instance's run is over (its lease released), the second may run the shop, but
    // the bucket is the shop's, not the instance's: nothing is left this minute.
    expect(await checked(second)).toBe(0);
    clock.now = new Date(clock.now.getTime() + 24_000);
    expect([await checked(second), await checked(first)]).toEqual([2, 0]);
    expect(lookups()).toBe(7);
  });

  it("backs off when Wakilni answers 429, for at least its Retry-After, and starts nothing before then", async () => {
    const { harness, api } = await silentShop(4, 60, { burst: 2, perSecond: 0.001 });
    const clock = { now: SILENT_AT };
    const { reconcile } = job(api, clock);
    const [run] = (await reconcile.runOnce()).filter((one) => one.shop === harness.shop);
    expect(run).toMatchObject({ checked: 2, healed: 2, failure: { kind: "rate_limited" }, failures: 1 });
    expect(run.retryAt!.getTime()).toBeGreaterThanOrEqual(clock.now.getTime() + 1000);
    const asked = lookups();
    expect((await reconcile.runOnce()).some((one) => one.shop === harness.shop)).toBe(false);
    expect(lookups()).toBe(asked);
  });

  it("stops for the shop when Wakilni refuses the credentials, until a connection check passes again", async () => {
    const { harness, api } = await silentShop(2, 60);
    const clock = { now: SILENT_AT };
    const { reconcile } = job(api, clock);
    wakilni.faults.setRates({ http401: 1 });
    const [run] = (await reconcile.runOnce()).filter((one) => one.shop === harness.shop);
    expect(run).toMatchObject({ checked: 0, refused: true, failure: { kind: "refused" } });
    wakilni.faults.reset();
    clock.now = new Date(clock.now.getTime() + 3_600_000);
    expect((await reconcile.runOnce()).some((one) => one.shop === harness.shop)).toBe(false);
    await prisma.shop.update({ where: { shop: harness.shop }, data: { wakilniApiOutcome: "ok", wakilniApiCheckedAt: clock.now } });
    clock.now = new Date(clock.now.getTime() + 1);
    expect((await reconcile.runOnce()).find((one) => one.shop === harness.shop)).toMatchObject({ checked: 2, healed: 2 });
  });

  it("with 20% of Wakilni's answers faulty (5xx, time-outs, malformed), ends where a fault-free run does", async () => {
    const control = await silentShop(10, 60);
    const controlClock = { now: SILENT_AT };
    await job(control.api, controlClock, "control").reconcile.runOnce();
    await control.harness.drain();
    await prisma.shop.update({ where: { shop: control.harness.shop }, data: { reconcileEnabled: false } });
    const { harness, api, waybills } = await silentShop(10, 60);
    wakilni.faults.setRates({ http500: 0.05, http503: 0.05, timeout: 0.04, malformed: 0.03, missingFields: 0.03 });
    const clock = { now: SILENT_AT };
    const { reconcile } = job(api, clock);
    for (let run = 0; run < 40; run += 1) {
      await reconcile.runOnce();
      const left = await prisma.inboxEvent.count({ where: { shop: harness.shop, origin: "reconciliation" } });
      if (left === waybills.length * 2) break;
      // Past any backoff and past the silent period, so a delivery whose answer was unreadable is asked again.
      clock.now = new Date(clock.now.getTime() + 7 * 3_600_000);
    }
    expect(wakilni.faults.snapshot().injected).not.toEqual({});
    await harness.drain();
    for (const waybill of waybills) {
      expect(shopifyState(harness, waybill)).toEqual(shopifyState(control.harness, waybill));
      expect(shopifyState(harness, waybill).tags).toEqual(["Wakilni: Delivered"]);
      const [fulfillment] = shopifyState(harness, waybill).fulfillments;
      expect(fulfillment.events.map(([status]) => status)).toEqual(["CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED"]);
    }
  }, 120_000);
});
