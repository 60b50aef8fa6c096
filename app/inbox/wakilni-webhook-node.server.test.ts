// The adapter production runs (server.mjs, decision 005), over real HTTP on loopback: a
// node:http server that hands each request to answerWakilniWebhookFromNode first, as server.mjs
// does, and marks what it passes on. It must take exactly the Delivery URLs, answer them
// through the receiver, and close the connection after a 413 it did not read to the end.
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { ensureShop, saveWakilniCredentials } from "../settings/shop-settings.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { specPayload, wakilniHeaders } from "../../sandbox/wakilni-sender";
import { MAX_BODY_BYTES } from "./receive-wakilni-webhook.server";
import { answerWakilniWebhookFromNode } from "./wakilni-webhook-node.server";
import { wakilniWebhookPath, wakilniWebhookUrl } from "./wakilni-webhook-path";

const SECRET = "wakilni-webhook-secret-node";
const PASSED_ON = 418;
let server: Server;
let origin: string;
let port: number;
let shop: string;
let key: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (answerWakilniWebhookFromNode(request, response)) return;
    response.writeHead(PASSED_ON, { "Content-Type": "text/plain" });
    response.end(`passed on: ${request.method} ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  shop = uniqueShop("node");
  key = (await ensureShop(shop)).endpointKey;
  await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
});

async function postSigned(url: string, payload = specPayload({ topic: "completed" })) {
  const body = JSON.stringify(payload);
  const response = await fetch(url, { method: "POST", body, headers: wakilniHeaders(body, SECRET, String(payload.event)) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * Writes raw bytes on a fresh connection and resolves with everything the server sent once it
 * closes the connection: a test that expects a close fails by timing out if none comes.
 */
function untilClosed(head: string, body: (write: (chunk: Buffer) => boolean) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (data: string) => (received += data));
    // Writing into a connection the server has just closed may fail; the answer is what counts.
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    socket.on("close", () => resolve(received));
    socket.write(head);
    body((chunk) => socket.write(chunk));
  });
}

describe("answerWakilniWebhookFromNode", () => {
  it("answers a signed delivery on the shop's Delivery URL through the receiver, and it is stored", async () => {
    const payload = specPayload({ topic: "assigned", driver: { name: "علي", phone: "+961 3 1" } });
    const answer = await postSigned(wakilniWebhookUrl(origin, key), payload);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(answer.text)).toEqual({ ok: true, status: "accepted", eventId: payload.event_id });
    expect(await prisma.inboxEvent.findFirst({ where: { shop } })).toMatchObject({
      eventId: payload.event_id,
      rawBody: JSON.stringify(payload),
      webhookId: "17",
      attemptNumber: 1,
    });
  });

  it("takes the Delivery URL with a trailing slash or a query string", async () => {
    expect((await postSigned(`${wakilniWebhookUrl(origin, key)}/`)).status).toBe(200);
    expect((await postSigned(`${wakilniWebhookUrl(origin, key)}?source=wakilni`)).status).toBe(200);
    expect(await prisma.inboxEvent.count({ where: { shop } })).toBe(2);
  });

  it("answers the receiver's refusals itself: 405 for a GET, 404 for an unknown or undecodable key, 401 for a bad signature", async () => {
    const get = await fetch(wakilniWebhookUrl(origin, key));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await postSigned(wakilniWebhookUrl(origin, "no-such-key"))).status).toBe(404);
    expect((await postSigned(`${origin}/webhooks/wakilni/%E0%A4%A`)).status).toBe(404);
    const body = JSON.stringify(specPayload({ topic: "completed" }));
    const misSigned = await fetch(wakilniWebhookUrl(origin, key), {
      method: "POST",
      body,
      headers: wakilniHeaders(body, "another-secret", "Order Completed"),
    });
    expect(misSigned.status).toBe(401);
    expect(await misSigned.json()).toMatchObject({ error: "signature_mismatch" });
  });

  it.each([
    "/",
    "/app",
    "/auth/login",
    "/webhooks/app/uninstalled",
    "/webhooks/wakilni",
    "/webhooks/wakilni/",
    "/webhooks/wakilni/key/extra",
  ])("passes %s on to the rest of the app", async (path) => {
    const response = await fetch(`${origin}${path}`, { method: "POST", body: "{}" });
    expect(response.status).toBe(PASSED_ON);
    expect(await response.text()).toBe(`passed on: POST ${path}`);
  });

  it("answers 413 to a body declared too large without waiting for it, and closes the connection", async () => {
    const head =
      `POST ${wakilniWebhookPath(key)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${MAX_BODY_BYTES * 40}\r\n\r\n`;
    // Only a first slice of the announced body is ever sent: the answer cannot come from reading it all.
    const received = await untilClosed(head, (write) => write(Buffer.alloc(1024, 0x20)));
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain("connection: close");
    expect(received).toContain('"error":"payload_too_large"');
  });

  it("answers 413 to a streamed body once it passes the limit, and closes the connection", async () => {
    const head = `POST ${wakilniWebhookPath(key)} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    // Six chunks pass the limit; the body is never ended, so only a 413 can close the connection.
    const received = await untilClosed(head, (write) => {
      for (let sent = 0; sent < 6; sent += 1)
        write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]));
    });
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain("connection: close");
    expect(await prisma.inboxEvent.count({ where: { shop } })).toBe(0);
  });
});
