// The app's HTTP server, as server.mjs runs it: Node's http.Server with its timeouts chosen
// rather than inherited, a cap on open connections that displaces idle ones (connection-roster),
// Wakilni's webhooks, the health probes and /metrics answered ahead of everything (decision 005), and every other request's body
// read here, within its route's limit (body-limits), before Express and Remix see the request.
// A body over the limit is answered 413 from its declared length or as soon as the streamed bytes
// pass it, and is never buffered. docs/security.md lists the limits and why. Every request gets an
// id (a load balancer's X-Request-Id when it is a plain token), on every line it logs and in its answer.
import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { env } from "../env.server";
import { answerWakilniWebhookFromNode } from "../inbox/wakilni-webhook-node.server";
import { answerHealthFromNode } from "./health.server";
import { answerMetricsFromNode } from "../logging/metrics-endpoint.server";
import { logger, withLogContext } from "../logging/logger.server";
import { observe, type ShedAction } from "../logging/metrics.server";
import { BodyTooLargeError, readLimitedBody } from "../inbox/read-limited-body";
import { bodyLimitFor } from "./body-limits";
import { ConnectionRoster, type ConnectionActivity } from "./connection-roster";
import { sendAnswer } from "./send-answer.server";

/** Node checks the header and request timeouts this often; its default, 30 s, lets a 10 s timeout run to 40 s. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

function carriesBody(request: IncomingMessage): boolean {
  return request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? 0) > 0;
}

function refuseTooLarge(request: IncomingMessage, response: ServerResponse, limit: number): void {
  sendAnswer(request, response, {
    status: 413,
    // The rest of the upload is never read, so the connection cannot carry another request.
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" },
    body: `The request body must be at most ${limit} bytes.\n`,
  });
}

/**
 * What Express and Remix get instead of the request: a message on the same connection with the
 * same method, target and headers, whose body has already arrived in full (and says its length).
 */
function withReceivedBody(original: IncomingMessage, body: Uint8Array): IncomingMessage {
  const received = new IncomingMessage(original.socket as Socket);
  const { "transfer-encoding": _streamed, ...headers } = original.headers;
  received.method = original.method;
  received.url = original.url;
  received.httpVersion = original.httpVersion;
  received.httpVersionMajor = original.httpVersionMajor;
  received.httpVersionMinor = original.httpVersionMinor;
  received.headers = { ...headers, "content-length": String(body.byteLength) };
  received.complete = true;
  received.push(body);
  received.push(null);
  return received;
}

function answerWithBoundedBody(request: IncomingMessage, response: ServerResponse, app: RequestListener): void {
  if (!carriesBody(request)) return void app(request, response);
  const limit = bodyLimitFor(request.url ?? "/").bytes;
  // Not destroyed when reading stops early: the 413 must still reach the sender.
  const body = request.iterator({ destroyOnReturn: false });
  readLimitedBody(request.headers["content-length"] ?? null, body, limit).then(
    (received) => app(withReceivedBody(request, received), response),
    (error: unknown) => {
      if (error instanceof BodyTooLargeError) return refuseTooLarge(request, response, limit);
      // The sender closed the connection before its body was complete: nobody to answer.
      response.destroy();
    },
  );
}

/** Connections over the cap answered 503 rather than reset, per connection the cap allows. */
const OVER_CAPACITY_FACTOR = 4;

/** How long a connection over the cap may take to send its request before it is closed unanswered. */
const OVER_CAPACITY_GRACE_MS = 1000;

/** Wakilni retries a 503; a connection over the cap is told when, rather than reset. */
const OVER_CAPACITY_RETRY_AFTER_SECONDS = "5";

function refuseOverCapacity(request: IncomingMessage, response: ServerResponse): void {
  sendAnswer(request, response, {
    status: 503,
    // Its body is not read; the connection closes once the sender has stopped sending.
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      "Retry-After": OVER_CAPACITY_RETRY_AFTER_SECONDS,
      Connection: "close",
    },
    body: JSON.stringify({ ok: false, error: "overloaded", message: "too many connections at once; please retry" }),
  });
}

/** How often, at most, shedding is logged: a burst sheds thousands of connections, and one line says it. */
const SHED_LOG_INTERVAL_MS = 10_000;

/** Counts each shed connection in the metrics, and logs the counts once per SHED_LOG_INTERVAL_MS while shedding goes on. */
function shedReporter(): (action: ShedAction) => void {
  let tally: Partial<Record<ShedAction, number>> | undefined;
  return (action) => {
    observe({ kind: "shed", action });
    if (!tally) {
      tally = {};
      setTimeout(() => {
        logger.warn({ shed: tally, maxConnections: env.HTTP_MAX_CONNECTIONS }, "over the connection cap: connections shed");
        tally = undefined;
      }, SHED_LOG_INTERVAL_MS).unref();
    }
    tally[action] = (tally[action] ?? 0) + 1;
  };
}

/**
 * Keeps the open connections within the cap, and tells the roster what each one is doing. A
 * newcomer that finds no connection to displace is not reset: its request is answered 503 with
 * Retry-After and the connection closed (up to OVER_CAPACITY_FACTOR × `capacity` of them; past
 * that, reset). A connection from which nothing was read yet is "arriving" (in a burst, the
 * server has not reached it) and is never displaced; Node's headers timeout bounds its wait.
 * Returns whether a connection is one of those.
 */
function capConnections(server: Server, capacity: number, shed: (action: ShedAction) => void): (socket: Socket) => boolean {
  const requestOf = new WeakMap<Socket, IncomingMessage>();
  const overCapacity = new WeakSet<Socket>();
  let overCapacityOpen = 0;
  const activityOf = (socket: Socket): ConnectionActivity => {
    const request = requestOf.get(socket);
    if (!request) return socket.bytesRead === 0 ? "arriving" : "waiting";
    return request.complete ? "working" : "receiving";
  };
  const roster = new ConnectionRoster<Socket>(capacity, activityOf);
  server.on("connection", (socket: Socket) => {
    socket.once("close", () => roster.remove(socket));
    const displaced = roster.admit(socket);
    if (displaced !== socket) {
      if (!displaced) return;
      shed("displaced");
      return void displaced.destroy();
    }
    if (overCapacityOpen >= OVER_CAPACITY_FACTOR * capacity) {
      shed("reset");
      return void socket.destroy();
    }
    shed("refused");
    overCapacity.add(socket);
    overCapacityOpen += 1;
    // Its 503 goes out as soon as its request arrives; one that sends no whole request soon (a
    // slow client) is cut off, so the connections over the cap never pile up.
    const cutOff = setTimeout(() => socket.destroy(), OVER_CAPACITY_GRACE_MS);
    socket.once("close", () => {
      overCapacityOpen -= 1;
      clearTimeout(cutOff);
    });
  });
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket as Socket;
    requestOf.set(socket, request);
    roster.touch(socket);
    response.once("close", () => {
      if (requestOf.get(socket) === request) requestOf.delete(socket);
      roster.touch(socket);
    });
  });
  return (socket) => overCapacity.has(socket);
}

/** A proxy's request id is kept when it is a plain token; anything else could forge log text, so it is replaced. */
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

function requestIdOf(request: IncomingMessage): string {
  const forwarded = request.headers["x-request-id"];
  return typeof forwarded === "string" && FORWARDED_REQUEST_ID.test(forwarded) ? forwarded : randomUUID();
}

/** The server for `app` (Express with Remix); server.mjs only makes it listen. */
export function createAppHttpServer(app: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    (request, response) => {
      const requestId = requestIdOf(request);
      response.setHeader("X-Request-Id", requestId);
      withLogContext({ requestId }, () => {
        if (isOverCapacity(request.socket as Socket)) return refuseOverCapacity(request, response);
        if (answerWakilniWebhookFromNode(request, response) || answerHealthFromNode(request, response)) return;
        if (answerMetricsFromNode(request, response)) return;
        answerWithBoundedBody(request, response, app);
      });
    },
  );
  const isOverCapacity = capConnections(server, env.HTTP_MAX_CONNECTIONS, shedReporter());
  return server;
}
