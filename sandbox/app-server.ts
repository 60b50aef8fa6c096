// The production build of the app as a child process, the way it runs in production
// (`node server.mjs`), with its Admin API calls routed to the Shopify Admin emulator by a
// preloaded dispatcher. For tests that need real HTTP, real signals and real crashes.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(path.join(dir, entry.name)) : statSync(path.join(dir, entry.name)).mtimeMs,
    ),
  );
}

/** Builds the app unless build/ is newer than every file in app/. */
export function ensureBuild(): void {
  let built = 0;
  try {
    built = statSync(path.join(root, "build/index.js")).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newestSource(path.join(root, "app"))) {
    // NODE_ENV decides the JSX runtime compiled in; the server runs in production.
    execFileSync("npx", ["remix", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startAppServer(options: {
  port: number;
  adminApiOrigin: string;
  env?: Record<string, string>;
  /** Benchmarks on a loaded machine may wait longer for the server to listen. */
  startTimeoutMs?: number;
}): Promise<AppServer> {
  let output = "";
  const child = spawn(process.execPath, ["--import", "./sandbox/admin-api-preload.mjs", "server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      ADMIN_API_ORIGIN: options.adminApiOrigin,
      WORKER_ENABLED: "true",
      // The "listening on" line is read below; a test process runs with LOG_LEVEL=silent.
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  // A minute by default: on a loaded machine (tests in parallel on two cores) loading the build alone has taken over 20 s.
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!output.includes("listening on")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the app server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
