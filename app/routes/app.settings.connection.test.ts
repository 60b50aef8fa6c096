// The settings page's connection check against the Wakilni API emulator over loopback, on the
// test database (SQLite or PostgreSQL): the button, the automatic check after saving credentials,
// the region and the API key/secret pair, and each failure the merchant is told about. The app
// reads WAKILNI_API_BASE_URL (and the timeout) when its modules load, so the emulator starts first.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startWakilniApiEmulator } from "../../sandbox/wakilni-api-emulator";
import { embeddedRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";

const emulator = await startWakilniApiEmulator({
  accounts: [
    { id: "beirut", name: "Beirut Bazaar", appToken: "app-token-beirut", apiKey: "key-beirut-1", apiSecret: "secret-beirut-1" },
    { id: "pair-only", name: null, apiKey: "key-pair-only", apiSecret: "secret-pair-only" },
  ],
});
process.env.WAKILNI_API_BASE_URL = emulator.origin;
process.env.WAKILNI_API_TIMEOUT_MS = "400";
const { action, loader } = await import("./app.settings");
const { prisma } = await import("../db.server");
const { wakilniApiCredentialsOf } = await import("../settings/shop-settings.server");
const { wakilniApiConnected } = await import("../settings/wakilni-connection");

afterAll(() => emulator.close());
beforeEach(() => {
  emulator.faults.reset();
  emulator.stats.reset();
});

const routeArgs = (request: Request) => ({ request, params: {}, context: {} });
const post = async (shop: string, fields: Record<string, string>) =>
  action(routeArgs(await embeddedRequest(shop, "/app/settings", { method: "POST", body: new URLSearchParams(fields) })));
const load = async (shop: string) => loader(routeArgs(await embeddedRequest(shop, "/app/settings")));
/** The delivery half of the form the page posts, with a fresh shop's values. */
const deliveryFields = {
  wakilniZone: "Asia/Beirut",
  fulfillmentStage: "assigned",
  notifyCustomer: "true",
  markCodPaid: "true",
  tagPrefix: "Wakilni: ",
  waybillPattern: "",
  trackingUrlTemplate: "",
};
const save = (shop: string, fields: Record<string, string>) =>
  post(shop, { intent: "save", secret: "webhook-secret-1", ...deliveryFields, ...fields });

async function shopWith(fields: Record<string, string>): Promise<string> {
  const shop = uniqueShop();
  await installShop(shop);
  expect(await save(shop, fields)).toEqual({ ok: true, intent: "save" });
  return shop;
}

describe("the connection check on the settings page", () => {
  it("runs after saving an app token and shows the account's name and when it was checked", async () => {
    const before = Date.now();
    const shop = await shopWith({ appToken: "app-token-beirut" });
    const { connection, apiCredentialsSet, wakilniRegion } = await load(shop);
    expect({ apiCredentialsSet, wakilniRegion }).toEqual({ apiCredentialsSet: true, wakilniRegion: "lebanon" });
    expect(connection).toMatchObject({ outcome: "ok", account: "Beirut Bazaar", detail: null });
    expect(Date.parse(connection!.checkedAt)).toBeGreaterThanOrEqual(before);
    expect(wakilniApiConnected(await prisma.shop.findUniqueOrThrow({ where: { shop } }))).toBe(true);
  });

  it("uses the API key/secret pair, sealed and shown by its last four characters only", async () => {
    const shop = await shopWith({ apiKey: "key-pair-only", apiSecret: "secret-pair-only", wakilniRegion: "jordan" });
    const data = await load(shop);
    expect(data).toMatchObject({
      apiKeyLast4: "only",
      apiSecretLast4: "only",
      wakilniRegion: "jordan",
      connection: { outcome: "ok", account: null },
    });
    expect(JSON.stringify(data)).not.toContain("secret-pair-only");
    const row = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    expect(JSON.stringify(row)).not.toContain("secret-pair-only");
    expect(wakilniApiCredentialsOf(row)).toEqual({
      region: "jordan",
      appToken: null,
      apiKey: "key-pair-only",
      apiSecret: "secret-pair-only",
    });
    expect(emulator.stats.snapshot().byRoute).toMatchObject({ authToken: 1, profile: 1 });
  });

  it("says Wakilni refused a wrong token, and passes once the merchant fixes it", async () => {
    const shop = await shopWith({ appToken: "app-token-wrong" });
    expect((await load(shop)).connection).toMatchObject({ outcome: "refused", detail: "HTTP 401: Unauthenticated." });
    expect(wakilniApiConnected(await prisma.shop.findUniqueOrThrow({ where: { shop } }))).toBe(false);
    await save(shop, { appToken: "app-token-beirut" });
    expect((await load(shop)).connection).toMatchObject({ outcome: "ok", account: "Beirut Bazaar" });
  });

  it("says what failed when Wakilni errs or answers nonsense, and the button tries again", async () => {
    const shop = await shopWith({ appToken: "app-token-beirut" });
    emulator.faults.script(["http503"]);
    expect(await post(shop, { intent: "test-connection" })).toEqual({ ok: true, intent: "test-connection" });
    expect((await load(shop)).connection).toMatchObject({ outcome: "server_error", detail: "HTTP 503" });
    emulator.faults.script(["malformed"]);
    await post(shop, { intent: "test-connection" });
    expect((await load(shop)).connection).toMatchObject({
      outcome: "unexpected_answer",
      detail: expect.stringMatching(/^HTTP 200: not JSON/),
    });
    await post(shop, { intent: "test-connection" });
    expect((await load(shop)).connection).toMatchObject({ outcome: "ok" });
  });

  it("says Wakilni is unreachable when it does not answer in time", async () => {
    const shop = await shopWith({ appToken: "app-token-beirut" });
    emulator.faults.script(["timeout"]);
    await post(shop, { intent: "test-connection" });
    expect((await load(shop)).connection).toMatchObject({ outcome: "unreachable", detail: "no answer within 400 ms" });
  });

  it("does not run for a save that changes no credential, nor for a shop without any", async () => {
    const shop = await shopWith({});
    expect(await load(shop)).toMatchObject({ apiCredentialsSet: false, connection: null });
    await post(shop, { intent: "test-connection" });
    await save(shop, { tagPrefix: "WK " });
    expect((await load(shop)).connection).toBeNull();
    expect(emulator.stats.snapshot().requests).toBe(0);
  });

  it("refuses half a pair and a region it does not know, and saves nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const before = await load(shop);
    expect(await save(shop, { apiKey: "key-pair-only", wakilniRegion: "syria" })).toEqual({
      ok: false,
      errors: { apiSecret: { key: "settings.error.required" }, wakilniRegion: { key: "settings.error.choice" } },
    });
    expect(await load(shop)).toEqual(before);
    expect(emulator.stats.snapshot().requests).toBe(0);
  });
});
