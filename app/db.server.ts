// The one Prisma client of the process. DATABASE_URL picks the engine at start-up: SQLite for
// a single embedded instance, PostgreSQL when several instances share a database. Both
// clients are generated at install (scripts/prisma-generate.mjs) from schemas that only
// differ in their provider, so the SQLite client's types describe both.
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequire } from "node:module";
import { isMainThread, threadId, workerData } from "node:worker_threads";
import type { Database as BetterSqlite3Database } from "better-sqlite3";
import type * as PostgresClientModule from ".prisma/postgres";
import { env } from "./env.server";
import { databaseEngine } from "../prisma/database-engine.js";
import { ThreadWriteLock, createThreadWriteLockMemory } from "./thread-write-lock";

export type Database = PrismaClient;

/**
 * The SQLite adapter, but every transaction takes the write lock as it begins (BEGIN IMMEDIATE
 * instead of BEGIN). Two connections write to the file: the HTTP thread's and the worker
 * thread's (decision 014). A deferred transaction that reads and then writes fails at once with
 * SQLITE_BUSY_SNAPSHOT when the other connection committed in between, without waiting on
 * busy_timeout; an immediate one waits its turn instead.
 */
class ImmediateTransactionsSQLite3 extends PrismaBetterSQLite3 {
  async connect() {
    const adapter = await super.connect();
    // The adapter's better-sqlite3 handle; the adapter begins each transaction with prepare("BEGIN").
    const client = (adapter as unknown as { client: Pick<BetterSqlite3Database, "prepare"> }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof client.prepare;
    return new ThreadWriteLockedAdapter(adapter, sqliteWriteLock);
  }
}

/**
 * The memory of the lock the process's threads take before writing to SQLite. The HTTP thread
 * creates it and hands it to the worker thread in `workerData` (app/server-runtime.server.ts).
 */
const receivedLockMemory: unknown = isMainThread ? undefined : (workerData as { sqliteWriteLock?: unknown } | null)?.sqliteWriteLock;
export const sqliteWriteLockMemory: SharedArrayBuffer =
  receivedLockMemory instanceof SharedArrayBuffer ? receivedLockMemory : createThreadWriteLockMemory();
/** The thread that created the memory serves webhooks, so it goes first (decision 027). */
export const sqliteWriteLock = new ThreadWriteLock({
  memory: sqliteWriteLockMemory,
  threadId,
  servedFirst: receivedLockMemory === undefined,
});

/** What a driver adapter connects to, and the transactions it opens, as Prisma's SQLite adapter types them. */
type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;
type SqlQuery = Parameters<SqlDriverAdapter["queryRaw"]>[0];

/** How long a write waits for another to finish before it fails: SQLite's busy timeout, and the threads' lock's. */
const SQLITE_WRITE_WAIT_MS = 5000;

/** Reads never wait for a writer in WAL mode; everything else takes SQLite's one write lock. */
const READ_STATEMENT = /^\s*SELECT\b/i;

/**
 * A SQLite adapter whose writes first take the threads' write lock: a transaction from BEGIN to
 * its end, a statement outside a transaction for its own run. A statement sent while this
 * thread's transaction is open runs in it, on the one connection, as before; it must not wait
 * for the lock its own transaction holds.
 */
class ThreadWriteLockedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;

  constructor(
    private readonly adapter: SqlDriverAdapter,
    private readonly lock: ThreadWriteLock,
  ) {
    this.provider = adapter.provider;
    this.adapterName = adapter.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.statement(query.sql, () => this.adapter.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    return this.statement(query.sql, () => this.adapter.executeRaw(query));
  }

  executeScript(script: string) {
    return this.statement(script, () => this.adapter.executeScript(script));
  }

  async startTransaction(...isolationLevel: Parameters<SqlDriverAdapter["startTransaction"]>): Promise<Transaction> {
    await this.lock.acquire(SQLITE_WRITE_WAIT_MS);
    let transaction: Transaction;
    try {
      transaction = await this.adapter.startTransaction(...isolationLevel);
    } catch (error) {
      this.lock.release();
      throw error;
    }
    const release = () => this.lock.release();
    return {
      provider: transaction.provider,
      adapterName: transaction.adapterName,
      options: transaction.options,
      queryRaw: (query) => transaction.queryRaw(query),
      executeRaw: (query) => transaction.executeRaw(query),
      commit: () => transaction.commit().finally(release),
      rollback: () => transaction.rollback().finally(release),
    };
  }

  dispose() {
    return this.adapter.dispose();
  }

  private async statement<T>(sql: string, run: () => Promise<T>): Promise<T> {
    if (READ_STATEMENT.test(sql) || this.lock.heldHere()) return run();
    await this.lock.acquire(SQLITE_WRITE_WAIT_MS);
    try {
      return await run();
    } finally {
      this.lock.release();
    }
  }
}

function createSqliteClient(url: string): Database {
  // busy_timeout lets another process (a CLI, a migration, a test) wait instead of failing with SQLITE_BUSY.
  return new PrismaClient({ adapter: new ImmediateTransactionsSQLite3({ url, timeout: SQLITE_WRITE_WAIT_MS }) });
}

function createPostgresClient(url: string): Database {
  // The PostgreSQL client is generated into node_modules/.prisma/postgres, a name ESM refuses
  // as a package specifier; CommonJS resolves it, as @prisma/client does for its own client.
  const { PrismaClient: PostgresPrismaClient } = createRequire(import.meta.url)(".prisma/postgres") as typeof PostgresClientModule;
  // synchronous_commit=on whatever the server's default: a webhook is only acknowledged
  // once its event is on disk.
  const client = new PostgresPrismaClient({
    adapter: new PrismaPg({ connectionString: url, options: "-c synchronous_commit=on", max: 10 }),
  });
  return client as unknown as Database;
}

/**
 * Connection settings that must hold before the first query: on SQLite, WAL, full fsync, and
 * secure_delete, which overwrites deleted rows with zeros so redacted data does not stay
 * readable in the file's free space.
 */
async function prepare(client: Database, engine: "sqlite" | "postgres"): Promise<void> {
  if (engine === "sqlite") {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$executeRawUnsafe("PRAGMA synchronous = FULL");
    await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await client.$queryRawUnsafe("PRAGMA secure_delete = ON");
  }
}

/** A client for `url`, with its engine's connection settings applied before it is returned. */
export async function connectDatabase(url: string): Promise<Database> {
  const client = databaseEngine(url) === "postgres" ? createPostgresClient(url) : createSqliteClient(url);
  await prepare(client, databaseEngine(url));
  return client;
}

export const prisma: Database =
  env.DATABASE_ENGINE === "postgres" ? createPostgresClient(env.DATABASE_URL) : createSqliteClient(env.DATABASE_URL);

/** Resolves once the connection settings are applied; callers that write events await it. */
export const databaseReady: Promise<void> = prepare(prisma, env.DATABASE_ENGINE);

/**
 * After a redaction: SQLite's write-ahead log still holds the pages as they were before the
 * deletion, so a checkpoint copies the zeroed pages into the main file and truncates the log.
 * (PostgreSQL reclaims deleted rows through VACUUM; see docs/security.md.)
 */
export async function flushDeletedRows(): Promise<void> {
  if (env.DATABASE_ENGINE === "sqlite") await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
