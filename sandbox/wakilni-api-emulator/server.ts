// The Wakilni API emulator as an HTTP server on loopback: the key/secret exchange for a bearer
// token, a profile, and order look-ups by Wakilni order id and by waybill, in the shapes
// docs/decisions/020 assumes; per-account rate limits (429 + Retry-After) and injected faults in
// front. `/_emulator/*` control endpoints let a demo or a test in another process add accounts
// and orders, advance statuses, inject faults and read stats.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { WakilniFaults, type WakilniFaultRates, type WakilniFaultKind } from "./faults";
import { WakilniApiStats, type WakilniRoute } from "./stats";
import {
  WakilniApiStore,
  type AccountRecord,
  type AdvanceInput,
  type CreateAccountInput,
  type CreateOrderInput,
  type OrderRecord,
  type OrderReference,
  type StatusEntry,
} from "./store";

export interface WakilniApiEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The clock for status times and rate limits; defaults to Date.now. */
  now?: () => number;
  /** Seed of the fault RNG, so rate-based faults replay identically. */
  seed?: number;
  accounts?: CreateAccountInput[];
}

export interface WakilniApiEmulator {
  origin: string;
  store: WakilniApiStore;
  faults: WakilniFaults;
  stats: WakilniApiStats;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, { message: "Request body too large" });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const body: unknown = text === "" ? {} : JSON.parse(text);
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, { message: "The body must be a JSON object" });
}

function route(method: string | undefined, pathname: string): { route: WakilniRoute; orderId?: string } {
  if (method !== "GET") return { route: "unknown" };
  if (pathname === "/api/v2/third_party/auth_token") return { route: "authToken" };
  if (pathname === "/api/v2/clients/profile") return { route: "profile" };
  if (pathname === "/api/v2/clients/orders/status") return { route: "orderByWaybill" };
  const byId = /^\/api\/v2\/clients\/orders\/([^/]+)$/.exec(pathname);
  return byId ? { route: "orderById", orderId: decodeURIComponent(byId[1]) } : { route: "unknown" };
}

function statusJson(entry: StatusEntry, timeField: "updated_at" | "created_at") {
  return { status_code: entry.code, status: entry.name, [timeField]: entry.at, driver: entry.driver };
}

function orderJson(order: OrderRecord, origin: string) {
  const current = order.history.at(-1)!;
  return {
    order_id: order.wakilniOrderId,
    waybill: order.waybill,
    tracking_id: order.trackingId,
    tracking_url: order.trackingUrl === undefined ? `${origin}/tracking/${order.trackingId}` : order.trackingUrl,
    ...statusJson(current, "updated_at"),
    status_history: order.history.map((entry) => statusJson(entry, "created_at")),
  };
}

/** What `missingFields` leaves of a good answer: an order keeps only its id, anything else nothing. */
function withoutFields(body: Record<string, unknown>): Record<string, unknown> {
  const data = body.data as Record<string, unknown> | undefined;
  return data && "order_id" in data ? { data: { order_id: data.order_id } } : {};
}

function orderReference(body: Record<string, unknown>): OrderReference {
  if (typeof body.waybill === "string") return { waybill: body.waybill };
  if (typeof body.wakilniOrderId === "number") return { wakilniOrderId: body.wakilniOrderId };
  throw new HttpError(400, { error: "name the order by waybill (string) or wakilniOrderId (number)" });
}

export async function startWakilniApiEmulator(options: WakilniApiEmulatorOptions = {}): Promise<WakilniApiEmulator> {
  const store = new WakilniApiStore(options.now);
  for (const account of options.accounts ?? []) store.createAccount(account);
  const faults = new WakilniFaults(options.seed);
  const stats = new WakilniApiStats();
  const closing = new AbortController();
  let origin = "";

  const UNAUTHENTICATED = new HttpError(401, { message: "Unauthenticated." });

  function spend(account: AccountRecord): void {
    stats.accountRequest(account.id);
    if (account.bucket.tryTake(1)) return;
    stats.rateLimited(account.id);
    const { restoreRate } = account.bucket.status();
    throw new HttpError(429, { message: "Too Many Attempts." }, { "Retry-After": String(Math.max(1, Math.ceil(1 / restoreRate))) });
  }

  function bearerAccount(req: IncomingMessage): AccountRecord {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const account = match ? store.accountForBearer(match[1]) : null;
    if (!account) {
      stats.unauthorized();
      throw UNAUTHENTICATED;
    }
    spend(account);
    return account;
  }

  function lookedUp(order: OrderRecord | null): Record<string, unknown> {
    if (order) return { data: orderJson(order, origin) };
    stats.notFound();
    throw new HttpError(404, { message: "Order not found." });
  }

  /** The answer a healthy Wakilni gives; throws HttpError for its error answers. */
  function answer(req: IncomingMessage, url: URL, target: { route: WakilniRoute; orderId?: string }): Record<string, unknown> {
    switch (target.route) {
      case "authToken": {
        const key = url.searchParams.get("key");
        const secret = url.searchParams.get("secret");
        if (!key || !secret) throw new HttpError(422, { message: "The key and secret fields are required." });
        const exchanged = store.exchange(key, secret);
        if (!exchanged) {
          stats.unauthorized();
          throw UNAUTHENTICATED;
        }
        spend(exchanged.account);
        return { token: exchanged.token };
      }
      case "profile": {
        const account = bearerAccount(req);
        return { data: { id: account.id, ...(account.name === null ? {} : { name: account.name }) } };
      }
      case "orderByWaybill": {
        const account = bearerAccount(req);
        const waybill = url.searchParams.get("waybill");
        if (!waybill) throw new HttpError(422, { message: "The waybill field is required." });
        return lookedUp(store.findOrder(account.id, { waybill }));
      }
      case "orderById": {
        const account = bearerAccount(req);
        const id = Number(target.orderId);
        return lookedUp(Number.isSafeInteger(id) ? store.findOrder(account.id, { wakilniOrderId: id }) : null);
      }
      case "unknown":
        throw new HttpError(404, { message: "Not Found" });
    }
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const target = route(req.method, url.pathname);
    stats.request(target.route);
    const fault: WakilniFaultKind | null = faults.next();
    if (fault) stats.fault();
    switch (fault) {
      case "http500":
        res.writeHead(500, { "Content-Type": "text/html" });
        res.end("<!doctype html><title>Server Error</title><h1>500 | Server Error</h1>");
        return;
      case "http503":
        return send(res, 503, { message: "Service Unavailable" }, { "Retry-After": "5" });
      case "http401":
        return send(res, 401, { message: "Unauthenticated." });
      case "malformed":
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end('{"data": {"order_id": 12, "waybill": "#10');
        return;
      case "timeout":
        // Never answered; the socket dies when the client gives up or the emulator closes.
        return;
      case "slow":
        try {
          await delay(faults.slowMs, undefined, { signal: closing.signal });
        } catch {
          return;
        }
        break;
    }
    const body = answer(req, url, target);
    send(res, 200, fault === "missingFields" ? withoutFields(body) : body);
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const request = `${req.method} ${url.pathname}`;
    switch (request) {
      case "POST /_emulator/accounts": {
        const { id, name } = store.createAccount((await readJson(req)) as unknown as CreateAccountInput);
        return send(res, 201, { id, name });
      }
      case "POST /_emulator/accounts/revoke": {
        const { account } = await readJson(req);
        return send(res, 200, { revoked: store.revokeBearers(String(account)) });
      }
      case "GET /_emulator/orders":
        return send(
          res,
          200,
          store.ordersOf(url.searchParams.get("account") ?? "").map((order) => orderJson(order, origin)),
        );
      case "POST /_emulator/orders":
        return send(res, 201, orderJson(store.createOrder((await readJson(req)) as unknown as CreateOrderInput), origin));
      case "POST /_emulator/orders/advance": {
        const body = await readJson(req);
        const order = store.advance(String(body.account), orderReference(body), body as unknown as AdvanceInput);
        return send(res, 200, orderJson(order, origin));
      }
      case "GET /_emulator/faults":
        return send(res, 200, faults.snapshot());
      case "POST /_emulator/faults": {
        const body = (await readJson(req)) as { reset?: boolean; rates?: WakilniFaultRates; script?: (WakilniFaultKind | "ok")[] };
        if (body.reset) faults.reset();
        if (body.rates) faults.setRates(body.rates);
        if (body.script) faults.script(body.script);
        return send(res, 200, faults.snapshot());
      }
      case "GET /_emulator/stats":
        return send(res, 200, stats.snapshot());
      case "POST /_emulator/stats/reset":
        stats.reset();
        return send(res, 200, stats.snapshot());
    }
    throw new HttpError(404, { error: `no route ${request}` });
  }

  /** A stand-in for Wakilni's tracking page, so the tracking URLs the emulator gives lead somewhere. */
  function trackingPage(res: ServerResponse, trackingId: string): void {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Tracking ${trackingId.replace(/[^\w-]/g, "")}</title><p>Wakilni tracking (emulated)</p>`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    try {
      if (url.pathname.startsWith("/_emulator/")) return await control(req, res, url);
      if (req.method === "GET" && url.pathname.startsWith("/tracking/")) return trackingPage(res, url.pathname.slice("/tracking/".length));
      return await api(req, res, url);
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof HttpError) return send(res, error.status, error.body, error.headers);
      // Seeding mistakes (unknown account, duplicate waybill…) are the caller's, so they come back as 400.
      const message = (error as Error).message;
      send(res, message.startsWith("emulator:") ? 400 : 500, { error: message });
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
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
