// Remix's server entry: renders documents as a stream, waiting for the whole page for bots, and
// adds Shopify's headers (CSP frame-ancestors and friends) to every document.
// It also serves server.mjs, which reads the build's `entry.module` for what runs outside Remix:
// `serverRuntime` (the token sealing before serving, the worker thread it starts and stops),
// `runInboxWorkerThread` (what that thread runs, from inbox-worker.mjs) and
// `createAppHttpServer` (the Node server: the Wakilni webhook answered before Express, every other
// body bounded per route, timeouts and a connection cap); and scripts/wakilni-operator.mjs, which
// runs `operatorCommandLine` (the operator's command line) from the build with plain node; and
// `logger`, the app's one logger (app/logging/logger.server.ts), for server.mjs's own lines. The
// build bundles app/ into one module, so exporting them here is how those scripts share the app's
// modules (and database client) instead of loading their own.
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { logger } from "./logging/logger.server";

const STREAM_TIMEOUT_MS = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={STREAM_TIMEOUT_MS} />,
      {
        [waitForAll]() {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          logger.error({ err: error }, "could not render the page");
        },
      },
    );
    setTimeout(abort, STREAM_TIMEOUT_MS + 1000);
  });
}
// Remix reports here what went wrong while answering. A URL that matches no route (404) or a
// method a route does not take (405) is the client's mistake, and a request its client abandoned
// needs no answer: neither is a server error. What is logged may quote the request, so it is
// made printable first.
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (!isRouteErrorResponse(error)) return void logger.error({ err: error }, "request failed");
  if (error.status < 500) return;
  // Remix's own error responses carry the error behind them, privately.
  logger.error({ err: (error as { error?: unknown }).error ?? `${error.status} ${error.statusText}` }, "request failed");
};

export { serverRuntime, runInboxWorkerThread } from "./server-runtime.server";
export { logger } from "./logging/logger.server";
export { createAppHttpServer } from "./http/app-http-server.server";
export { operatorCommandLine } from "./operator/operator-cli.server";
