// `npm run demo` as a child process in its own folder and process group, for end-to-end tests:
// started, waited for until it prints its `demo-ready` line, and stopped like a terminal's Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../sandbox/app-server";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export interface DemoReady {
  appUrl: string;
  adminUrl: string;
  shop: string;
  webhookUrl: string;
  webhookSecret: string;
  adminOrigin: string;
  /** The Wakilni API emulator the demo's app calls (its /_emulator/* endpoints control it). */
  wakilniApiOrigin: string;
  orders: string[];
  /** Every installed shop, the first being the one in the fields above (`--shops N`). */
  shops: { shop: string; webhookUrl: string; webhookSecret: string; orders: string[] }[];
}

export interface RunningDemo {
  ready: DemoReady;
  dir: string;
  /** Only what npm and the demo need: the test runner's own database and keys must not leak in. */
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  output(): string;
  until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Kills what is left and removes the demo's folder. */
  dispose(): void;
}

/** What the demo prints when its --port was taken between freePort() and its own listen. */
const PORT_TAKEN = "is in use (pick another with --port)";

/**
 * `args`: more of the demo's own options, such as `--simulate`. The port is picked free but the
 * demo listens on it only after starting its emulators, so another server (the demo's own or a
 * parallel test's) can take it meanwhile: then the demo is started again on another port.
 */
export async function startDemo(label: string, args: readonly string[] = []): Promise<RunningDemo> {
  for (let attempt = 1; ; attempt += 1) {
    const demo = await startDemoOnce(label, args);
    if (demo !== "port taken") return demo;
    if (attempt === 3) throw new Error(`the demo found its port taken ${attempt} times`);
  }
}

async function startDemoOnce(label: string, args: readonly string[]): Promise<RunningDemo | "port taken"> {
  const dir = path.join(projectRoot, ".cache", `${label}-${randomUUID().slice(0, 8)}`);
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, WAKILNI_DEMO_DIR: dir };
  let output = "";
  const child = spawn("npm", ["run", "demo", "--", "--port", String(await freePort()), ...args], {
    cwd: projectRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- demo output ---\n${output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const line = await until(
    "demo-ready",
    async () => (output.includes(PORT_TAKEN) ? PORT_TAKEN : output.split("\n").find((candidate) => candidate.startsWith("demo-ready "))),
    120_000,
  );
  if (line === PORT_TAKEN) {
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once("exit", resolve) : resolve(null)));
    rmSync(dir, { recursive: true, force: true });
    return "port taken";
  }
  return {
    ready: JSON.parse(line.slice("demo-ready ".length)) as DemoReady,
    dir,
    env,
    process: child,
    output: () => output,
    until,
    dispose() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
