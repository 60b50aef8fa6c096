// What an attacker holding the database's files would read: for tests proving that a secret or a
// redacted name is not stored readable. SQLite keeps recent writes in its WAL, so the WAL and any
// rollback journal are read along with the main file.
import { existsSync, readFileSync } from "node:fs";
import { env } from "../../app/env.server";

/** The SQLite database's bytes on disk (main file, WAL, journal) as latin1 text; null on PostgreSQL. */
export function sqliteFileText(): string | null {
  if (env.DATABASE_ENGINE !== "sqlite") return null;
  const file = env.DATABASE_URL.replace(/^file:/, "");
  return [file, `${file}-wal`, `${file}-journal`]
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString("latin1"))
    .join("\n");
}
