// Remix's server entry: renders documents as a stream, waiting for the whole page for bots, and
// adds Shopify's headers (CSP frame-ancestors and friends) to every document.
// It also serves server.mjs, which reads the build's `entry.module` for what runs outside Remix:
// `serverRuntime` (the worker it starts and stops) and `answerWakilniWebhookFromNode` (the Wakilni
// webhook, answered before Express); and scripts/wakilni-operator.mjs, which runs
// `operatorCommandLine` (the operator's command line) from the build with plain node. The build
// bundles app/ into one module, so exporting them here is how those scripts share the app's
// modules (and database client) instead of loading their own.
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";

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
          console.error(error);
        },
      },
    );
    setTimeout(abort, STREAM_TIMEOUT_MS + 1000);
  });
}
export { serverRuntime } from "./server-runtime.server";
export { answerWakilniWebhookFromNode } from "./inbox/wakilni-webhook-node.server";
export { operatorCommandLine } from "./operator/operator-cli.server";
