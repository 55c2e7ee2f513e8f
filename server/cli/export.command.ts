/**
 * `parley export > parley.json` (and `npm run --silent export`, server/import/export.cli.ts): the
 * whole store as one JSON document on standard output (docs/import.md#export-format), the counts
 * on standard error. Reads DATABASE_URL like the server does.
 */
import { writeExport, type Write } from "../import/export.writer.js";
import { openStore } from "../store/open-store.js";
import {
  type CliCommand,
  type CliIo,
  configOrReport,
  helpAsked,
  USAGE_EXIT,
} from "./cli-command.js";

const usage = `usage: parley export > parley.json
       (from a checkout: npm run --silent export > parley.json)

Writes every article, comment and user of DATABASE_URL as one Parley export (JSON) on standard
output, which \`parley import parley FILE\` reads back. It holds users' addresses and host user
ids: personal data, keep it as you keep the database (docs/import.md).

Options:
  -h, --help  show this help
`;

/** Writes to the process's stdout honouring back-pressure, or to io.stdout (tests). */
function writer(io: CliIo): Write {
  const out = io.streams?.stdout;
  if (!out) {
    return (chunk) => {
      io.stdout(chunk);
      return Promise.resolve();
    };
  }
  // A slow pipe must not make the whole store pile up in memory.
  return (chunk) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(chunk)) resolve();
      else out.once("drain", resolve).once("error", reject);
    });
}

export const command: CliCommand = {
  usage,
  async run(args, io) {
    if (helpAsked(args, io, usage)) return 0;
    const config = configOrReport(io, "export");
    if (!config) return USAGE_EXIT;
    const store = await openStore(config.database);
    try {
      const counts = await writeExport(store, writer(io));
      io.stderr(
        `exported ${counts.articles} articles, ${counts.comments} comments, ${counts.users} users\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
