// Each test worker gets its own copy of the run's template database, so workers never see
// each other's rows. Runs before every test file; copies once per worker process.
import { copyFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { postgresServerUrl, postgresUrl, testEngine } from "./databases";

if (!process.env.WAKILNI_TEST_DATABASE_READY) {
  const template = inject("templateDatabase");
  const worker = `${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}`;
  if (testEngine === "sqlite") {
    const file = path.join(path.dirname(template), `worker-${worker}.sqlite`);
    copyFileSync(template, file);
    process.env.DATABASE_URL = `file:${file}`;
  } else {
    const database = `${template}_w${worker}`;
    const admin = new pg.Client({ connectionString: postgresServerUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
    await admin.end();
    process.env.DATABASE_URL = postgresUrl(database);
  }
  process.env.WAKILNI_TEST_DATABASE_READY = "1";
}
