// The Wakilni webhook straight from Node's HTTP server, ahead of Express and Remix, without
// building a Fetch Request and Response per request (about a third of the endpoint's CPU time;
// docs/decisions/005-webhook-fast-lane.md). It is the only way in: every way the app runs
// (`npm start`, `shopify app dev`, the demo) is server.mjs, so a Remix route for the same URL
// would answer nothing, and would be a second adapter to test and a second spelling of the path.
// Each delivery's answer is one log line and one count (app/logging/): its outcome, status and time.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendAnswer } from "../http/send-answer.server";
import { logger } from "../logging/logger.server";
import { observe } from "../logging/metrics.server";
import { receiveWakilniWebhook, type WebhookOutcome } from "./receive-wakilni-webhook.server";
import { endpointKeyFromPath } from "./wakilni-webhook-path";

/** The delivery's one line (its shop, event and waybill come from the log context the receiver filled in) and its count. */
function reportDelivery(outcome: WebhookOutcome | "internal_error", status: number, startedAt: number): void {
  const seconds = (performance.now() - startedAt) / 1000;
  observe({ kind: "webhook", outcome, seconds });
  const line = { outcome, status, ms: Math.round(seconds * 10_000) / 10 };
  if (outcome === "accepted" || outcome === "duplicate") logger.info(line, "wakilni webhook accepted");
  else logger.warn(line, "wakilni webhook refused");
}

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
  const startedAt = performance.now();
  receiveWakilniWebhook({ method: request.method ?? "GET", header, body }, endpointKey, () => new Date()).then(
    (answer) => {
      sendAnswer(request, response, answer);
      reportDelivery(answer.outcome, answer.status, startedAt);
    },
    (error: unknown) => {
      // A sender that went away mid-body (or was displaced as a slow client) is no server error.
      if (request.destroyed && !request.complete) return void response.destroy();
      logger.error({ err: error }, "wakilni webhook failed");
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ ok: false, error: "internal_error" }));
      reportDelivery("internal_error", 500, startedAt);
    },
  );
  return true;
}
