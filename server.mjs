// The app's HTTP server (production, `shopify app dev`, the demo). It imports the Remix build,
// which validates the environment first, seals any Shopify token still stored unsealed, then
// serves assets and pages, starts the background worker that applies Wakilni events (in a worker
// thread, inbox-worker.mjs), and on
// SIGTERM/SIGINT stops taking requests, lets the worker finish its current events and closes
// the database before exiting.
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import { loadServerBuild } from "./scripts/server-build.mjs";

const build = await loadServerBuild();

const { serverRuntime, createAppHttpServer, logger } = build.entry.module;
const app = express();
app.disable("x-powered-by");
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: build.mode }));

await serverRuntime.prepare();

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
// Wakilni's webhooks are answered before Express and Remix (decision 005); every other body is
// read within its route's limit before Express sees it; timeouts and a connection cap guard
// against slow clients (app/http/app-http-server.server.ts, docs/security.md).
const server = createAppHttpServer(app);
// A deep accept queue: a burst of connections waits in the kernel instead of being dropped.
server.listen({ port, host, backlog: 4096 }, () => {
  const address = server.address();
  logger.info(`Wakilni Delivery Sync listening on http://${host}:${address.port}`);
  serverRuntime.start(new URL("./inbox-worker.mjs", import.meta.url));
  if (build.mode === "development") broadcastDevReady(build);
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: finishing current work, then exiting`);
  server.close();
  server.closeIdleConnections?.();
  await serverRuntime.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
