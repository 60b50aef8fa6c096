// For scripts that drive the app's own modules in-process (benchmarks, the fuzzer): a fresh,
// migrated SQLite database under .cache/<name> and placeholder credentials, put into
// process.env before any app module is imported (they validate the environment on load).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..");

export function useThrowawayEnvironment(name: string): { databaseUrl: string } {
  const workDir = path.join(projectRoot, ".cache", name);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const databaseUrl = `file:${path.join(workDir, `${name}.sqlite`)}`;
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: name,
    SHOPIFY_API_SECRET: `${name}-secret`,
    SHOPIFY_APP_URL: "http://127.0.0.1:1",
    SECRETS_ENCRYPTION_KEYS: `${name.replace(/[^A-Za-z0-9_-]/g, "")}:${randomBytes(32).toString("base64")}`,
    WORKER_ENABLED: "false",
  });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: projectRoot, env: process.env, stdio: "ignore" });
  return { databaseUrl };
}
