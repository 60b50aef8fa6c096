// Names and URLs of the test databases, shared by the global and per-worker set-up.
import path from "node:path";

export const testEngine: "sqlite" | "postgres" = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

export const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const sqliteDir = path.resolve(import.meta.dirname, "../../.cache/test-db");

export function postgresUrl(database: string): string {
  const url = new URL(postgresServerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
