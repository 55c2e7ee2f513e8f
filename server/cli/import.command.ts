/**
 * `parley import wordpress|disqus|parley FILE` (and `npm run import -- …`, server/import/import.cli.ts):
 * its own small composition root, as server/main.ts is the server's. Reads DATABASE_URL through
 * the config module, opens and migrates the store, runs the import, prints the summary. Safe while
 * the server runs on the same database: each article is one short transaction. docs/import.md.
 */
import { statSync } from "node:fs";
import { articleIdRules, type ArticleIdRule } from "../import/article-id.js";
import { disqusReader } from "../import/disqus.reader.js";
import { runImport, type ImportSummary } from "../import/import.runner.js";
import { importParley } from "../import/parley.import.js";
import { createProgress, formatSummary, type Progress } from "../import/progress.js";
import { ImportError } from "../import/source.js";
import { wordpressReader } from "../import/wordpress.reader.js";
import { openStore } from "../store/open-store.js";
import {
  type CliCommand,
  configOrReport,
  parseCommandArgs,
  USAGE_EXIT,
  UsageError,
} from "./cli-command.js";

const usage = `usage: parley import wordpress|disqus|parley FILE [options]
       (from a checkout: npm run import -- wordpress|disqus|parley FILE [options])

Imports a WordPress (WXR) or Disqus XML export, or a Parley export, into DATABASE_URL. Comments
keep their times and ids; running it twice adds nothing (docs/import.md).

Options:
  --article-id RULE  how each article's id is made (wordpress, disqus; default path):
                     id (post id), slug (post slug), path (URL path, "/" as ":")
  --json             print the summary as one JSON line
  --quiet            no progress bar
  -h, --help         show this help
`;

const formats = ["wordpress", "disqus", "parley"] as const;
type Format = (typeof formats)[number];

const isFormat = (value: string): value is Format => (formats as readonly string[]).includes(value);
const isRule = (value: string): value is ArticleIdRule =>
  (articleIdRules as readonly string[]).includes(value);

/** No bar without the process's stderr (a test running the command in-process). */
const silent: Progress = {
  bytes: () => undefined,
  article: () => undefined,
  done: () => undefined,
};

export const command: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        "article-id": { type: "string", default: "path" },
        json: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const [format, file, ...extra] = positionals;
    if (format === undefined || file === undefined) throw new UsageError("a format and a FILE");
    if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}'`);
    if (!isFormat(format)) throw new UsageError(`unknown format ${JSON.stringify(format)}`);
    const rule = values["article-id"];
    if (!isRule(rule)) throw new UsageError(`--article-id: one of ${articleIdRules.join(", ")}`);
    const config = configOrReport(io, "import");
    if (!config) return USAGE_EXIT;
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new ImportError(`cannot read ${file}`);
    }
    const progress: Progress = io.streams
      ? createProgress(size, io.streams.stderr, !values.quiet)
      : silent;
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
      io.stdout(
        values.json ? `${JSON.stringify({ ...summary, peakHeapBytes })}\n` : formatSummary(summary),
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
