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
  /**
   * After an answer that says `Connection: close`, wait for the server to close the connection
   * (and report whether it did) instead of closing it here.
   */
  waitForServerClose?: boolean;
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
  /** Milliseconds from the last header byte sent to the complete answer (or the close). */
  answeredAfterMs: number;
}

const PIECE_BYTES = 64 * 1024;
/** How long a connection is left for the server to answer or close before this client gives up. */
const GIVE_UP_AFTER_MS = 15_000;

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
  const complete = headers["transfer-encoding"]?.includes("chunked")
    ? rest.toString("latin1").endsWith("0\r\n\r\n")
    : rest.length >= Number(headers["content-length"] ?? 0);
  return { status: Number(statusLine.split(" ")[1]), headers, body: rest.toString("utf8"), complete };
}

async function write(socket: Socket, data: Buffer | string): Promise<void> {
  if (socket.destroyed || socket.write(data)) return;
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

function requestHead(request: RawRequest, host: string): Buffer {
  const { body } = request;
  const bodyHeaders: [string, string][] = !body
    ? []
    : body.declaredLength !== undefined
      ? [["content-length", String(body.declaredLength)]]
      : [["transfer-encoding", "chunked"]];
  const lines = [["host", host], ...request.headers, ...bodyHeaders].map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${lines.join("")}\r\n`, "latin1");
}

export async function sendRaw(origin: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  let received = Buffer.alloc(0);
  let parsed: Parsed | null = null;
  let closedByUs = false;
  let headSentAt = performance.now();
  let answeredAt = 0;
  const closeHere = () => {
    closedByUs = true;
    socket.destroy();
  };
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  // A reset after the answer is the server closing an upload it refused: nothing to report.
  socket.on("error", () => undefined);
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    parsed = parseResponse(received);
    if (!parsed?.complete || answeredAt) return;
    answeredAt = performance.now();
    if (!request.waitForServerClose || parsed.headers.connection?.toLowerCase() !== "close") closeHere();
  });
  // Anything received, or the close, means the server has answered: the upload stops there, as
  // writing on would only get this socket reset before the answer is read.
  const answered = () => received.length > 0 || socket.destroyed;
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });

  const head = requestHead(request, `${hostname}:${port}`);
  const trickle = request.trickleHeaders ?? { bytes: head.length, pauseMs: 0 };
  for (let offset = 0; offset < head.length && !answered(); offset += trickle.bytes) {
    if (offset > 0) await sleep(trickle.pauseMs);
    await write(socket, head.subarray(offset, offset + trickle.bytes));
  }
  headSentAt = performance.now();

  let bodyBytesSent = 0;
  const { body } = request;
  if (body) {
    const total = body.bytes?.length ?? body.totalBytes ?? 0;
    const chunked = body.declaredLength === undefined;
    const filler = Buffer.alloc(PIECE_BYTES, 0x20);
    while (bodyBytesSent < total && !answered()) {
      const size = Math.min(PIECE_BYTES, total - bodyBytesSent);
      const piece = body.bytes ? body.bytes.subarray(bodyBytesSent, bodyBytesSent + size) : filler.subarray(0, size);
      await write(socket, chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), piece, Buffer.from("\r\n")]) : piece);
      bodyBytesSent += size;
      // Lets an answer be read before the next piece goes out.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (chunked && !answered()) await write(socket, "0\r\n\r\n");
  }

  const giveUp = setTimeout(closeHere, GIVE_UP_AFTER_MS);
  await closed;
  clearTimeout(giveUp);
  const answer = parsed as Parsed | null;
  return {
    status: answer?.status ?? null,
    headers: answer?.headers ?? {},
    body: answer?.body ?? "",
    bodyBytesSent,
    closedByServer: !closedByUs,
    answeredAfterMs: Math.max(0, (answeredAt || performance.now()) - headSentAt),
  };
}
