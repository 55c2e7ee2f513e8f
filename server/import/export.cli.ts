/**
 * `npm run --silent export > parley-export.json`: the whole store as one JSON document on
 * standard output (docs/import.md#export-format). Reads DATABASE_URL like the server does.
 */
import { loadConfig } from "../config/load-config.js";
import { openStore } from "../store/open-store.js";
import { writeExport } from "./export.writer.js";

async function main(): Promise<void> {
  const store = await openStore(loadConfig(process.env).database);
  try {
    const write = (chunk: string) =>
      new Promise<void>((resolve, reject) => {
        // Honour back-pressure: a slow pipe must not make the whole store pile up in memory.
        if (process.stdout.write(chunk)) resolve();
        else process.stdout.once("drain", resolve).once("error", reject);
      });
    const counts = await writeExport(store, write);
    process.stderr.write(
      `exported ${counts.articles} articles, ${counts.comments} comments, ${counts.users} users\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `export failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
