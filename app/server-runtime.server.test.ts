// The worker's side of a merchant's turn in a shop's Shopify budget (sync.server.ts): the HTTP
// thread announces each merchant request to the worker, over the port the worker listens on, and
// the worker's Shopify client leaves the request's points alone until its release arrives. Run
// here with the worker on a MessageChannel in this thread, over the same messages a worker thread gets.
import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { uniqueShop } from "../tests/helpers/shopify";
import { runInboxWorkerThread } from "./server-runtime.server";
import { syncEngine } from "./sync/sync.server";

const channel = new MessageChannel();

afterEach(async () => {
  const stopped = new Promise<void>((resolve) => channel.port1.on("message", (message) => message === "stopped" && resolve()));
  channel.port1.postMessage("stop");
  await stopped;
  channel.port1.close();
});

/** Polls until the worker's budget for the shop says `expected` (its port delivers messages asynchronously). */
async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries += 1) {
    if (tries > 200) throw new Error("the worker never took the message in");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the worker and a merchant's Shopify request", () => {
  it("leaves the merchant's points from a hold until its release", async () => {
    const shop = uniqueShop("merchant-hold");
    runInboxWorkerThread(channel.port2);
    // A shop the worker has not sent to yet: its budget is taken to be Shopify's smallest bucket, full.
    expect(syncEngine.budgetDelayMs(shop, "live")).toBe(0);

    channel.port1.postMessage({ merchantHold: { id: 7, shop, cost: 1000 } });
    await until(() => syncEngine.budgetDelayMs(shop, "live") > 0);
    expect(syncEngine.budgetDelayMs(uniqueShop("other-shop"), "live")).toBe(0);

    channel.port1.postMessage({ merchantRelease: 8 });
    channel.port1.postMessage({ merchantRelease: 7 });
    await until(() => syncEngine.budgetDelayMs(shop, "live") === 0);
  });
});
