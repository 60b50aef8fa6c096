// A throwaway, migrated database for the benchmarks that run the app as separate processes
// (bench:ingest, bench:scale): a SQLite file in a folder of its own, or a PostgreSQL database
// created for the run on BENCH_POSTGRES_URL's server. `drop` removes it again.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");

export type BenchEngine = "sqlite" | "postgres";

export function benchEngine(value: string): BenchEngine {
  if (value !== "sqlite" && value !== "postgres") throw new Error(`--database must be sqlite or postgres, not ${value}`);
  return value;
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Created empty: migrateBenchDatabase applies the migrations. */
export async function createBenchDatabase(engine: BenchEngine, runId: string): Promise<BenchDatabase> {
  if (engine === "sqlite") {
    // One folder per run, so two runs on one checkout never share a file.
    const dir = path.join(root, ".cache/bench", runId);
    mkdirSync(dir, { recursive: true });
    return { url: `file:${path.join(dir, "bench.sqlite")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `wakilni_bench_${runId}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** `prisma migrate deploy` on the database `env.DATABASE_URL` names (the engine's own migrations). */
export function migrateBenchDatabase(env: NodeJS.ProcessEnv): void {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
}
