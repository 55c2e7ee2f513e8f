import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Real servers, databases and browsers: generous per-test budgets, but tests wait on
    // conditions, never on durations.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
