/**
 * knip finds files nothing reaches, exports nobody imports and dependencies nobody uses; it runs
 * in `npm run lint`, so in `npm test`. Entries are everything that is started rather than
 * imported: the server and its command line, the browser bundles (vite.config.ts), the bench,
 * scripts, and the tests with the files they start as child processes.
 */
import type { KnipConfig } from "knip";

const config: KnipConfig = {
  entry: [
    // The `parley` subcommands are loaded by path at run time (server/cli/commands.ts).
    "server/cli/*.command.ts",
    "server/import/*.cli.ts",
    // The moderation page's bundle (client/moderate/*.vite.ts); the embed's knip finds in vite.config.ts.
    "client/moderate/moderate.ts",
    "bench/*.ts",
    // Started by path: worker threads and child processes of the bench and of tests.
    "bench/load/*-worker.ts",
    "bench/baseline/*.ts",
    "scripts/*.ts",
    "tests/helpers/faults/*.ts",
    "tests/helpers/migrate-when-told.ts",
  ],
  project: [
    "server/**/*.ts",
    "shared/**/*.ts",
    "client/**/*.ts",
    "bench/**/*.ts",
    "scripts/**/*.ts",
    "tests/**/*.ts",
    "*.ts",
  ],
  // A type named in its own module's exported signatures may stay exported for callers to name;
  // a value nobody imports may not.
  ignoreExportsUsedInFile: { interface: true, type: true },
  ignoreDependencies: [
    // Read by its path (createRequire().resolve) and injected into the page by the e2e tests.
    "axe-core",
    // Files read by their path (createRequire().resolve): Swagger UI's bundle, served at /api/docs,
    // and AsyncAPI's JSON Schema, which tests/helpers/api-schemas.ts validates the document with.
    "swagger-ui-dist",
    "@asyncapi/specs",
    // A tool for eyes, not code: `npx pino-pretty` in development (docs/operations.md).
    "pino-pretty",
  ],
  // The tests and the bench start a real Redis from the machine's PATH.
  ignoreBinaries: ["redis-server"],
};

export default config;
