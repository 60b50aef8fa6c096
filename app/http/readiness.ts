// What /healthz and /readyz answer, decided from plain facts so that the rules are tested without
// a server: the process is up as soon as it answers; it is ready when the database answers, every
// migration this build ships has been applied, and the worker (when this instance runs one) is
// running. Load balancers and orchestrators poll these often, so the answer carries no data.

export type WorkerStatus = "disabled" | "running" | "starting" | "down";

export interface ReadinessFacts {
  /** null when the database answered; otherwise why not (never shown in the answer). */
  databaseError: string | null;
  /** Migrations the build ships that the database has not applied. */
  pendingMigrations: string[];
  worker: WorkerStatus;
}

export interface HealthAnswer {
  status: 200 | 503;
  body: { status: "ok" | "unavailable"; checks?: Record<string, "ok" | "failing" | "disabled"> };
}

export function livenessAnswer(): HealthAnswer {
  return { status: 200, body: { status: "ok" } };
}

export function readinessAnswer(facts: ReadinessFacts): HealthAnswer {
  const checks = {
    database: facts.databaseError === null ? "ok" : "failing",
    migrations: facts.databaseError === null && facts.pendingMigrations.length === 0 ? "ok" : "failing",
    worker: facts.worker === "disabled" ? "disabled" : facts.worker === "running" ? "ok" : "failing",
  } as const;
  const ready = Object.values(checks).every((check) => check !== "failing");
  return { status: ready ? 200 : 503, body: { status: ready ? "ok" : "unavailable", checks } };
}
