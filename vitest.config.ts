// Tests run on a real database: SQLite by default, PostgreSQL with TEST_DATABASE=postgres.
// tests/setup/global-database.ts migrates one template database per run; each worker then
// gets its own copy (tests/setup/worker-database.ts) before any app module is imported.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "app/**/*.test.{ts,tsx}",
      "extensions/**/*.test.{ts,tsx}",
      "sandbox/**/*.test.ts",
      "scripts/**/*.test.ts",
      "tests/**/*.test.ts",
    ],
    globalSetup: ["tests/setup/global-database.ts"],
    setupFiles: ["tests/setup/test-env.ts", "tests/setup/worker-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globals: false,
  },
});
