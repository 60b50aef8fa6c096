// Tests run on a real database: SQLite by default, PostgreSQL with TEST_DATABASE=postgres.
// tests/setup/global-database.ts migrates one template database per run; each worker then
// gets its own copy (tests/setup/worker-database.ts) before any app module is imported.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Vite reads a specifier starting with "." as a relative path; Node resolves this one as a
    // package under node_modules (the generated PostgreSQL client, see scripts/prisma-generate.mjs).
    alias: { ".prisma/postgres": path.resolve(import.meta.dirname, "node_modules/.prisma/postgres/index.js") },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "sandbox/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-database.ts"],
    setupFiles: ["tests/setup/test-env.ts", "tests/setup/worker-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globals: false,
  },
});
