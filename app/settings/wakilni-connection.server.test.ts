// Test connection as the settings page runs it (on its button and after a save that changes the
// credentials): the shop's sealed credentials read back, the HTTP adapter against the Wakilni API
// emulator over loopback, and the outcome kept on the shop row for the page and for reconciliation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { HttpWakilniApi, WakilniBearerTokens } from "../wakilni/api/http-wakilni-api";
import type { WakilniApi, WakilniApiCredentials } from "../wakilni/api/wakilni-api";
import { wakilniApiFor } from "../wakilni/api/wakilni-api.server";
import { startWakilniApiEmulator, type WakilniApiEmulator } from "../../sandbox/wakilni-api-emulator";
import { uniqueShop } from "../../tests/helpers/shopify";
import { ensureShop, saveWakilniCredentials } from "./shop-settings.server";
import { checkWakilniConnection } from "./wakilni-connection.server";

const now = new Date("2026-11-28T10:00:00Z");
let wakilni: WakilniApiEmulator;
let shop: string;

beforeAll(async () => {
  wakilni = await startWakilniApiEmulator({ seed: 3 });
  wakilni.store.createAccount({ id: "beirut", name: "Beirut Bazaar", appToken: "wk-right-token" });
});
afterAll(() => wakilni.close());
beforeEach(() => {
  wakilni.faults.reset();
  shop = uniqueShop();
});

/** The adapter as the app builds it, pointed at the emulator. */
const emulatorApi = (credentials: WakilniApiCredentials): WakilniApi =>
  new HttpWakilniApi({ credentials, baseUrl: wakilni.origin, fetch, now: Date.now, timeoutMs: 2000, tokens: new WakilniBearerTokens() });

async function checkWithToken(appToken: string, apiFor = emulatorApi) {
  await saveWakilniCredentials(shop, { appToken }, now);
  const check = await checkWakilniConnection(shop, () => now, apiFor);
  const row = await prisma.shop.findUniqueOrThrow({ where: { shop } });
  return { check, stored: { outcome: row.wakilniApiOutcome, at: row.wakilniApiCheckedAt, account: row.wakilniApiAccount } };
}

describe("checkWakilniConnection", () => {
  it("passes with the right app token and keeps the account's name and the time", async () => {
    const { check, stored } = await checkWithToken("wk-right-token");
    expect(check).toEqual({ checkedAt: now, outcome: "ok", account: "Beirut Bazaar", detail: null });
    expect(stored).toEqual({ outcome: "ok", at: now, account: "Beirut Bazaar" });
  });

  it("is refused for a wrong token, with Wakilni's words", async () => {
    const { check, stored } = await checkWithToken("wk-wrong-token");
    expect(check).toMatchObject({ outcome: "refused", account: null, detail: expect.stringContaining("401") });
    expect(stored).toEqual({ outcome: "refused", at: now, account: null });
  });

  it("is unreachable when nothing answers (the app's own adapter, whose base URL is a closed port in tests)", async () => {
    const { check, stored } = await checkWithToken("wk-right-token", wakilniApiFor);
    expect(check).toMatchObject({ outcome: "unreachable", account: null });
    expect(stored.outcome).toBe("unreachable");
  });

  it("reports a malformed answer as unexpected", async () => {
    wakilni.faults.setRates({ malformed: 1 });
    const { check, stored } = await checkWithToken("wk-right-token");
    expect(check).toMatchObject({ outcome: "unexpected_answer", account: null });
    expect(stored.outcome).toBe("unexpected_answer");
  });

  it("stores nothing for a shop without credentials the API could take", async () => {
    await ensureShop(shop);
    expect(await checkWakilniConnection(shop, () => now, emulatorApi)).toBeNull();
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).wakilniApiCheckedAt).toBeNull();
  });
});
