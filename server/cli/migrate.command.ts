/**
 * `parley migrate`: brings the configured database's schema up to date and exits. A rolling deploy
 * runs it once before starting new instances, so no instance migrates a database that older ones
 * are still serving from. Safe to run concurrently (both stores take a lock first) and repeatedly.
 */
import { createStore } from "../store/open-store.js";
import { type CliCommand, configOrReport, helpAsked, USAGE_EXIT } from "./cli-command.js";

const usage = `usage: parley migrate

Applies the database migrations not yet applied to DATABASE_URL (SQLite file or PostgreSQL),
prints which versions it applied, and exits 0. Nothing to apply is not an error.

Options:
  -h, --help  show this help
`;

export const command: CliCommand = {
  usage,
  async run(args, io) {
    if (helpAsked(args, io, usage)) return 0;
    const config = configOrReport(io, "parley migrate");
    if (!config) return USAGE_EXIT;
    const store = await createStore(config.database);
    try {
      const { applied, version } = await store.migrate();
      // The URL is never printed: it may hold a password.
      io.stdout(
        applied.length > 0
          ? `${store.kind}: applied migrations ${applied.join(", ")}; schema at version ${version}\n`
          : `${store.kind}: nothing to apply; schema at version ${version}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
