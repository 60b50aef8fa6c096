// The worker thread as tests start it: what inbox-worker.mjs does with the build, done with the
// app's TypeScript through tsx (a worker thread does not inherit vitest's or tsx's loaders).
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runInboxWorkerThread } = await import("../../app/server-runtime.server.ts");
runInboxWorkerThread(parentPort);
