// The suite's share of `npm run fuzz`: 500 malformed requests against the production build
// (Wakilni deliveries; huge bodies and slow headers on every route). Each is refused with a 4xx
// within a second, the server stays up, and no event is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "../../app/db.server";
import { ensureShop, saveWakilniCredentials } from "../../app/settings/shop-settings.server";
import { ensureBuild, freePort, startAppServer, type AppServer } from "../../sandbox/app-server";
import { fuzzCases } from "../../sandbox/fuzz-cases";
import { runFuzz } from "../../sandbox/fuzz-runner";
import { wakilniWebhookUrl } from "../../app/inbox/wakilni-webhook-path";
import { uniqueShop } from "../helpers/shopify";

let server: AppServer;
beforeAll(async () => {
  ensureBuild();
  server = await startAppServer({ port: await freePort(), adminApiOrigin: "http://127.0.0.1:9", env: { WORKER_ENABLED: "false" } });
});
afterAll(async () => {
  await server.stop();
});

describe("500 malformed requests", () => {
  it("are all refused quickly, and nothing is stored", async () => {
    const shop = uniqueShop("fuzz");
    const secret = randomUUID();
    const { endpointKey } = await ensureShop(shop);
    await saveWakilniCredentials(shop, { secret }, new Date());

    const summary = await runFuzz(server.url, fuzzCases(500, 20261128, { endpointKey, secret }));

    expect(summary.failures).toEqual([]);
    expect(summary.sent).toBe(500);
    expect(Object.keys(summary.byKind)).toEqual(
      expect.arrayContaining(["huge declared body, any route", "huge streamed body, any route", "slow headers, unsigned"]),
    );
    expect(Object.keys(summary.byKind).length).toBeGreaterThanOrEqual(19);
    expect((await fetch(wakilniWebhookUrl(server.url, endpointKey))).status).toBe(405);
    expect(await prisma.inboxEvent.count({ where: { shop } })).toBe(0);
    expect(server.child.exitCode).toBeNull();
  });
});
