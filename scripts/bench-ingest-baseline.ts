// The yardstick for `npm run bench:ingest`: the Wakilni webhook on a bare node:http server,
// with nothing of Remix or Express. It makes the same checks with the app's own modules
// (endpoint key, sealed secrets, signature, payload) and the same durable insert, so the gap
// between it and the real endpoint is what the framework costs. Started by bench-ingest.ts
// with the app's environment plus PORT and HOST; not meant to be run on its own.
import http from "node:http";
import { databaseReady, prisma } from "../app/db.server";
import { env } from "../app/env.server";
import { storeReceivedEvent } from "../app/inbox/inbox-store.server";
import { MAX_BODY_BYTES } from "../app/inbox/receive-wakilni-webhook.server";
import { endpointKeyFromPath } from "../app/inbox/wakilni-webhook-path";
import { findInstalledShopByEndpointKey, webhookSecrets } from "../app/settings/shop-settings.server";
import { parseWakilniEvent } from "../app/wakilni/payload";
import { verifyWakilniSignature } from "../app/wakilni/signature";

function reply(response: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  response.end(JSON.stringify(body));
}

/** The raw bytes, or null once the body passes the endpoint's limit (declared or streamed). */
async function readBody(request: http.IncomingMessage): Promise<Buffer | null> {
  if (Number(request.headers["content-length"]) > MAX_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}

function header(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : null;
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const key = endpointKeyFromPath(request.url ?? "");
  if (request.method !== "POST" || !key) return reply(response, 405, { ok: false, error: "method_not_allowed" });
  const rawBody = await readBody(request);
  if (!rawBody) return reply(response, 413, { ok: false, error: "payload_too_large" });

  await databaseReady;
  const shop = await findInstalledShopByEndpointKey(key);
  if (!shop) return reply(response, 404, { ok: false, error: "unknown_endpoint" });
  const receivedAt = new Date();
  const verified = verifyWakilniSignature(rawBody, header(request, "x-webhook-signature"), webhookSecrets(shop, receivedAt));
  if (!verified.ok) return reply(response, 401, { ok: false, error: verified.reason });
  const parsed = parseWakilniEvent(rawBody, { topicHeader: header(request, "x-webhook-topic"), timeZone: shop.wakilniZone });
  if (!parsed.ok) return reply(response, 400, { ok: false, error: parsed.failure.reason });

  const attempt = Number(request.headers["x-attempt-number"]);
  const stored = await storeReceivedEvent({
    shop: shop.shop,
    event: parsed.event,
    rawBody: rawBody.toString("utf8"),
    wakilniZone: shop.wakilniZone,
    headers: {
      webhookId: header(request, "x-webhook-id"),
      wakilniRequestId: header(request, "x-webhook-delivery-id"),
      attemptNumber: Number.isSafeInteger(attempt) && attempt >= 0 ? attempt : null,
      source: header(request, "x-webhook-source"),
    },
    receivedAt,
  });
  reply(response, 200, { ok: true, status: stored === "stored" ? "accepted" : "duplicate", eventId: parsed.event.eventId });
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error("baseline: request failed", error);
    if (!response.headersSent) reply(response, 503, { ok: false, error: "storage_unavailable" });
  });
});
server.listen(env.PORT, env.HOST, () => console.log(`baseline listening on http://${env.HOST}:${env.PORT}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    void prisma.$disconnect().finally(() => process.exit(0));
  });
}
