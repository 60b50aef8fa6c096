import { afterEach, describe, expect, it } from "vitest";
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { prisma } from "../db.server";
import { embeddedRequest, installShop, uniqueShop } from "../../tests/helpers/shopify";
import { action, loader } from "./app.settings";
import { deliverySettingsOf, webhookSecrets } from "../settings/shop-settings.server";
import { countRejection } from "../inbox/inbox-store.server";
import { wakilniWebhookUrl } from "../inbox/wakilni-webhook-path";
import { MAX_TAG_PREFIX_LENGTH } from "../settings/delivery-settings-form";
import { offlineAccessToken } from "../settings/sealed-session-storage.server";
import { secretBox } from "../settings/sealing.server";
import { sqliteFileText } from "../../tests/helpers/database-file";

const routeArgs = (request: Request) => ({ request, params: {}, context: {} });

async function postForm(shop: string, fields: Record<string, string>) {
  const request = await embeddedRequest(shop, "/app/settings", { method: "POST", body: new URLSearchParams(fields) });
  return action(routeArgs(request));
}

async function load(shop: string) {
  return loader(routeArgs(await embeddedRequest(shop, "/app/settings")));
}

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

describe("settings page", () => {
  it("refuses a request without a session token", async () => {
    await expect(loader(routeArgs(new Request("https://my-test-app.myshopify.io/app/settings")))).rejects.toBeInstanceOf(Response);
  });

  it("shows the shop's Delivery URL and that no secret is set yet", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const data = await load(shop);
    const row = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    expect(data.deliveryUrl).toBe(wakilniWebhookUrl("https://my-test-app.myshopify.io", row.endpointKey));
    expect(row.endpointKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(data.secretLast4).toBeNull();
  });

  it("seals saved credentials and only ever shows their last four characters", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    expect(await postForm(shop, { intent: "save", ...deliveryFields, appToken: "token-ABCD1234", secret: "secret-WXYZ9876" })).toEqual({
      ok: true,
      intent: "save",
    });
    const row = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    expect(JSON.stringify(row)).not.toContain("secret-WXYZ9876");
    expect(JSON.stringify(row)).not.toContain("token-ABCD1234");
    expect(webhookSecrets(row, new Date())).toEqual(["secret-WXYZ9876"]);
    const data = await load(shop);
    expect(JSON.stringify(data)).not.toContain("WXYZ9876");
    expect(data).toMatchObject({ secretLast4: "9876", appTokenLast4: "1234", previousSecretUntil: null });
  });

  describe("how long the previous secret stays valid", () => {
    const HOUR = 3600_000;
    const secretsAt = async (shop: string, hoursFromNow: number) =>
      webhookSecrets(await prisma.shop.findUniqueOrThrow({ where: { shop } }), new Date(Date.now() + hoursFromNow * HOUR));

    /** A shop whose secret was just changed from first-secret-1 to second-secret-2, with `hours` posted along (if any). */
    async function rotatedShop(hours?: string) {
      const shop = uniqueShop();
      await installShop(shop);
      await postForm(shop, { intent: "save", ...deliveryFields, appToken: "", secret: "first-secret-1" });
      const saved = await postForm(shop, {
        intent: "save",
        ...deliveryFields,
        appToken: "",
        secret: "second-secret-2",
        ...(hours === undefined ? {} : { previousSecretHours: hours }),
      });
      expect(saved).toEqual({ ok: true, intent: "save" });
      return shop;
    }

    it("is 24 hours by default", async () => {
      const shop = await rotatedShop();
      expect((await load(shop)).previousSecretHours).toBe(24);
      expect(await secretsAt(shop, 0)).toEqual(["second-secret-2", "first-secret-1"]);
      expect(await secretsAt(shop, 23.9)).toEqual(["second-secret-2", "first-secret-1"]);
      expect(await secretsAt(shop, 24.1)).toEqual(["second-secret-2"]);
      expect(Date.parse((await load(shop)).previousSecretUntil!)).toBeGreaterThan(Date.now() + 23.9 * HOUR);
    });

    it("is the merchant's number of hours", async () => {
      const shop = await rotatedShop("2");
      expect((await load(shop)).previousSecretHours).toBe(2);
      expect(await secretsAt(shop, 1.9)).toEqual(["second-secret-2", "first-secret-1"]);
      expect(await secretsAt(shop, 2.1)).toEqual(["second-secret-2"]);
    });

    it("is none at all with 0, for a leaked secret: the old one is not even kept", async () => {
      const shop = await rotatedShop("0");
      expect(await secretsAt(shop, 0)).toEqual(["second-secret-2"]);
      expect(await prisma.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
        previousSecretSealed: null,
        previousSecretUntil: null,
      });
      expect((await load(shop)).previousSecretUntil).toBeNull();
    });

    it("shortens a window already running, and a later, longer setting does not bring a retired secret back", async () => {
      const shop = await rotatedShop();
      await postForm(shop, { intent: "save", ...deliveryFields, appToken: "", secret: "", previousSecretHours: "1" });
      expect(await secretsAt(shop, 0.9)).toEqual(["second-secret-2", "first-secret-1"]);
      expect(await secretsAt(shop, 1.1)).toEqual(["second-secret-2"]);
      // The merchant learns the old secret leaked.
      await postForm(shop, { intent: "save", ...deliveryFields, appToken: "", secret: "", previousSecretHours: "0" });
      expect(await secretsAt(shop, 0)).toEqual(["second-secret-2"]);
      await postForm(shop, { intent: "save", ...deliveryFields, appToken: "", secret: "", previousSecretHours: "168" });
      expect(await secretsAt(shop, 0)).toEqual(["second-secret-2"]);
      expect((await load(shop)).previousSecretHours).toBe(168);
    });

    it.each(["-1", "169", "1.5", "soon", ""])("refuses %j hours with a field error and changes nothing", async (hours) => {
      const shop = await rotatedShop();
      const before = await prisma.shop.findUniqueOrThrow({ where: { shop } });
      expect(await postForm(shop, { intent: "save", ...deliveryFields, appToken: "", secret: "", previousSecretHours: hours })).toEqual({
        ok: false,
        errors: { previousSecretHours: { key: "settings.error.wholeNumberRange", values: { min: 0, max: 168 } } },
      });
      expect(await prisma.shop.findUniqueOrThrow({ where: { shop } })).toEqual(before);
    });
  });

  it("answers bad input with an error for each bad field, credentials and delivery alike, and changes nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const before = await load(shop);
    expect(
      await postForm(shop, { intent: "save", ...deliveryFields, appToken: "with space", secret: "", wakilniZone: "Mars/Olympus" }),
    ).toEqual({
      ok: false,
      errors: {
        appToken: { key: "settings.error.whitespace" },
        secret: { key: "settings.error.required" },
        wakilniZone: { key: "settings.error.timeZone" },
      },
    });
    expect(await load(shop)).toEqual(before);
  });

  it("saves nothing of a form with one bad field, not even its valid changes", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await load(shop);
    const before = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    expect(
      await postForm(shop, {
        intent: "save",
        ...deliveryFields,
        appToken: "token-ABCD1234",
        secret: "secret-WXYZ9876",
        wakilniZone: "Asia/Amman",
        trackingUrlTemplate: "track.example.com/{waybill}",
      }),
    ).toEqual({ ok: false, errors: { trackingUrlTemplate: { key: "settings.error.url" } } });
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop } })).toEqual(before);
  });

  it("refuses an unknown intent", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const answer = await postForm(shop, { intent: "credentials", ...deliveryFields, secret: "secret-WXYZ9876" }).catch(
      (error: unknown) => error,
    );
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(400);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).secretLast4).toBeNull();
  });

  it("rotates the Delivery URL", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const before = await load(shop);
    expect(await postForm(shop, { intent: "rotate-endpoint" })).toEqual({ ok: true, intent: "rotate-endpoint" });
    const after = await load(shop);
    expect(after.deliveryUrl).not.toBe(before.deliveryUrl);
  });

  it("starts a fresh shop on the documented delivery defaults", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    expect((await load(shop)).delivery).toEqual({
      wakilniZone: "Asia/Beirut",
      fulfillmentStage: "assigned",
      notifyCustomer: true,
      showDriverPhoneToBuyers: false,
      tagPrefix: "Wakilni: ",
      waybillPattern: "",
      trackingUrlTemplate: "",
      silentAfterHours: 24,
      markCodPaid: true,
      reconcileEnabled: true,
      reconcileSilentHours: 6,
      reconcilePerMinute: 30,
    });
  });

  it("saves every delivery setting in one form, as the sync engine will read them", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const saved = await postForm(shop, {
      intent: "save",
      appToken: "",
      secret: "secret-12345678",
      ...deliveryFields,
      wakilniZone: "Asia/Amman",
      fulfillmentStage: "processed",
      notifyCustomer: "false",
      showDriverPhoneToBuyers: "true",
      markCodPaid: "false",
      reconcileEnabled: "false",
      reconcileSilentHours: "12",
      reconcilePerMinute: "10",
      tagPrefix: "WK ",
      waybillPattern: " SHOP-{number} ",
      trackingUrlTemplate: "https://track.example.com/{waybill}?order={order_id}",
    });
    expect(saved).toEqual({ ok: true, intent: "save" });
    const expected = {
      wakilniZone: "Asia/Amman",
      fulfillmentStage: "processed",
      notifyCustomer: false,
      showDriverPhoneToBuyers: true,
      markCodPaid: false,
      tagPrefix: "WK ",
      waybillPattern: "SHOP-{number}",
      trackingUrlTemplate: "https://track.example.com/{waybill}?order={order_id}",
      silentAfterHours: 24,
      reconcileEnabled: false,
      reconcileSilentHours: 12,
      reconcilePerMinute: 10,
    };
    expect((await load(shop)).delivery).toEqual(expected);
    expect(deliverySettingsOf(await prisma.shop.findUniqueOrThrow({ where: { shop } }))).toEqual(expected);
  });

  it("answers each bad delivery setting with its own error and saves none of them", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const before = await load(shop);
    expect(
      await postForm(shop, {
        intent: "save",
        appToken: "",
        secret: "secret-12345678",
        wakilniZone: "Asia/Beirut",
        fulfillmentStage: "delivered",
        notifyCustomer: "true",
        tagPrefix: "Wakilni, ",
        waybillPattern: "SHOP-{id}",
        trackingUrlTemplate: "https://track.example.com/{tracking}",
      }),
    ).toEqual({
      ok: false,
      errors: {
        fulfillmentStage: { key: "settings.error.choice" },
        tagPrefix: { key: "settings.error.comma" },
        waybillPattern: { key: "settings.error.waybillPlaceholder" },
        trackingUrlTemplate: { key: "settings.error.trackingPlaceholder", values: { placeholder: "{tracking}" } },
      },
    });
    expect(
      await postForm(shop, {
        intent: "save",
        appToken: "",
        secret: "secret-12345678",
        ...deliveryFields,
        tagPrefix: "x".repeat(MAX_TAG_PREFIX_LENGTH + 1),
      }),
    ).toEqual({
      ok: false,
      errors: { tagPrefix: { key: "settings.error.tooLong", values: { max: MAX_TAG_PREFIX_LENGTH } } },
    });
    expect(await load(shop)).toEqual(before);
  });

  it("reports the requests Wakilni had rejected in the last 24 hours, newest first", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const now = Date.now();
    const ago = (minutes: number) => new Date(now - minutes * 60_000);
    await countRejection(shop, "signature_mismatch", ago(25 * 60));
    await countRejection(shop, "signature_mismatch", ago(90));
    await countRejection(shop, "signature_mismatch", ago(30));
    await countRejection(shop, "invalid_json", ago(10));
    await countRejection(uniqueShop("other"), "invalid_json", ago(5));

    expect((await load(shop)).rejections).toEqual([
      { reason: "invalid_json", count: 1, lastAt: ago(10).toISOString() },
      { reason: "signature_mismatch", count: 2, lastAt: ago(30).toISOString() },
    ]);
  });

  it("reports no rejections for a shop without any", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    expect((await load(shop)).rejections).toEqual([]);
  });
});

describe("first open of the embedded app (token exchange)", () => {
  const original = getGlobalDispatcher();
  afterEach(() => setGlobalDispatcher(original));

  it("exchanges the session token for an offline token and creates the shop", async () => {
    const shop = uniqueShop("fresh");
    const agent = new MockAgent();
    agent.disableNetConnect();
    setGlobalDispatcher(agent);
    let exchangeBody = "";
    agent
      .get(`https://${shop}`)
      .intercept({ path: "/admin/oauth/access_token", method: "POST" })
      .reply(200, (options) => {
        exchangeBody = String(options.body);
        return { access_token: "shpat_exchanged", scope: "read_orders,write_orders" };
      });

    const data = await load(shop);

    expect(JSON.parse(exchangeBody)).toMatchObject({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    });
    expect(await offlineAccessToken(prisma, shop, secretBox)).toBe("shpat_exchanged");
    expect(data.deliveryUrl).toContain("/webhooks/wakilni/");
    // Sealed at rest: neither the Session rows nor the database's files on disk hold the token.
    const session = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(secretBox.isEnvelope(session.accessToken)).toBe(true);
    expect(
      JSON.stringify(await prisma.session.findMany(), (_key, value) => (typeof value === "bigint" ? String(value) : value)),
    ).not.toContain("shpat_");
    expect(sqliteFileText() ?? "").not.toContain("shpat_");
  });
});
