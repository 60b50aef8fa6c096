// The Wakilni webhook straight from Node's HTTP server, ahead of Express and Remix: the same
// receiveWakilniWebhook, without building a Fetch Request and Response per delivery (about a
// third of the endpoint's CPU time; docs/decisions/005-webhook-fast-lane.md).
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendAnswer } from "../http/send-answer.server";
import { printableError } from "../log-text";
import { receiveWakilniWebhook } from "./receive-wakilni-webhook.server";

const WEBHOOK_PATH = /^\/webhooks\/wakilni\/([^/?#]+)\/?(?:\?.*)?$/;

function endpointKeyOf(url: string): string | undefined {
  const match = WEBHOOK_PATH.exec(url);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return "";
  }
}

/** Answers the request if it is a Wakilni webhook delivery; false leaves it to the app. */
export function answerWakilniWebhookFromNode(request: IncomingMessage, response: ServerResponse): boolean {
  const endpointKey = endpointKeyOf(request.url ?? "");
  if (endpointKey === undefined) return false;
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : (value ?? null);
  };
  // Not destroyed when reading stops early: the 413 must still reach the sender.
  const body = request.iterator({ destroyOnReturn: false });
  receiveWakilniWebhook({ method: request.method ?? "GET", header, body }, endpointKey, () => new Date()).then(
    (answer) => sendAnswer(request, response, answer),
    (error: unknown) => {
      // A sender that went away mid-body (or was displaced as a slow client) is no server error.
      if (request.destroyed && !request.complete) return void response.destroy();
      console.error("wakilni webhook:", printableError(error));
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ ok: false, error: "internal_error" }));
    },
  );
  return true;
}
