// What a running `npm run demo` tells other processes (the operator's command line, tests):
// how to reach its database, its app and its emulator, written to .cache/demo/demo.json. The
// encryption keys are in it because the Wakilni secret is sealed in the database with them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
/** WAKILNI_DEMO_DIR lets a test run its own demo without touching a developer's. */
export const DEMO_DIR = path.resolve(ROOT, process.env.WAKILNI_DEMO_DIR || ".cache/demo");
export const DEMO_STATE_FILE = path.join(DEMO_DIR, "demo.json");

/** The demo app's credentials: public, local-only values. */
export const DEMO_API_KEY = "wakilni-demo-api-key";
export const DEMO_API_SECRET = "wakilni-demo-api-secret";

/** The demo's Wakilni account in the Wakilni API emulator: public, local-only values. */
export const DEMO_WAKILNI_ACCOUNT = {
  id: "demo",
  name: "Beirut Bazaar",
  appToken: "wk-demo-app-token",
  apiKey: "wk-demo-api-key",
  apiSecret: "wk-demo-api-secret",
} as const;

export interface DemoState {
  databaseUrl: string;
  encryptionKeys: string;
  appUrl: string;
  adminUrl: string;
  adminOrigin: string;
  shop: string;
  webhookUrl: string;
  webhookSecret: string;
  apiKey: string;
  apiSecret: string;
  /** The Wakilni API emulator (its /_emulator/* endpoints add orders and advance statuses). */
  wakilniApiOrigin: string;
}

export function writeDemoState(state: DemoState): void {
  mkdirSync(DEMO_DIR, { recursive: true });
  writeFileSync(DEMO_STATE_FILE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function readDemoState(): DemoState | null {
  return existsSync(DEMO_STATE_FILE) ? (JSON.parse(readFileSync(DEMO_STATE_FILE, "utf8")) as DemoState) : null;
}

/**
 * The environment the app's modules validate at import (app/env.server.ts), for a process
 * other than the server that opens the demo's database: it must be in place before the first
 * app module is imported.
 */
export function appEnvironment(
  state: Pick<DemoState, "databaseUrl" | "encryptionKeys" | "appUrl" | "apiKey" | "apiSecret">,
): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: state.databaseUrl,
    SECRETS_ENCRYPTION_KEYS: state.encryptionKeys,
    SHOPIFY_APP_URL: state.appUrl,
    SHOPIFY_API_KEY: state.apiKey,
    SHOPIFY_API_SECRET: state.apiSecret,
  };
}
