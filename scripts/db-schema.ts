// Keeps the two database engines in step. The SQLite schema (prisma/schema.prisma) is the
// source; this script derives the PostgreSQL schema from it, writes a new migration for both
// engines with `prisma migrate diff` (Prisma's `migrate dev` does not work offline with driver
// adapters), and checks in CI that nothing has drifted.
//
//   tsx scripts/db-schema.ts derive            write prisma/postgres/schema.prisma
//   tsx scripts/db-schema.ts migration <name>  derive, then add <timestamp>_<name> to both migration folders
//   tsx scripts/db-schema.ts check             fail if the derived schema or either migration folder is stale
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sqliteSchemaPath = path.join(root, "prisma/schema.prisma");
const postgresSchemaPath = path.join(root, "prisma/postgres/schema.prisma");
const postgresUrl = process.env.POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const engines = {
  sqlite: { url: "file:./prisma/.schema-check.sqlite", migrations: "prisma/migrations" },
  postgres: { url: postgresUrl, migrations: "prisma/postgres/migrations" },
} as const;
type Engine = keyof typeof engines;

export function derivePostgresSchema(sqliteSchema: string): string {
  const header =
    "// GENERATED from prisma/schema.prisma by scripts/db-schema.ts: edit that file, then run `npm run db:migration -- <name>`.\n";
  const derived = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/engineType\s*=\s*"client"/, 'engineType = "client"\n  output     = "../../node_modules/.prisma/postgres"');
  if (derived === sqliteSchema) throw new Error("prisma/schema.prisma no longer has the expected generator/datasource blocks");
  return header + derived;
}

function prisma(engine: Engine, args: string[]): { status: number; stdout: string } {
  try {
    const stdout = execFileSync("npx", ["prisma", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: engines[engine].url },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    return { status: 0, stdout };
  } catch (error) {
    const failure = error as { status?: number; stdout?: string };
    return { status: failure.status ?? 1, stdout: failure.stdout ?? "" };
  }
}

function pendingMigrationSql(engine: Engine): string {
  const schema = engine === "sqlite" ? "prisma/schema.prisma" : "prisma/postgres/schema.prisma";
  const result = prisma(engine, [
    "migrate",
    "diff",
    "--from-migrations",
    engines[engine].migrations,
    "--to-schema-datamodel",
    schema,
    "--script",
  ]);
  if (result.status !== 0) throw new Error(`prisma migrate diff failed for ${engine}`);
  const sql = result.stdout.trim();
  return /^(--.*\n?)*$/.test(sql) || sql === "-- This is an empty migration." ? "" : sql;
}

function writeDerivedSchema(): boolean {
  const derived = derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8"));
  let current = "";
  try {
    current = readFileSync(postgresSchemaPath, "utf8");
  } catch {
    // first run
  }
  if (current === derived) return false;
  mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, derived);
  return true;
}

function addMigration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lower-case letters, digits and _ only");
  writeDerivedSchema();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const engine of Object.keys(engines) as Engine[]) {
    const sql = pendingMigrationSql(engine);
    if (!sql) {
      console.log(`${engine}: schema and migrations already agree`);
      continue;
    }
    const dir = path.join(root, engines[engine].migrations, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
    console.log(`${engine}: wrote ${path.relative(root, dir)}/migration.sql`);
  }
}

function check(): void {
  const problems: string[] = [];
  const expected = derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8"));
  if (readFileSync(postgresSchemaPath, "utf8") !== expected) {
    problems.push("prisma/postgres/schema.prisma is not derived from prisma/schema.prisma (run `npm run db:derive`)");
  }
  for (const engine of Object.keys(engines) as Engine[]) {
    if (pendingMigrationSql(engine)) {
      problems.push(`${engines[engine].migrations} lags behind its schema (run \`npm run db:migration -- <name>\`)`);
    }
  }
  if (problems.length) {
    for (const problem of problems) console.error(`✗ ${problem}`);
    process.exit(1);
  }
  console.log("✓ PostgreSQL schema derived from SQLite; both migration folders match their schemas");
}

const [command, arg] = process.argv.slice(2);
if (command === "derive")
  console.log(writeDerivedSchema() ? "wrote prisma/postgres/schema.prisma" : "prisma/postgres/schema.prisma is up to date");
else if (command === "migration" && arg) addMigration(arg);
else if (command === "check") check();
else if (command !== undefined || import.meta.url === `file://${process.argv[1]}`) {
  console.error("usage: tsx scripts/db-schema.ts derive | migration <name> | check");
  process.exit(2);
}
