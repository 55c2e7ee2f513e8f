/**
 * A child process for the SQLite migration race: opens the file named by argv[2], prints "ready",
 * and migrates when a line arrives on stdin, so a test can start several processes' migrations at
 * the same instant. Prints the migration report as JSON and exits 0, or the error and exits 1.
 */
import { createSqliteStore } from "../../server/store/sqlite/sqlite-store.js";

const path = process.argv[2];
if (!path) throw new Error("usage: migrate-when-told.ts FILE");
const store = createSqliteStore(path);
process.stdout.write("ready\n");
process.stdin.once("data", () => {
  store.migrate().then(
    async (report) => {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      await store.close();
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
});
