import { describe, expect, it } from "vitest";

const valid = {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com/",
  DATABASE_URL: "postgres://db.example.com/app",
  SECRETS_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString("base64")}, k1:${Buffer.alloc(32, 1).toString("base64")}`,
};

async function parse(source: Record<string, string | undefined>) {
  const { parseEnv } = await import("./env.server");
  return parseEnv(source);
}

function problemsOf(source: Record<string, string | undefined>) {
  return parse(source).then(
    () => [],
    (error: { problems: { variable: string; message: string }[] }) => error.problems,
  );
}

describe("parseEnv", () => {
  it("accepts a complete production environment and applies defaults", async () => {
    const env = await parse(valid);
    expect(env.SHOPIFY_APP_URL).toBe("https://app.example.com");
    expect(env.DATABASE_ENGINE).toBe("postgres");
    expect(env.SECRETS_ENCRYPTION_KEYS.map((key) => key.id)).toEqual(["k2", "k1"]);
    expect(env.WORKER_CONCURRENCY).toBe(4);
    expect(env.WORKER_ENABLED).toBe(true);
    expect(env.WAKILNI_EVENT_MAX_AGE_DAYS).toBe(30);
    expect([env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS, env.HTTP_KEEP_ALIVE_TIMEOUT_MS, env.HTTP_MAX_CONNECTIONS]).toEqual([
      10_000, 30_000, 5_000, 500,
    ]);
  });

  it("logs at info and serves no /metrics unless told otherwise", async () => {
    const env = await parse(valid);
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect((await parse({ ...valid, METRICS_TOKEN: "" })).METRICS_TOKEN).toBeUndefined();
    expect(await parse({ ...valid, LOG_LEVEL: "warn", METRICS_TOKEN: "a".repeat(16) })).toMatchObject({
      LOG_LEVEL: "warn",
      METRICS_TOKEN: "a".repeat(16),
    });
  });

  it("defaults to the embedded SQLite database outside production", async () => {
    const env = await parse({ ...valid, NODE_ENV: "development", DATABASE_URL: undefined });
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.sqlite");
    expect(env.DATABASE_ENGINE).toBe("sqlite");
  });

  it("names every missing variable at once", async () => {
    const problems = await problemsOf({ NODE_ENV: "production" });
    expect(problems.map((problem) => problem.variable)).toEqual([
      "SHOPIFY_API_KEY",
      "SHOPIFY_API_SECRET",
      "SHOPIFY_APP_URL",
      "DATABASE_URL",
      "SECRETS_ENCRYPTION_KEYS",
    ]);
  });

  it.each([
    ["SHOPIFY_APP_URL", "not a url", /must be a URL/],
    ["DATABASE_URL", "mysql://db/app", /must start with file: \(SQLite\) or postgres:\/\//],
    ["SECRETS_ENCRYPTION_KEYS", "k1:c2hvcnQ=", /must be 32 bytes/],
    ["SECRETS_ENCRYPTION_KEYS", "nokeyid", /must look like keyId:base64Key/],
    ["LOG_LEVEL", "verbose", /must be one of fatal, error, warn, info, debug, trace, silent/],
    ["METRICS_TOKEN", "short", /must be at least 16 characters/],
    ["SECRETS_ENCRYPTION_KEYS", `a:${Buffer.alloc(32).toString("base64")},a:${Buffer.alloc(32).toString("base64")}`, /appears twice/],
    ["WORKER_CONCURRENCY", "many", /must be a number/],
    ["WORKER_CONCURRENCY", "0", /must be positive/],
    ["WORKER_ENABLED", "maybe", /must be true or false/],
    ["WAKILNI_EVENT_MAX_AGE_DAYS", "0", /must be positive/],
    ["NODE_ENV", "staging", /Invalid enum value/],
    ["HTTP_MAX_CONNECTIONS", "0", /must be positive/],
    ["HTTP_KEEP_ALIVE_TIMEOUT_MS", "5s", /must be a number/],
    ["HTTP_HEADERS_TIMEOUT_MS", "40000", /must not be longer than HTTP_REQUEST_TIMEOUT_MS \(30000\)/],
  ])("rejects a malformed %s", async (variable, value, message) => {
    const problems = await problemsOf({ ...valid, [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].variable).toBe(variable);
    expect(problems[0].message).toMatch(message);
  });

  it("formats one line per problem in the error message", async () => {
    await expect(parse({ ...valid, SHOPIFY_API_KEY: "", WORKER_POLL_MS: "-1" })).rejects.toThrow(
      /Invalid environment:\n {2}- SHOPIFY_API_KEY must not be empty\n {2}- WORKER_POLL_MS must be positive/,
    );
  });
});
