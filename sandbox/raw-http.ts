// HTTP/1.1 written by hand on a TCP socket, for what a well-behaved client never does: declare a
// body far larger than it sends, stream one without end, trickle its headers a few bytes at a
// time. Used by the fuzzer and the tests that attack the app's HTTP edge.
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface RawRequest {
  method: string;
  path: string;
  headers: [string, string][];
  /** Header bytes in pieces of `bytes`, `pauseMs` apart, like a slow (or slowloris) client. */
  trickleHeaders?: { bytes: number; pauseMs: number };
  /**
   * A body of `totalBytes` (the given bytes, else spaces), sent in pieces as fast as the socket
   * takes them until the server answers or closes. `declaredLength` is sent as Content-Length
   * (it may lie); without it the body is chunked.
   */
  body?: { bytes?: Buffer; totalBytes?: number; declaredLength?: number };
}

export interface RawResponse {
  /** null when the connection ended before a status line arrived. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Body bytes the socket accepted before the answer, the close or the end of the body. */
  bodyBytesSent: number;
  /** The server closed the connection (rather than this client after a complete answer). */
  closedByServer: boolean;
  /** Milliseconds from the last byte sent to the complete answer (or the close). */
  answeredAfterMs: number;
}

const PIECE_BYTES = 64 * 1024;
/** How long a connection is left for the server to close before this client gives up on it. */
const SERVER_CLOSE_WAIT_MS = 15_000;

interface Parsed {
  status: number;
  headers: Record<string, string>;
  body: string;
  complete: boolean;
}

function parseResponse(received: Buffer): Parsed | null {
  const end = received.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...lines] = received.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = received.subarray(end + 4);
  let complete: boolean;
  if (headers["transfer-encoding"]?.includes("chunked")) complete = rest.toString("latin1").endsWith("0\r\n\r\n");
  else complete = rest.length >= Number(headers["content-length"] ?? 0);
  return { status: Number(statusLine.split(" ")[1]), headers, body: rest.toString("utf8"), complete };
}

async function write(socket: Socket, data: Buffer | string): Promise<void> {
  if (socket.destroyed) return;
  if (!socket.write(data)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        socket.off("drain", done);
        socket.off("close", done);
        resolve();
      };
      socket.on("drain", done);
      socket.on("close", done);
    });
  }
}

export async function sendRaw(origin: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  let received = Buffer.alloc(0);
  let parsed: Parsed | null = null;
  let closedByUs = false;
  let lastSentAt = performance.now();
  let answeredAt = 0;
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  // A reset after the answer is the server closing an upload it refused: nothing to report.
  socket.on("error", () => undefined);
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    parsed = parseResponse(received);
    if (parsed?.complete && !answeredAt) {
      answeredAt = performance.now();
      // An answer that says it closes the connection is left to do so; a kept-alive one is ended here.
      if (parsed.headers.connection?.toLowerCase() === "close") return;
      closedByUs = true;
      socket.end();
    }
  });
  const answered = () => received.length > 0 || socket.destroyed;
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });

  const { body } = request;
  const bodyHeaders: [string, string][] = !body
    ? []
    : body.declaredLength !== undefined
      ? [["content-length", String(body.declaredLength)]]
      : [["transfer-encoding", "chunked"]];
  const head = Buffer.from(
    `${request.method} ${request.path} HTTP/1.1\r\n` +
      [["host", `${hostname}:${port}`], ...request.headers, ...bodyHeaders].map(([name, value]) => `${name}: ${value}\r\n`).join("") +
      "\r\n",
    "latin1",
  );
  if (request.trickleHeaders) {
    for (let offset = 0; offset < head.length && !answered(); offset += request.trickleHeaders.bytes) {
      await write(socket, head.subarray(offset, offset + request.trickleHeaders.bytes));
      if (offset + request.trickleHeaders.bytes < head.length) await sleep(request.trickleHeaders.pauseMs);
    }
  } else {
    await write(socket, head);
  }

  let bodyBytesSent = 0;
  if (body) {
    const total = body.bytes?.length ?? body.totalBytes ?? 0;
    const filler = Buffer.alloc(PIECE_BYTES, 0x20);
    // Stops as soon as anything comes back: writing on after the server's answer and close would
    // only get this socket reset before the answer is read.
    while (bodyBytesSent < total && !answered()) {
      const size = Math.min(PIECE_BYTES, total - bodyBytesSent);
      const piece = body.bytes ? body.bytes.subarray(bodyBytesSent, bodyBytesSent + size) : filler.subarray(0, size);
      await write(
        socket,
        body.declaredLength !== undefined ? piece : Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), piece, Buffer.from("\r\n")]),
      );
      bodyBytesSent += size;
      // Lets the answer, if any, be read before the next piece goes out.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (body.declaredLength === undefined && !answered()) await write(socket, "0\r\n\r\n");
  }
  lastSentAt = performance.now();
  const waitForClose = setTimeout(() => {
    closedByUs = true;
    socket.destroy();
  }, SERVER_CLOSE_WAIT_MS);
  await closed;
  clearTimeout(waitForClose);
  const answer = parsed as Parsed | null;
  return {
    status: answer?.status ?? null,
    headers: answer?.headers ?? {},
    body: answer?.body ?? "",
    bodyBytesSent,
    closedByServer: !closedByUs,
    answeredAfterMs: Math.max(0, (answeredAt || performance.now()) - lastSentAt),
  };
}
