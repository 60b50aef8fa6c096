// The attacks on the HTTP edge from issue 11, replayed against the production build (server.mjs)
// over real loopback HTTP: oversized bodies, declared or streamed, on every route; hundreds of
// slow clients; slow headers and bodies. Each is refused, the server stays up, nothing changes.
import { wakilniWebhookPath, wakilniWebhookUrl } from "../../app/inbox/wakilni-webhook-path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { prisma } from "../../app/db.server";
import { bodyLimitFor } from "../../app/http/body-limits";
import { MAX_BODY_BYTES } from "../../app/inbox/receive-wakilni-webhook.server";
import { ensureShop, saveWakilniCredentials } from "../../app/settings/shop-settings.server";
import { ensureBuild, freePort, startAppServer, type AppServer } from "../../sandbox/app-server";
import { appRouteUrls } from "../../sandbox/app-routes";
import { sendRaw } from "../../sandbox/raw-http";
import { adminHost, signSessionToken } from "../../sandbox/session-token";
import { installShop, shopifyWebhookRequest, uniqueShop } from "../helpers/shopify";
import { specPayload, wakilniHeaders } from "../../sandbox/wakilni-sender";

const MB = 1024 * 1024;
/** authenticate.admin answers bots (curl, undici's default agent) 410 before anything else. */
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
const SECRET = "edge-test-wakilni-secret";
const METRICS_TOKEN = "edge-test-metrics-token-0123456789";

async function postWebhook(server: AppServer, request: Request): Promise<number> {
  const url = new URL(request.url);
  const response = await fetch(`${server.url}${url.pathname}`, { method: "POST", headers: request.headers, body: await request.text() });
  await response.arrayBuffer();
  return response.status;
}

async function sendWakilniEvent(server: AppServer, endpointKey: string): Promise<{ status: number; eventId: string }> {
  const payload = specPayload({ topic: "completed", waybill: `#${Math.floor(Math.random() * 1e6)}` });
  const body = JSON.stringify(payload);
  const response = await fetch(wakilniWebhookUrl(server.url, endpointKey), {
    method: "POST",
    body,
    headers: wakilniHeaders(body, SECRET, String(payload.event)),
  });
  await response.arrayBuffer();
  return { status: response.status, eventId: String(payload.event_id) };
}

describe("the HTTP edge of the production server", () => {
  let server: AppServer;
  let shop: string;
  let endpointKey: string;

  beforeAll(async () => {
    ensureBuild();
    shop = uniqueShop("edge");
    await installShop(shop);
    ({ endpointKey } = await ensureShop(shop));
    await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
    server = await startAppServer({
      port: await freePort(),
      adminApiOrigin: "http://127.0.0.1:9",
      env: {
        WORKER_ENABLED: "false",
        HTTP_HEADERS_TIMEOUT_MS: "2000",
        HTTP_REQUEST_TIMEOUT_MS: "4000",
        HTTP_KEEP_ALIVE_TIMEOUT_MS: "3000",
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("covers every route the app has, the public ones included", () => {
    const urls = appRouteUrls(endpointKey);
    expect(urls).toEqual(
      expect.arrayContaining([
        "/",
        "/auth/login",
        "/webhooks/app/uninstalled",
        "/webhooks/app/scopes_update",
        "/webhooks/customers/data_request",
        "/webhooks/customers/redact",
        "/webhooks/shop/redact",
        wakilniWebhookPath(endpointKey),
        "/app/settings",
      ]),
    );
  });

  it("answers 413 from a declared length of 400 MB on every route, before reading the body, and closes", async () => {
    for (const url of appRouteUrls(endpointKey)) {
      const answer = await sendRaw(server.url, {
        method: "POST",
        path: url,
        headers: [["content-type", "application/x-www-form-urlencoded"]],
        body: { declaredLength: 400 * MB, totalBytes: 400 * MB },
        waitForServerClose: true,
      });
      expect({ url, status: answer.status, connection: answer.headers.connection }).toEqual({ url, status: 413, connection: "close" });
      expect(answer.closedByServer).toBe(true);
      // Declared too large: refused before the body, so at most the first pieces went out.
      expect(answer.bodyBytesSent).toBeLessThan(8 * MB);
    }
  });

  it("answers 413 to a streamed (chunked) 50 MB body on every route as soon as it passes the limit, and closes", async () => {
    for (const url of appRouteUrls(endpointKey)) {
      const answer = await sendRaw(server.url, {
        method: "POST",
        path: url,
        headers: [["content-type", "application/json"]],
        body: { totalBytes: 50 * MB },
        waitForServerClose: true,
      });
      expect({ url, status: answer.status, connection: answer.headers.connection }).toEqual({ url, status: 413, connection: "close" });
      expect(answer.closedByServer).toBe(true);
      // Not buffered: the connection closed long before the upload could finish (the rest is
      // what loopback socket buffers hold).
      expect(answer.bodyBytesSent).toBeLessThan(16 * MB);
    }
    expect(server.child.exitCode).toBeNull();
  });

  it("refuses a correctly signed Shopify webhook over its limit, changing nothing", async () => {
    const padding = "x".repeat(bodyLimitFor("/webhooks/app/uninstalled").bytes);
    const request = shopifyWebhookRequest("/webhooks/app/uninstalled", "app/uninstalled", shop, { padding });
    expect(await postWebhook(server, request)).toBe(413);
    expect(await prisma.session.count({ where: { shop } })).toBe(1);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).toBeNull();
  });

  it("still hands genuine bodies to the app whole: a Shopify webhook, sent plainly or chunked, and the login form", async () => {
    const other = uniqueShop("edge-genuine");
    await installShop(other);
    const scopes = shopifyWebhookRequest("/webhooks/app/scopes_update", "app/scopes_update", other, { current: ["read_orders"] });
    const chunked = await sendRaw(server.url, {
      method: "POST",
      path: "/webhooks/app/scopes_update",
      headers: [...scopes.headers],
      body: { bytes: Buffer.from(await scopes.text()) },
    });
    expect(chunked.status).toBe(200);
    expect((await prisma.session.findFirstOrThrow({ where: { shop: other } })).scope).toBe("read_orders");

    expect(await postWebhook(server, shopifyWebhookRequest("/webhooks/app/uninstalled", "app/uninstalled", other, {}))).toBe(200);
    expect(await prisma.session.count({ where: { shop: other } })).toBe(0);

    const login = await fetch(`${server.url}/auth/login`, {
      method: "POST",
      body: new URLSearchParams({ shop: "not a shop" }),
      headers: { "user-agent": BROWSER },
    });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("Enter a valid shop domain");
  });

  it("keeps the Wakilni endpoint's own limit", async () => {
    const answer = await sendRaw(server.url, {
      method: "POST",
      path: wakilniWebhookPath(endpointKey),
      headers: [["content-type", "application/json"]],
      body: { declaredLength: MAX_BODY_BYTES + 1, totalBytes: MAX_BODY_BYTES + 1 },
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain(`at most ${MAX_BODY_BYTES} bytes`);
  });

  it("answers 408 and closes a connection whose headers take longer than HTTP_HEADERS_TIMEOUT_MS", async () => {
    const answer = await sendRaw(server.url, {
      method: "GET",
      path: "/",
      headers: Array.from({ length: 40 }, (_, index): [string, string] => [`x-slow-${index}`, "y"]),
      trickleHeaders: { bytes: 4, pauseMs: 250 },
      waitForServerClose: true,
    });
    expect(answer.status).toBe(408);
    expect(answer.closedByServer).toBe(true);
  });

  it("answers 408 and closes a connection whose body takes longer than HTTP_REQUEST_TIMEOUT_MS", async () => {
    const socket = await new Promise<Socket>((resolve) => {
      const opened: Socket = connect(Number(new URL(server.url).port), "127.0.0.1", () => resolve(opened));
    });
    let received = "";
    socket.on("data", (chunk) => (received += chunk));
    socket.on("error", () => undefined);
    const closed = new Promise((resolve) => socket.once("close", resolve));
    socket.write(`POST /auth/login HTTP/1.1\r\nhost: edge\r\ncontent-length: 1000\r\n\r\n`);
    const trickle = setInterval(() => socket.write("s"), 200);
    await closed;
    clearInterval(trickle);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("tells keep-alive clients the configured idle timeout", async () => {
    const response = await fetch(`${server.url}/nowhere`);
    expect(response.headers.get("keep-alive")).toBe("timeout=3");
    await response.arrayBuffer();
  });
});

describe("hundreds of slow clients", () => {
  let server: AppServer;
  let endpointKey: string;

  beforeAll(async () => {
    ensureBuild();
    const shop = uniqueShop("slow");
    ({ endpointKey } = await ensureShop(shop));
    await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
    server = await startAppServer({
      port: await freePort(),
      adminApiOrigin: "http://127.0.0.1:9",
      // Timeouts longer than the test: only the connection cap can make room.
      env: {
        WORKER_ENABLED: "false",
        HTTP_MAX_CONNECTIONS: "100",
        HTTP_HEADERS_TIMEOUT_MS: "60000",
        HTTP_REQUEST_TIMEOUT_MS: "60000",
        METRICS_TOKEN: METRICS_TOKEN,
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("do not keep genuine webhooks out, even three times as many as the connection cap", async () => {
    const port = Number(new URL(server.url).port);
    const slow: Socket[] = [];
    let closedByServer = 0;
    for (let index = 0; index < 300; index += 1) {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => undefined);
      socket.once("close", () => (closedByServer += 1));
      socket.write(`POST ${wakilniWebhookPath(endpointKey)} HTTP/1.1\r\nhost: slow\r\n`);
      slow.push(socket);
    }
    await Promise.all(slow.map((socket) => new Promise((resolve) => socket.once("connect", resolve).once("close", resolve))));
    const trickle = setInterval(() => slow.forEach((socket) => socket.writable && socket.write(`x-slow-${randomUUID()}: 1\r\n`)), 500);
    try {
      // The server accepts connections in order: by the time it answers these, it has taken in
      // every slow one too, and made room for each by closing the idlest.
      const answers = [];
      for (let index = 0; index < 20; index += 1) answers.push(await sendWakilniEvent(server, endpointKey));
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      const stored = await prisma.inboxEvent.count({ where: { eventId: { in: answers.map((answer) => answer.eventId) } } });
      expect(stored).toBe(20);
      for (let waited = 0; closedByServer < 200 && waited < 15_000; waited += 50) await sleep(50);
      expect(closedByServer).toBeGreaterThanOrEqual(200);
      expect(slow.filter((socket) => !socket.destroyed).length).toBeLessThanOrEqual(100);
      // An operator sees the shedding: every connection the server closed is counted, by what it did.
      const metrics = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      const shed = [...metrics.matchAll(/^wakilni_http_connections_shed_total\{action="(\w+)"\} (\d+)$/gm)];
      expect(shed.map(([, action]) => action).every((action) => ["displaced", "refused", "reset"].includes(action))).toBe(true);
      expect(shed.reduce((sum, [, , count]) => sum + Number(count), 0)).toBeGreaterThanOrEqual(200);
    } finally {
      clearInterval(trickle);
      slow.forEach((socket) => socket.destroy());
    }
    expect(server.child.exitCode).toBeNull();
  });
});

describe("clean errors", () => {
  let server: AppServer;

  beforeAll(async () => {
    ensureBuild();
    server = await startAppServer({ port: await freePort(), adminApiOrigin: "http://127.0.0.1:9", env: { WORKER_ENABLED: "false" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers a page that does not exist with a plain 404 page, and does not log it as an error", async () => {
    const page = await fetch(`${server.url}/no-such-page`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain("There is no page at this address.");
    expect(html).not.toMatch(/Unhandled Thrown Response|\bat \S+ \(/);
    for (const url of ["/no-such-page?_data=root", "/app/no-such-page/../../nothing"]) {
      const response = await fetch(`${server.url}${url}`);
      expect(response.status).toBe(404);
      await response.arrayBuffer();
    }
    expect(server.output()).not.toMatch(/No route matches|Error|\n\s+at /);
  });

  it("answers 403, not a 500 with a stack trace, to a valid session token for a shop the app cannot get access to", async () => {
    const stranger = uniqueShop("stranger");
    const idToken = signSessionToken({ shop: stranger, apiKey: API_KEY, apiSecret: API_SECRET_KEY });
    const query = new URLSearchParams({ embedded: "1", shop: stranger, host: adminHost(stranger), id_token: idToken });
    const page = await fetch(`${server.url}/app?${query}`, { headers: { "user-agent": BROWSER } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("did not give this app access");
    const data = await fetch(`${server.url}/app?_data=routes%2Fapp`, {
      headers: { "user-agent": BROWSER, authorization: `Bearer ${idToken}` },
    });
    expect(data.status).toBe(403);
    await data.arrayBuffer();
    expect(server.output()).not.toMatch(/Error|\n\s+at /);
    expect(await prisma.session.count({ where: { shop: stranger } })).toBe(0);
  });
});
