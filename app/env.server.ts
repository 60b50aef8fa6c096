// Every environment variable the server reads, checked once at start-up with zod, so a
// misconfigured deploy stops immediately with a message naming each bad variable instead of
// failing later on a merchant's request.
import { z } from "zod";
import { databaseEngine } from "../prisma/database-engine.js";

const DEFAULT_SCOPES =
  "read_orders,write_orders,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders,write_fulfillments";

const positiveInt = (fallback: number) =>
  z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number").positive("must be positive").default(fallback);

/** `keyId:base64Key` pairs, comma-separated; the first one encrypts, all of them decrypt. */
const encryptionKeys = z
  .string({ required_error: "is required (generate a key with `openssl rand -base64 32` and set it as `k1:<key>`)" })
  .transform((value, ctx) => {
    const keys: { id: string; key: Buffer }[] = [];
    for (const entry of value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)) {
      const separator = entry.indexOf(":");
      const id = entry.slice(0, separator);
      const key = Buffer.from(entry.slice(separator + 1), "base64");
      if (separator < 1 || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `entry "${id || entry.slice(0, 8)}…" must look like keyId:base64Key` });
        return z.NEVER;
      }
      if (key.length !== 32) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `key "${id}" must be 32 bytes of base64 (got ${key.length})` });
        return z.NEVER;
      }
      if (keys.some((existing) => existing.id === id)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `key id "${id}" appears twice` });
        return z.NEVER;
      }
      keys.push({ id, key });
    }
    if (keys.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "needs at least one keyId:base64Key entry" });
      return z.NEVER;
    }
    return keys;
  });

function databaseUrl(isProduction: boolean) {
  const url = isProduction
    ? z.string({ required_error: "is required in production (file:… for SQLite or postgres://… for PostgreSQL)" })
    : z.string().default("file:./prisma/dev.sqlite");
  return url.superRefine((value, ctx) => {
    try {
      databaseEngine(value);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message.replace(/^DATABASE_URL /, "") });
    }
  });
}

const envSchema = (isProduction: boolean) =>
  z
    .object({
      NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
      SHOPIFY_API_KEY: z.string({ required_error: "is required (the app's client id)" }).min(1, "must not be empty"),
      SHOPIFY_API_SECRET: z.string({ required_error: "is required (the app's client secret)" }).min(1, "must not be empty"),
      SHOPIFY_APP_URL: z
        .string({ required_error: "is required (the public https URL of this app)" })
        .url("must be a URL")
        .transform((url) => url.replace(/\/+$/, "")),
      SCOPES: z.string().min(1).default(DEFAULT_SCOPES),
      SHOP_CUSTOM_DOMAIN: z.string().optional(),
      DATABASE_URL: databaseUrl(isProduction),
      SECRETS_ENCRYPTION_KEYS: encryptionKeys,
      PORT: positiveInt(3000),
      HOST: z.string().default("0.0.0.0"),
      WORKER_ENABLED: z
        .enum(["true", "false", "1", "0"], { errorMap: () => ({ message: "must be true or false" }) })
        .default("true")
        .transform((value) => value === "true" || value === "1"),
      // The worker runs in a worker thread, off the HTTP event loop (decision 014); false keeps it in the main thread.
      WORKER_THREAD: z
        .enum(["true", "false", "1", "0"], { errorMap: () => ({ message: "must be true or false" }) })
        .default("true")
        .transform((value) => value === "true" || value === "1"),
      WORKER_CONCURRENCY: positiveInt(4),
      WORKER_MAX_ATTEMPTS: positiveInt(10),
      WORKER_LEASE_SECONDS: positiveInt(60),
      WORKER_POLL_MS: positiveInt(500),
      // How often the reconciliation job looks for silent deliveries (docs/decisions/021); the demo shortens it.
      RECONCILE_INTERVAL_SECONDS: positiveInt(60),
      // Wakilni events older than this are refused: the replay window (docs/security.md).
      WAKILNI_EVENT_MAX_AGE_DAYS: positiveInt(30),
      // Applied events keep their raw body and transitions this long (app/inbox/history-pruner.ts).
      INBOX_RETENTION_DAYS: positiveInt(30),
      // The HTTP server's limits: docs/security.md says why each default is what it is.
      HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
      HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
      HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000),
      HTTP_MAX_CONNECTIONS: positiveInt(500),
      // Wakilni deliveries worked on at once; past it a newcomer gets 503 + Retry-After unread (decision 014).
      WEBHOOK_MAX_IN_PROGRESS: positiveInt(1000),
      // app/logging/logger.server.ts: JSON lines on stdout at this level and above.
      LOG_LEVEL: z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
          errorMap: () => ({ message: "must be one of fatal, error, warn, info, debug, trace, silent" }),
        })
        .default("info"),
      // The bearer token GET /metrics asks for (app/logging/metrics-endpoint.server.ts); unset, there is no /metrics.
      // Empty counts as unset: compose.yaml passes `${METRICS_TOKEN:-}` through as "".
      METRICS_TOKEN: z.preprocess(
        (value) => (value === "" ? undefined : value),
        z.string().min(16, "must be at least 16 characters (generate one with `openssl rand -hex 24`)").optional(),
      ),
      // Sends every region's Wakilni API calls here instead of Wakilni's host (the demo's and tests' emulator).
      WAKILNI_API_BASE_URL: z.string().url("must be a URL").optional(),
      // A Wakilni API call (body included) is abandoned after this long: the connection check waits for it.
      WAKILNI_API_TIMEOUT_MS: positiveInt(10_000),
    })
    .superRefine((raw, ctx) => {
      // Node refuses to start a server whose headers may take longer than the whole request.
      if (raw.HTTP_HEADERS_TIMEOUT_MS > raw.HTTP_REQUEST_TIMEOUT_MS) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["HTTP_HEADERS_TIMEOUT_MS"],
          message: `must not be longer than HTTP_REQUEST_TIMEOUT_MS (${raw.HTTP_REQUEST_TIMEOUT_MS})`,
        });
      }
    })
    .transform((raw) => ({ ...raw, DATABASE_ENGINE: databaseEngine(raw.DATABASE_URL) }));

export type Env = z.output<ReturnType<typeof envSchema>>;

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super("Invalid environment:\n" + problems.map((problem) => `  - ${problem.variable} ${problem.message}`).join("\n"));
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema(source.NODE_ENV === "production").safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      message: issue.message,
    })),
  );
}

export const env = parseEnv(process.env);
