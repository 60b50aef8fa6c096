// Retention's candidate query and its hand-written partial index (migration
// inbox_prunable_partial_index) must stay matched: the index's predicate names PRUNABLE_STATES, and
// each engine's planner reads the candidates through that index, in order, without a sort.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { PRUNABLE_INDEX, prunableCandidatesQuery } from "./inbox-store.server";
import { PRUNABLE_STATES } from "./inbox-states";

const root = path.resolve(import.meta.dirname, "../..");

function indexMigrations(): string[] {
  return ["prisma/migrations", "prisma/postgres/migrations"].map((folder) => {
    const dir = readdirSync(path.join(root, folder)).find((name) => name.endsWith("_inbox_prunable_partial_index"));
    if (!dir) throw new Error(`${folder} has no inbox_prunable_partial_index migration`);
    return readFileSync(path.join(root, folder, dir, "migration.sql"), "utf8");
  });
}

describe("retention's partial index", () => {
  it("is created on both engines for exactly the prunable states", () => {
    for (const sql of indexMigrations()) {
      const create = sql.split("\n").find((line) => line.startsWith("CREATE INDEX"));
      expect(create).toContain(`"${PRUNABLE_INDEX}"`);
      const states = /"state" IN \(([^)]*)\)/
        .exec(create ?? "")?.[1]
        .split(",")
        .map((state) => state.trim().replace(/'/g, ""));
      expect(states?.sort()).toEqual([...PRUNABLE_STATES].sort());
    }
  });

  it("is how the engine finds the candidates, already in order", async () => {
    const query = prunableCandidatesQuery(new Date("2026-11-01T00:00:00Z"), 100);
    if (env.DATABASE_ENGINE === "sqlite") {
      const plan = await prisma.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${query}`);
      const details = plan.map((step) => step.detail).join("\n");
      expect(details).toContain(`USING INDEX ${PRUNABLE_INDEX}`);
      expect(details).not.toContain("TEMP B-TREE");
    } else {
      // A near-empty test table is cheapest to read whole; with that ruled out, the planner's pick among the indexes shows.
      const plan = await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        return tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${query}`);
      });
      const lines = plan.map((step) => step["QUERY PLAN"]).join("\n");
      expect(lines).toContain(`Index Scan using "${PRUNABLE_INDEX}"`);
      expect(lines).not.toContain("Sort");
    }
  });
});
