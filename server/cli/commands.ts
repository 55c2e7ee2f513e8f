/**
 * The `parley` subcommands, loaded only when run, so `parley sso-token` never opens a database
 * driver and `parley --help` loads nothing.
 *
 * Each entry's module exports `command: CliCommand` (cli-command.ts). `import` and `export` are
 * also the npm scripts of the same names (server/import/import.cli.ts, export.cli.ts).
 */
import type { CliCommand } from "./cli-command.js";

export interface CommandEntry {
  /** One line for `parley --help`. */
  summary: string;
  /** The module's path relative to this file, as the build emits it (.js). */
  module: string;
}

export const commands: Record<string, CommandEntry> = {
  serve: { summary: "run the server (what the container starts)", module: "./serve.command.js" },
  migrate: {
    summary: "apply database migrations and exit (run before starting new instances)",
    module: "./migrate.command.js",
  },
  import: {
    summary: "import comments from another system (wordpress, disqus, parley)",
    module: "./import.command.js",
  },
  export: {
    summary: "write every comment as a Parley export on stdout",
    module: "./export.command.js",
  },
  "sso-token": {
    summary: "sign a single sign-on token, as a host site's back end would",
    module: "./sso-token.command.js",
  },
};

function isCliCommand(value: unknown): value is CliCommand {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof CliCommand, unknown>>;
  return typeof candidate.usage === "string" && typeof candidate.run === "function";
}

/** Loads an entry's `command`. */
export async function loadCommand(entry: CommandEntry): Promise<CliCommand> {
  const loaded: unknown = await import(entry.module);
  const command = (loaded as { command?: unknown }).command;
  if (!isCliCommand(command)) throw new Error(`${entry.module} does not export a command`);
  return command;
}
