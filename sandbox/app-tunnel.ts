// The demo's stand-in for the tunnel `shopify app dev` puts in front of the app: the app's
// public URL, forwarding every request to the production server on an internal port. Like
// Shopify's own set-up, it is outside the app, and it adapts two things only the real admin
// would not need:
// - the app's CSP allows Shopify's admin origins as frame ancestors; the local admin frame is
//   added to that list, or the browser would refuse to show the app in it;
// - documents load App Bridge from Shopify's CDN, unreachable offline; its URL is replaced
//   with the admin frame's stand-in (see admin-frame.ts), in HTML and in the preload Link header.
// Everything else the app answers is passed through as it is, including a 413 the app sends
// before it has read an oversized upload.
import {
  Agent,
  type ClientRequest,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { sendAnswer } from "../app/http/send-answer.server";

export const APP_BRIDGE_CDN_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

export interface AppTunnelOptions {
  port: number;
  /** Where the app's server listens, e.g. http://127.0.0.1:43123. */
  target: string;
  adminFrameOrigin: string;
  appBridgeUrl: string;
}

export interface AppTunnel {
  origin: string;
  close(): Promise<void>;
}

function adaptHeaders(headers: IncomingHttpHeaders, options: AppTunnelOptions): IncomingHttpHeaders {
  const adapted = { ...headers };
  const csp = adapted["content-security-policy"];
  if (typeof csp === "string")
    adapted["content-security-policy"] = csp.replace("frame-ancestors", `frame-ancestors ${options.adminFrameOrigin}`);
  if (typeof adapted.link === "string") adapted.link = adapted.link.replace(APP_BRIDGE_CDN_URL, options.appBridgeUrl);
  return adapted;
}

export async function startAppTunnel(options: AppTunnelOptions): Promise<AppTunnel> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });

  /**
   * An answer given before the client's whole upload arrived (the app refusing an oversized
   * body): the rest of the upload is no longer forwarded, and the answer reaches the client the
   * way the app sent it, before the connection is closed (sendAnswer).
   */
  function relayEarlyAnswer(req: IncomingMessage, res: ServerResponse, upstream: ClientRequest, answer: IncomingMessage): void {
    req.unpipe(upstream);
    const chunks: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
    answer.on("error", () => res.destroy());
    answer.on("end", () => {
      upstream.destroy();
      const { "transfer-encoding": _streamed, ...headers } = adaptHeaders(answer.headers, options);
      sendAnswer(req, res, { status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
    });
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    let answered = false;
    // The Host header stays the public one, so the app builds its URLs from SHOPIFY_APP_URL's host.
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        answered = true;
        if (!req.complete) return relayEarlyAnswer(req, res, upstream, answer);
        const headers = adaptHeaders(answer.headers, options);
        answer.on("error", () => res.destroy());
        if (!String(headers["content-type"]).startsWith("text/html")) {
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const html = Buffer.from(Buffer.concat(chunks).toString("utf8").replaceAll(APP_BRIDGE_CDN_URL, options.appBridgeUrl));
          delete headers["transfer-encoding"];
          res.writeHead(answer.statusCode ?? 502, { ...headers, "content-length": String(html.length) });
          res.end(html);
        });
      },
    );
    upstream.on("error", (error) => {
      // Once the app has answered, the answer's own stream says whether it arrived whole; the
      // request side failing then (the app closing an upload it refused) is no news.
      if (answered) return;
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { "Content-Type": "text/plain" });
      res.end(`the app's server is not answering: ${error.message}`);
    });
    req.pipe(upstream);
  }

  const server = createServer(forward);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
