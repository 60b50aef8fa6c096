// Sends an answer on Node's HTTP server, including one given before the request's body was read
// (a 413). Closing a connection whose sender is still uploading makes the kernel reset it, and a
// reset can destroy the answer before the sender reads it: the sender (or a proxy in front of the
// app) then sees a broken connection instead of the 413. So such an answer goes out at once and
// the connection stays open a moment longer, reading and dropping what is still arriving, until
// the sender has stopped (or for a bounded time); only then is it closed.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

export interface HttpAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string | Uint8Array;
}

/** The sender has stopped once nothing arrived for this long (a round trip or two). */
const LINGER_IDLE_MS = 250;
/**
 * A sender that does not stop is cut off after this long, reset or not. No cap on bytes: what is
 * still in flight when the answer leaves (several MB of socket buffers on a fast link, more behind
 * a proxy) must be read, or the close resets the connection before the answer is read.
 */
const LINGER_MAX_MS = 2000;

export function sendAnswer(request: IncomingMessage, response: ServerResponse, answer: HttpAnswer): void {
  const body = typeof answer.body === "string" ? Buffer.from(answer.body) : answer.body;
  for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) response.setHeader(name, value);
  // Set after the given headers (case-insensitively replacing any): the answer is complete as written.
  response.setHeader("Content-Length", body.byteLength);
  response.writeHead(answer.status);
  if (request.complete || request.destroyed) return void response.end(body);

  response.write(body);
  let idle: NodeJS.Timeout | undefined;
  const close = () => {
    clearTimeout(idle);
    clearTimeout(deadline);
    request.off("data", waitForSilence);
    if (!response.writableEnded) response.end();
  };
  const deadline = setTimeout(close, LINGER_MAX_MS);
  const waitForSilence = () => {
    clearTimeout(idle);
    idle = setTimeout(close, LINGER_IDLE_MS);
  };
  // Each piece that arrives is dropped (nobody keeps it) and restarts the wait for silence.
  request.on("data", waitForSilence);
  request.once("end", close);
  request.once("close", close);
  request.resume();
  waitForSilence();
}
