// The Wakilni webhook straight from Node's HTTP server, ahead of Express and Remix, without
// building a Fetch Request and Response per request (about a third of the endpoint's CPU time;
// docs/decisions/005-webhook-fast-lane.md). It is the only way in: every way the app runs
// (`npm start`, `shopify app dev`, the demo) is server.mjs, so a Remix route for the same URL
// would answer nothing, and would be a second adapter to test and a second spelling of the path.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendAnswer } from "../http/send-answer.server";
import { printableError } from "../log-text";
import { receiveWakilniWebhook } from "./receive-wakilni-webhook.server";
import { endpointKeyFromPath } from "./wakilni-webhook-path";

/** Answers the request if it is a Wakilni webhook; false leaves it to the app. */
export function answerWakilniWebhookFromNode(request: IncomingMessage, response: ServerResponse): boolean {
  const endpointKey = endpointKeyFromPath(request.url ?? "");
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
