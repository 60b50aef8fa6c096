// Once per test run: a freshly migrated template database (a SQLite file, or a PostgreSQL
// database named after the run), removed again when the run ends.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { postgresServerUrl, postgresUrl, sqliteDir, testEngine } from "./databases";

function migrate(databaseUrl: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  if (testEngine === "sqlite") {
    // One folder per run: several runs (a developer's and a CI's) may share the checkout.
    const runDir = path.join(sqliteDir, runId);
    mkdirSync(runDir, { recursive: true });
    const template = path.join(runDir, "template.sqlite");
    migrate(`file:${template}`);
    project.provide("templateDatabase", template);
    return () => rmSync(runDir, { recursive: true, force: true });
  }
  const admin = new pg.Client({ connectionString: postgresServerUrl });
  await admin.connect();
  const template = `wakilni_test_${runId}`;
  await admin.query(`CREATE DATABASE "${template}"`);
  migrate(postgresUrl(template));
  project.provide("templateDatabase", template);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${template}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
