// The worker in a real worker thread, started by the server runtime as server.mjs starts it: what the
// thread observes (here, events it fails: the shop never installed the app) is counted by the main
// thread's registry, the one /metrics serves.
import { afterAll, describe, expect, it, vi } from "vitest";
import { ensureShop } from "../settings/shop-settings.server";
import { serverRuntime } from "../server-runtime.server";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";
import { metricsRegistry } from "./metrics.server";

vi.hoisted(() => Object.assign(process.env, { WORKER_ENABLED: "true", WORKER_THREAD: "true", WORKER_POLL_MS: "100" }));

afterAll(async () => {
  await serverRuntime.stop();
  Object.assign(process.env, { WORKER_ENABLED: "false" });
  delete process.env.WORKER_THREAD;
  delete process.env.WORKER_POLL_MS;
});

async function failedEvents(): Promise<number> {
  const line = (await metricsRegistry.metrics())
    .split("\n")
    .find((candidate) => candidate.startsWith('wakilni_events_total{outcome="failed"} '));
  return line ? Number(line.split(" ")[1]) : 0;
}

describe("metrics from the worker thread", () => {
  it("reach the main thread's registry", async () => {
    const shop = uniqueShop("thread");
    await ensureShop(shop);
    const before = await failedEvents();
    await storeEvent(shop, wakilniEvent({ topic: "created", waybill: "WK-THREAD-1", occurredAt: new Date() }), new Date());

    serverRuntime.start(new URL("../../tests/helpers/inbox-worker-thread.mjs", import.meta.url));
    const deadline = Date.now() + 90_000;
    while ((await failedEvents()) === before) {
      if (Date.now() > deadline) throw new Error("the worker thread's failure never reached the main thread's registry");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(serverRuntime.workerStatus()).toBe("running");
    expect((await failedEvents()) - before).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
