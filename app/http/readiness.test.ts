import { describe, expect, it } from "vitest";
import { livenessAnswer, readinessAnswer, type ReadinessFacts } from "./readiness";

const ready: ReadinessFacts = { databaseError: null, pendingMigrations: [], worker: "running" };

describe("readinessAnswer", () => {
  it("is ready when the database answers, migrations are applied and the worker runs", () => {
    expect(readinessAnswer(ready)).toEqual({
      status: 200,
      body: { status: "ok", checks: { database: "ok", migrations: "ok", worker: "ok" } },
    });
  });

  it("is ready without a worker on an instance that runs none", () => {
    expect(readinessAnswer({ ...ready, worker: "disabled" }).status).toBe(200);
  });

  it("is not ready when the database does not answer, and says nothing of why", () => {
    const answer = readinessAnswer({ ...ready, databaseError: "connect ECONNREFUSED 10.0.0.5:5432" });
    expect(answer.status).toBe(503);
    expect(answer.body.checks).toEqual({ database: "failing", migrations: "failing", worker: "ok" });
    expect(JSON.stringify(answer)).not.toContain("ECONNREFUSED");
  });

  it("is not ready while a migration of this build is not applied", () => {
    expect(readinessAnswer({ ...ready, pendingMigrations: ["20261201_x"] }).body.checks?.migrations).toBe("failing");
  });

  it.each(["starting", "down"] as const)("is not ready while the worker is %s", (worker) => {
    expect(readinessAnswer({ ...ready, worker }).status).toBe(503);
  });
});

describe("livenessAnswer", () => {
  it("only says the process answers", () => {
    expect(livenessAnswer()).toEqual({ status: 200, body: { status: "ok" } });
  });
});
