// The container files are checked here because this machine has no Docker daemon (CI builds the
// image only where one runs): every app service in compose.yaml must start with an environment the
// app's own start-up check accepts, exactly one service applies events, and the image migrates
// before it serves.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseEnv } from "../../app/env.server";
import { projectRoot } from "../helpers/demo";

interface ComposeService {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
}

const compose = parse(readFileSync(path.join(projectRoot, "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const appServices = Object.entries(compose.services).filter(([, service]) => service.build === ".");

// What an operator's .env provides, in the forms compose substitutes.
const operatorEnv: Record<string, string> = {
  POSTGRES_PASSWORD: "pw",
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://wakilni.example.com",
  SECRETS_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
};

function substitute(value: string): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, fallback?: string) => {
    if (name in operatorEnv) return operatorEnv[name];
    if (kind === "-") return fallback ?? "";
    throw new Error(`compose.yaml needs ${name} and the test's operator env has none`);
  });
}

describe("compose.yaml", () => {
  it("has two web instances and one worker-only instance of the app, beside PostgreSQL", () => {
    expect(compose.services.postgres?.image).toMatch(/^postgres:/);
    const workers = appServices.filter(([, service]) => service.environment?.WORKER_ENABLED === "true");
    const web = appServices.filter(([, service]) => service.environment?.WORKER_ENABLED === "false");
    expect(workers.map(([name]) => name)).toEqual(["worker"]);
    expect(web).toHaveLength(2);
    expect(web.every(([, service]) => (service.ports ?? []).length > 0)).toBe(true);
    expect(workers[0][1].ports).toBeUndefined();
  });

  it.each(appServices.map(([name, service]) => [name, service] as const))(
    "gives %s an environment the app accepts in production",
    (_, service) => {
      const environment = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([name, value]) => [name, substitute(String(value))]),
      );
      const env = parseEnv(environment);
      expect(env.NODE_ENV).toBe("production");
      expect(env.DATABASE_ENGINE).toBe("postgres");
    },
  );
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(path.join(projectRoot, "Dockerfile"), "utf8");

  it("runs Node 22 as an unprivileged user with production dependencies only", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain("npm ci --omit=dev");
  });

  it("applies migrations before it serves", () => {
    expect(dockerfile).toMatch(/^CMD .*npm run setup && exec node server\.mjs/m);
  });
});
