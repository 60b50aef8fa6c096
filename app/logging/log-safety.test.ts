// No secret, token or raw payload reaches a log line. The paths that hold them are driven for real,
// with the log read at debug level through the real logger: a merchant saving a Wakilni app token
// and secret, signed webhooks over loopback HTTP (accepted, and refused with a body that is not
// JSON), a session token Shopify will not exchange (its token endpoint faked), and the worker
// applying events against the Shopify Admin emulator with the shop's access token. Every string
// that must stay private is looked for in every line; the lines that must be there are checked too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { wakilniWebhookPath } from "../inbox/wakilni-webhook-path";
import { createAppHttpServer } from "../http/app-http-server.server";
import { action as settingsAction } from "../routes/app.settings";
import { loader as appLoader } from "../routes/app";
import { offlineAccessToken } from "../settings/sealed-session-storage.server";
import { secretBox } from "../settings/sealing.server";
import { postWakilniEvent, specPayload, wakilniHeaders } from "../../sandbox/wakilni-sender";
import { embeddedRequest, uniqueShop } from "../../tests/helpers/shopify";
import { startEmulator, stopEmulator, syncShop, type SyncShopHarness } from "../../tests/helpers/sync-harness";
import { captureLogs } from "../../tests/helpers/log-lines";

const APP_TOKEN = "wk-app-token-MARKER-7f3a9c";
const WEBHOOK_SECRET = "wk-webhook-secret-MARKER-51d0e2";
const RAW_BODY_MARKER = "raw-body-MARKER-c8e41b";

const logs = captureLogs("debug");
let server: Server;
let base: string;
let harness: SyncShopHarness;
/** Everything that must not appear in any line, gathered as the test produces it. */
const secrets = new Set<string>([
  APP_TOKEN,
  WEBHOOK_SECRET,
  RAW_BODY_MARKER,
  env.SHOPIFY_API_SECRET,
  env.SECRETS_ENCRYPTION_KEYS[0].key.toString("base64"),
]);

const routeArgs = (request: Request) => ({ request, params: {}, context: {} });

/**
 * The session token an embedded page load carries (in its URL, as Shopify's admin sends it), and
 * pieces of it: a line cut short after a few dozen characters must not hold a token's beginning either.
 */
function sessionTokenPieces(request: Request): string[] {
  const token = new URL(request.url).searchParams.get("id_token")!;
  const [, claims, signature] = token.split(".");
  return [token, claims.slice(0, 24), signature];
}

beforeAll(async () => {
  await startEmulator();
  harness = await syncShop({}, { observed: true });
  harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Cedar soap", quantity: 1 }] });
  secrets.add((await offlineAccessToken(prisma, harness.shop, secretBox))!);
  server = createAppHttpServer((_, response) => {
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  logs.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopEmulator();
});

/** The lines whose message is `message`. */
const linesSaying = (message: string) => logs.lines().filter((line) => line.msg === message);

describe("the log", () => {
  it("keeps a merchant's saved Wakilni app token and secret, and their session token, out", async () => {
    const request = await embeddedRequest(harness.shop, "/app/settings", {
      method: "POST",
      body: new URLSearchParams({
        intent: "save",
        wakilniZone: "Asia/Beirut",
        fulfillmentStage: "assigned",
        notifyCustomer: "true",
        markCodPaid: "true",
        tagPrefix: "Wakilni: ",
        waybillPattern: "",
        trackingUrlTemplate: "",
        appToken: APP_TOKEN,
        secret: WEBHOOK_SECRET,
      }),
    });
    sessionTokenPieces(request).forEach((piece) => secrets.add(piece));
    expect(await settingsAction(routeArgs(request))).toEqual({ ok: true, intent: "save" });
    // The library's own lines come through the app's logger.
    expect(logs.lines().some((line) => line.component === "shopify-app")).toBe(true);
  });

  it("keeps the signature and the raw body of webhooks out, accepted or refused, and says what became of each in one line", async () => {
    const { endpointKey } = await prisma.shop.findUniqueOrThrow({ where: { shop: harness.shop } });
    const url = `${base}${wakilniWebhookPath(endpointKey)}`;
    const payload = specPayload({ topic: "assigned", waybill: "#1001", driver: { name: RAW_BODY_MARKER, phone: "+961 3 000000" } });
    const body = JSON.stringify(payload);
    const headers = wakilniHeaders(body, WEBHOOK_SECRET, String(payload.event));
    secrets.add(headers["x-webhook-signature"]);
    const accepted = await fetch(url, { method: "POST", body, headers });
    expect(accepted.status).toBe(200);

    const notJson = `{"event": "${RAW_BODY_MARKER}", `;
    const refused = await fetch(url, { method: "POST", body: notJson, headers: wakilniHeaders(notJson, WEBHOOK_SECRET, "Order Assigned") });
    expect(refused.status).toBe(400);
    expect((await postWakilniEvent(url, "a-wrong-secret", specPayload({ topic: "created", waybill: "#1001" }))).status).toBe(401);

    const [acceptedLine] = linesSaying("wakilni webhook accepted");
    expect(acceptedLine).toMatchObject({
      level: "info",
      shop: harness.shop,
      event: payload.event_id,
      waybill: "#1001",
      outcome: "accepted",
      status: 200,
      requestId: accepted.headers.get("x-request-id"),
    });
    expect(linesSaying("wakilni webhook refused").map((line) => [line.outcome, line.status, line.shop])).toEqual([
      ["invalid_json", 400, harness.shop],
      ["signature_mismatch", 401, harness.shop],
    ]);
  });

  it("keeps a session token Shopify refuses to exchange, and the app's client secret sent with it, out", async () => {
    const stranger = uniqueShop("stranger");
    const original = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(`https://${stranger}`)
      .intercept({ path: "/admin/oauth/access_token", method: "POST" })
      .reply(401, { errors: "[API] This app is not installed on this shop" });
    setGlobalDispatcher(agent);
    try {
      const request = await embeddedRequest(stranger, "/app");
      sessionTokenPieces(request).forEach((piece) => secrets.add(piece));
      const refusal = await appLoader(routeArgs(request)).then(
        () => null,
        (thrown: unknown) => thrown as Response,
      );
      expect(refusal?.status).toBe(403);
    } finally {
      setGlobalDispatcher(original);
    }
  });

  it("keeps the shop's access token and the event's payload out while the worker applies it, one line per event", async () => {
    await harness.drain();
    const [applied] = linesSaying("event applied");
    expect(applied).toMatchObject({ level: "info", shop: harness.shop, waybill: "#1001", topic: "Order Assigned" });
    expect(await prisma.inboxEvent.count({ where: { shop: harness.shop, state: "applied" } })).toBe(1);
  });

  it("holds none of those strings in any line", () => {
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(text).not.toContain(secret);
    // Every line is one JSON object: nothing multi-line or unparsable slipped in.
    expect(() => logs.lines()).not.toThrow();
  });
});
