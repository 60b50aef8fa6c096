// The worker thread server.mjs starts (app/server-runtime.server.ts): it loads the same build and
// applies stored Wakilni events to Shopify off the HTTP event loop, until told to stop.
import { parentPort } from "node:worker_threads";
import { loadServerBuild } from "./scripts/server-build.mjs";

const build = await loadServerBuild();
build.entry.module.runInboxWorkerThread(parentPort);
