// /healthz and /readyz on Node's server, ahead of Express and Remix like Wakilni's webhooks: no
// session, no body, no data. The facts come from the database (one short query each, the applied
// migrations only until all of them are seen once) and from the server runtime (is its worker up).
import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { serverRuntime } from "../server-runtime.server";
import { livenessAnswer, readinessAnswer, type HealthAnswer, type ReadinessFacts } from "./readiness";
import { sendAnswer } from "./send-answer.server";

const HEALTH_PATHS = new Set(["/healthz", "/readyz"]);
/** A database that does not answer within this long counts as down: the probe must answer in time. */
const DATABASE_CHECK_TIMEOUT_MS = 2000;

/** The migrations this build ships, as folder names (Prisma's migration names). */
function shippedMigrations(): string[] {
  const folder = path.resolve(env.DATABASE_ENGINE === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations");
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

let migrationsSeenApplied = false;

async function pendingMigrations(): Promise<string[]> {
  if (migrationsSeenApplied) return [];
  const applied = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const names = new Set(applied.map((row) => row.migration_name));
  const pending = shippedMigrations().filter((name) => !names.has(name));
  migrationsSeenApplied = pending.length === 0;
  return pending;
}

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), DATABASE_CHECK_TIMEOUT_MS).unref()),
  ]);
}

async function readinessFacts(): Promise<ReadinessFacts> {
  const worker = serverRuntime.workerStatus();
  try {
    await withinTimeout(prisma.$queryRawUnsafe("SELECT 1"));
    return { databaseError: null, pendingMigrations: await withinTimeout(pendingMigrations()), worker };
  } catch (error) {
    return { databaseError: (error as Error).message, pendingMigrations: [], worker };
  }
}

function send(request: IncomingMessage, response: ServerResponse, answer: HealthAnswer): void {
  sendAnswer(request, response, {
    status: answer.status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    body: request.method === "HEAD" ? "" : JSON.stringify(answer.body),
  });
}

/** Answers /healthz and /readyz and returns true; leaves every other request alone. */
export function answerHealthFromNode(request: IncomingMessage, response: ServerResponse): boolean {
  const pathname = (request.url ?? "/").split("?")[0];
  if (!HEALTH_PATHS.has(pathname)) return false;
  if (request.method !== "GET" && request.method !== "HEAD") {
    sendAnswer(request, response, { status: 405, headers: { Allow: "GET, HEAD", "Content-Type": "text/plain" }, body: "Use GET.\n" });
    return true;
  }
  if (pathname === "/healthz") send(request, response, livenessAnswer());
  else void readinessFacts().then((facts) => send(request, response, readinessAnswer(facts)));
  return true;
}
