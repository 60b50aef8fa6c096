// Fixes for the gaps of Prisma 6.19's driver adapters that only the Prisma CLI (migrate diff,
// migrate deploy) runs into offline. The app's own runtime uses the adapters unpatched.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// PostgreSQL: the schema engine reads catalog columns of the `name` and `"char"` types, which
// @prisma/adapter-pg cannot map (prisma/orm#27403). Their values arrive as text anyway.
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

function reportCatalogColumnsAsText(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  const startTransaction = queryable.startTransaction.bind(queryable);
  queryable.startTransaction = async (...args) => reportCatalogColumnsAsText(await startTransaction(...args));
  return queryable;
}

// Both engines: the schema engine replays each migration file on the shadow database with
// executeRaw, but better-sqlite3 prepares one statement at a time and pg's extended protocol
// takes one too (P3006). A parameterless script goes through the multi-statement path instead.
function runScriptsWhole(queryable) {
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.executeRaw = async (query) => {
    if (query.args.length === 0) {
      await queryable.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return queryable;
}

/** @template {{ connect(): Promise<any>; connectToShadowDb(): Promise<any> }} F @param {F} factory @returns {F} */
export function withMultiStatementMigrations(factory) {
  return wrapConnections(factory, runScriptsWhole);
}

function wrapConnections(factory, patch) {
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}

// PostgreSQL: the adapter's own shadow database is unusable here: it overrides `database` in
// a config that a `connectionString` silently wins over (so migrate diff would replay the
// migrations on the real database), and it drops the database before closing its own pool.
/** @param {string} url */
export function postgresCliAdapter(url) {
  const config = postgresPoolConfig(url);
  const factory = new PrismaPg(config);
  factory.connectToShadowDb = async () => {
    const admin = new pg.Client(config);
    await admin.connect();
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const adapter = await new PrismaPg({ ...config, database }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.end();
    };
    return adapter;
  };
  return wrapConnections(factory, (queryable) => runScriptsWhole(reportCatalogColumnsAsText(queryable)));
}

/** @param {string} url */
function postgresPoolConfig(url) {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get("sslmode") ?? "";
  return {
    host: decodeURIComponent(parsed.hostname) || undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    ssl: ["require", "verify-ca", "verify-full"].includes(sslmode) ? { rejectUnauthorized: sslmode !== "require" } : undefined,
  };
}
