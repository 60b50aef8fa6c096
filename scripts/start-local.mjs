// Runs the production build on this machine with the embedded SQLite database and throwaway
// local credentials: the quickest way to see the server, its webhook endpoint and its worker
// start. Pages inside the Shopify admin need a store (`npm run dev`).
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";

const env = {
  NODE_ENV: "production",
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/local.sqlite",
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "local-development",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "local-development-secret",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
  // A fixed, public key: fine for a local database of test credentials, never for a real one.
  SECRETS_ENCRYPTION_KEYS:
    process.env.SECRETS_ENCRYPTION_KEYS ?? `local:${createHash("sha256").update("wakilni-local-development").digest("base64")}`,
  ...process.env,
};
const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env });

run("npx", ["prisma", "migrate", "deploy"]);
if (!existsSync("build/index.js")) run("npx", ["remix", "build"]);
const server = spawn(process.execPath, ["server.mjs"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
