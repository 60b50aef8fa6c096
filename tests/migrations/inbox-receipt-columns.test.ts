// The migration that renamed the inbox's HTTP-"delivery" columns (deliveryCount → receiptCount,
// deliveryId → wakilniRequestId) must keep what is stored in them: `prisma migrate diff` writes a
// rename as drop-and-add, which would silently reset every receipt count. Applies the committed
// migrations of the run's engine one by one to an empty database, with an event stored before
// the rename, and reads it back after the last one.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresServerUrl, postgresUrl, testEngine } from "../setup/databases";

const root = path.resolve(import.meta.dirname, "../..");
const folder = path.join(root, testEngine === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations");
// Prisma applies them in the order of their timestamped folder names.
const migrations = readdirSync(folder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => readFileSync(path.join(folder, name, "migration.sql"), "utf8"));
const renaming = migrations.findIndex((sql) => sql.includes("receiptCount"));

const insertBeforeRename = `
  INSERT INTO "InboxEvent" ("shop", "eventId", "topicName", "waybill", "wakilniOrderId", "occurredAtText", "occurredAt",
    "timestampText", "wakilniZone", "rawBody", "receivedAt", "lastReceivedAt", "state", "nextAttemptAt", "deliveryCount", "deliveryId")
  VALUES ('shop.myshopify.com', 'e-1', 'Order Assigned', 'WK-1', '5001', '2026-11-28 10:00:00', '2026-11-28 10:00:00',
    '2026-11-28 10:00:00', 'UTC', '{}', '2026-11-28 10:00:00', '2026-11-28 10:05:00', 'applied', '2026-11-28 10:00:00', 3, 'dlv-1')`;
const readAfter = `SELECT "receiptCount", "wakilniRequestId" FROM "InboxEvent" WHERE "eventId" = 'e-1'`;

async function onEmptyDatabase(run: (execute: (sql: string) => Promise<unknown[]>) => Promise<void>): Promise<void> {
  if (testEngine === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "wakilni-migrations-"));
    const db = new Sqlite(path.join(dir, "migrations.sqlite"));
    try {
      await run(async (sql) => (sql.trimStart().startsWith("SELECT") ? db.prepare(sql).all() : (db.exec(sql), [])));
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const name = `wakilni_migrations_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const client = new pg.Client({ connectionString: postgresUrl(name) });
  try {
    await client.connect();
    await run(async (sql) => (await client.query(sql)).rows);
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

describe(`the ${testEngine} migrations`, () => {
  it("rename the inbox's receipt columns without losing what they hold", async () => {
    expect(renaming).toBeGreaterThan(0);
    await onEmptyDatabase(async (execute) => {
      for (const sql of migrations.slice(0, renaming)) await execute(sql);
      await execute(insertBeforeRename);
      for (const sql of migrations.slice(renaming)) await execute(sql);
      expect(await execute(readAfter)).toEqual([{ receiptCount: 3, wakilniRequestId: "dlv-1" }]);
    });
  });
});
