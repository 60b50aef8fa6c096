// The emulator as an HTTP server on loopback: Shopify's Admin GraphQL endpoint and OAuth token
// exchange, behind the same shop resolution and access-token check Shopify applies, with
// injected faults in front; plus `/_emulator/*` control endpoints so a demo or an end-to-end
// run in another process can seed data, inject faults and read state and stats.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { ADMIN_API_VERSION } from "../../app/admin-api-version";
import { answerGraphql } from "./admin-graphql";
import type { BucketOptions } from "./bucket";
import { Faults, type FaultRates, type ScriptedFault } from "./faults";
import { EmulatorStats } from "./stats";
import { EmulatorStore, type CreateOrderInput, type CreateShopInput } from "./store";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The clock for timestamps and the leaky buckets; defaults to Date.now. */
  now?: () => number;
  /** Seed of the fault RNG, so rate-based faults replay identically. */
  seed?: number;
  /** Shopify's single-query limit. */
  maxQueryCost?: number;
  /**
   * Requested cost counts the fields @skip/@include switch off (the batched mutation then costs
   * its every slot), as a Shopify that does not discount them would; the actual cost still only
   * what ran.
   */
  chargeSkippedFields?: boolean;
  /** Bucket size and restore rate for every shop (a shop may override them). */
  throttle?: BucketOptions;
  shops?: CreateShopInput[];
}

export interface ShopifyAdminEmulator {
  origin: string;
  close(): Promise<void>;
  store: EmulatorStore;
  faults: Faults;
  stats: EmulatorStats;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const INVALID_TOKEN = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ONLINE_TOKEN = "urn:shopify:params:oauth:token-type:online-access-token";
const MAX_BODY_BYTES = 10 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === "string" ? body : JSON.stringify(body));
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, { errors: "Request body too large" });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  if (req.headers["content-type"]?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, { errors: "Invalid JSON in request body" });
  }
}

/** `<shop>.myshopify.com` from the Host header, or from x-emulator-shop when the Host is loopback. */
function requestShop(req: IncomingMessage): string | null {
  const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
  const forwarded = req.headers["x-emulator-shop"];
  const shop = LOOPBACK_HOSTS.has(host) ? (Array.isArray(forwarded) ? forwarded[0] : forwarded) : host;
  return shop?.endsWith(".myshopify.com") ? shop.toLowerCase() : null;
}

export async function startShopifyAdminEmulator(options: EmulatorOptions = {}): Promise<ShopifyAdminEmulator> {
  const now = options.now ?? Date.now;
  const store = new EmulatorStore({ now, throttle: options.throttle });
  for (const shop of options.shops ?? []) store.createShop(shop);
  const faults = new Faults(options.seed);
  const stats = new EmulatorStats(store);
  const maxQueryCost = options.maxQueryCost ?? 1000;
  const closing = new AbortController();

  function knownShop(req: IncomingMessage) {
    const domain = requestShop(req);
    const shop = domain ? store.shopData(domain) : undefined;
    if (!domain || !shop) throw new HttpError(404, { errors: "Not Found" });
    return { domain, shop };
  }

  async function graphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { domain, shop } = knownShop(req);
    if (req.headers["x-shopify-access-token"] !== shop.record.accessToken) return send(res, 401, INVALID_TOKEN);
    const body = await readBody(req);
    stats.request(domain);
    const headers = { "X-Shopify-API-Version": ADMIN_API_VERSION, "X-Request-Id": randomUUID() };
    const fault = faults.next();
    if (fault) stats.fault();
    switch (fault) {
      case "http500":
        return send(res, 500, { errors: "Internal Server Error" }, headers);
      case "http503":
        return send(res, 503, { errors: "Service Unavailable" }, headers);
      case "http429":
        return send(
          res,
          429,
          { errors: "Exceeded the rate limit. Reduce request rates to resume uninterrupted service." },
          { ...headers, "Retry-After": "1" },
        );
      case "timeout":
        // Never answered and never executed; the socket dies when the client gives up or we close.
        return;
      case "slow":
        try {
          await delay(faults.slowMs, undefined, { signal: closing.signal });
        } catch {
          return;
        }
        break;
    }
    const answer = answerGraphql(shop, body, {
      maxQueryCost,
      forceThrottle: fault === "throttled",
      chargeSkippedFields: options.chargeSkippedFields,
    });
    stats.answered(domain, answer);
    if (fault === "lostResponse") {
      req.socket.destroy();
      return;
    }
    send(res, answer.status, answer.body, headers);
  }

  async function tokenExchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { shop } = knownShop(req);
    const body = (await readBody(req)) as Record<string, unknown>;
    if (body.grant_type !== TOKEN_EXCHANGE) return send(res, 400, { error: "unsupported_grant_type" });
    if (typeof body.client_id !== "string" || !body.client_id) return send(res, 400, { error: "invalid_client" });
    if (typeof body.subject_token !== "string" || !body.subject_token) return send(res, 400, { error: "invalid_subject_token" });
    const scope = shop.record.scopes.join(",");
    if (body.requested_token_type !== ONLINE_TOKEN) return send(res, 200, { access_token: shop.record.accessToken, scope });
    return send(res, 200, {
      access_token: shop.record.accessToken,
      scope,
      expires_in: 86399,
      associated_user_scope: scope,
      associated_user: {
        id: 1,
        first_name: "Demo",
        last_name: "Merchant",
        email: "merchant@example.com",
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    });
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /_emulator/state": {
        const shop = url.searchParams.get("shop");
        if (!shop || !store.shopData(shop)) throw new HttpError(404, { error: `unknown shop ${shop}` });
        return send(res, 200, store.snapshot(shop));
      }
      case "POST /_emulator/shops": {
        const { accessToken: _secret, ...shop } = store.createShop((await readBody(req)) as CreateShopInput);
        return send(res, 201, shop);
      }
      case "POST /_emulator/orders": {
        const { shop, ...order } = (await readBody(req)) as CreateOrderInput & { shop: string };
        return send(res, 201, store.createOrder(shop, order));
      }
      case "POST /_emulator/release-hold": {
        // What a merchant does in Shopify's admin for an order whose fulfillment was refused on hold.
        const { shop, order } = (await readBody(req)) as { shop: string; order: string };
        store.releaseHold(shop, order);
        return send(res, 200, store.getOrder(shop, order));
      }
      case "GET /_emulator/faults":
        return send(res, 200, faults.snapshot());
      case "POST /_emulator/faults": {
        const body = (await readBody(req)) as { reset?: boolean; rates?: FaultRates; script?: ScriptedFault[] };
        if (body.reset) faults.reset();
        if (body.rates) faults.setRates(body.rates);
        if (body.script) faults.script(body.script);
        return send(res, 200, faults.snapshot());
      }
      case "GET /_emulator/flow-triggers": {
        const shop = url.searchParams.get("shop");
        if (!shop || !store.shopData(shop)) throw new HttpError(404, { error: `unknown shop ${shop}` });
        return send(res, 200, store.flowTriggers(shop));
      }
      case "GET /_emulator/stats":
        return send(res, 200, stats.snapshot());
    }
    throw new HttpError(404, { error: `no route ${route}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    try {
      if (req.method === "POST" && /^\/admin\/api\/[^/]+\/graphql\.json$/.test(url.pathname)) return await graphql(req, res);
      if (req.method === "POST" && url.pathname === "/admin/oauth/access_token") return await tokenExchange(req, res);
      if (url.pathname.startsWith("/_emulator/")) return await control(req, res, url);
      throw new HttpError(404, { errors: "Not Found" });
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof HttpError) return send(res, error.status, error.body);
      // Seeding mistakes (unknown shop, bad quantity…) are the caller's, so they come back as 400.
      const message = (error as Error).message;
      send(res, message.startsWith("emulator:") ? 400 : 500, { error: message });
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    store,
    faults,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
