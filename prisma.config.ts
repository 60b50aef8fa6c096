// Prisma CLI configuration. Prisma's native engines cannot be downloaded offline, so the CLI
// runs its WebAssembly schema engine through a driver adapter. DATABASE_URL picks the engine:
// `file:` is SQLite (the source schema), `postgres://` the derived PostgreSQL schema.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseEngine } from "./prisma/database-engine.js";
import { postgresCliAdapter, withMultiStatementMigrations } from "./prisma/cli-adapters.js";

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const engine = databaseEngine(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: engine === "postgres" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: engine === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations",
  },
  adapter: async () => (engine === "postgres" ? postgresCliAdapter(url) : withMultiStatementMigrations(new PrismaBetterSQLite3({ url }))),
});
