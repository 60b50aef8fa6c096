// GET /metrics on Node's server, ahead of Express and Remix like /healthz: the Prometheus text of
// metrics.server.ts's registry (with the inbox gauges), for a scraper holding METRICS_TOKEN as a
// bearer token. The figures name shops and show their traffic, so they are not public: without the
// token the answer is 401, and with METRICS_TOKEN unset there is no /metrics at all (the app's 404).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../env.server";
import { sendAnswer } from "../http/send-answer.server";
import { logger } from "./logger.server";
import { metricsRegistry } from "./metrics.server";
import "./inbox-gauges.server";

export const METRICS_PATH = "/metrics";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Compared as digests of equal length, in constant time: the answer says nothing of how much of a guess was right. */
function bearerTokenMatches(authorization: string | undefined, expected: string): boolean {
  const given = /^Bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/** Answers /metrics and returns true when METRICS_TOKEN is set; leaves every other request alone. */
export function answerMetricsFromNode(request: IncomingMessage, response: ServerResponse): boolean {
  const token = env.METRICS_TOKEN;
  if (!token || (request.url ?? "/").split("?")[0] !== METRICS_PATH) return false;
  if (request.method !== "GET" && request.method !== "HEAD") {
    sendAnswer(request, response, { status: 405, headers: { Allow: "GET, HEAD", "Content-Type": "text/plain" }, body: "Use GET.\n" });
    return true;
  }
  if (!bearerTokenMatches(request.headers.authorization, token)) {
    sendAnswer(request, response, {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Content-Type": "text/plain", "Cache-Control": "no-store" },
      body: "/metrics needs the bearer token set as METRICS_TOKEN.\n",
    });
    return true;
  }
  metricsRegistry.metrics().then(
    (text) =>
      sendAnswer(request, response, {
        status: 200,
        headers: { "Content-Type": metricsRegistry.contentType, "Cache-Control": "no-store" },
        body: request.method === "HEAD" ? "" : text,
      }),
    (error: unknown) => {
      logger.error({ err: error }, "could not collect the metrics");
      sendAnswer(request, response, {
        status: 500,
        headers: { "Content-Type": "text/plain" },
        body: "The metrics could not be collected.\n",
      });
    },
  );
  return true;
}
