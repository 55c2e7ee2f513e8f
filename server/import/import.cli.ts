/**
 * `npm run import -- wordpress|disqus|parley FILE [--article-id=id|slug|path] [--json] [--quiet]`
 * Its own small composition root (as server/main.ts is the server's): reads DATABASE_URL through
 * the config module, opens and migrates the store, runs the import, prints the summary. Safe while
 * the server runs on the same database: each article is one short transaction. docs/import.md.
 */
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config/load-config.js";
import { openStore } from "../store/open-store.js";
import { articleIdRules, type ArticleIdRule } from "./article-id.js";
import { disqusReader } from "./disqus.reader.js";
import { runImport, type ImportSummary } from "./import.runner.js";
import { importParley } from "./parley.import.js";
import { createProgress, formatSummary } from "./progress.js";
import { ImportError } from "./source.js";
import { wordpressReader } from "./wordpress.reader.js";

const usage = `usage: npm run import -- wordpress|disqus|parley FILE [--article-id=id|slug|path] [--json] [--quiet]
  --article-id  how each article's id is made (default path; see docs/import.md):
                id (post id), slug (post slug), path (URL path, "/" as ":")
  --json        print the summary as one JSON line
  --quiet       no progress bar`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "article-id": { type: "string", default: "path" },
        json: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [format, file] = positionals;
  const rule = values["article-id"] as ArticleIdRule;
  if (values.help || !format || !file || positionals.length !== 2) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (!["wordpress", "disqus", "parley"].includes(format) || !articleIdRules.includes(rule)) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ImportError(`cannot read ${file}`);
  }
  const progress = createProgress(size, process.stderr, !values.quiet);
  const config = loadConfig(process.env);
  const store = await openStore(config.database);
  try {
    let summary: ImportSummary;
    // Reported with --json: the memory bound is tested on it (tests/integration/import-hostile).
    let peakHeapBytes = process.memoryUsage().heapUsed;
    if (format === "parley") {
      summary = await importParley(store, file);
    } else {
      const onBytes = (n: number) => progress.bytes(n);
      const reader =
        format === "wordpress" ? wordpressReader(file, onBytes) : disqusReader(file, onBytes);
      summary = await runImport({
        store,
        reader,
        rule,
        onArticle: (s) => {
          progress.article(s);
          peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
        },
      });
    }
    progress.done();
    process.stdout.write(
      values.json ? `${JSON.stringify({ ...summary, peakHeapBytes })}\n` : formatSummary(summary),
    );
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof ImportError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `\nimport failed: ${known ? message : ((error as Error).stack ?? message)}\n`,
    );
    process.exitCode = 1;
  },
);
