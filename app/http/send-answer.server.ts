// Sends an answer on Node's HTTP server, including one given before the request's body was read
// (a 413). Closing a connection whose sender is still uploading makes the kernel reset it, and a
// reset can destroy the answer before the sender reads it: the sender (or a proxy in front of the
// app) then sees a broken connection instead of the 413. So such an answer goes out at once and
// the connection stays open a moment longer, reading and dropping what is still arriving, until
// the sender has stopped (or for a bounded time and size); only then is it closed.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The sender has stopped once nothing arrived for this long (a round trip or two). */
const LINGER_IDLE_MS = 250;
/** A sender that does not stop is cut off after this long or this much, reset or not. */
const LINGER_MAX_MS = 2000;
const LINGER_MAX_BYTES = 1024 * 1024;

export function sendAnswer(request: IncomingMessage, response: ServerResponse, answer: HttpAnswer): void {
  const body = Buffer.from(answer.body);
  response.writeHead(answer.status, { ...answer.headers, "Content-Length": String(body.byteLength) });
  if (request.complete || request.destroyed) return void response.end(body);

  response.write(body);
  let dropped = 0;
  let idle: NodeJS.Timeout | undefined;
  const close = () => {
    clearTimeout(idle);
    clearTimeout(deadline);
    request.off("data", drop);
    if (!response.writableEnded) response.end();
  };
  const deadline = setTimeout(close, LINGER_MAX_MS);
  const waitForSilence = () => {
    clearTimeout(idle);
    idle = setTimeout(close, LINGER_IDLE_MS);
  };
  const drop = (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > LINGER_MAX_BYTES) close();
    else waitForSilence();
  };
  request.on("data", drop);
  request.once("end", close);
  request.once("close", close);
  request.resume();
  waitForSilence();
}
