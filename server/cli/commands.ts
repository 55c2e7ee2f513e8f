/**
 * The `parley` subcommands, loaded only when run, so `parley sso-token` never opens a database
 * driver and `parley --help` loads nothing.
 *
 * Each entry's module exports `command: CliCommand` (cli-command.ts). `optional` entries name a
 * module a build may not have: `import` and `export` are served by `server/cli/import.command.ts`
 * and `server/cli/export.command.ts`; until those files exist, `parley import` says it is not
 * available in this build and exits 1.
 */
import type { CliCommand } from "./cli-command.js";

export interface CommandEntry {
  /** One line for `parley --help`. */
  summary: string;
  /** The module's path relative to this file, as the build emits it (.js). */
  module: string;
  /** True when the build may lack the module: a clean message instead of a crash. */
  optional?: boolean;
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
    optional: true,
  },
  export: {
    summary: "write every comment as a Parley export on stdout",
    module: "./export.command.js",
    optional: true,
  },
  "sso-token": {
    summary: "sign a single sign-on token, as a host site's back end would",
    module: "./sso-token.command.js",
  },
};

/** The command's module could not be found (an optional command missing from this build). */
export class CommandUnavailable extends Error {
  override name = "CommandUnavailable";
}

function isCliCommand(value: unknown): value is CliCommand {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof CliCommand, unknown>>;
  return typeof candidate.usage === "string" && typeof candidate.run === "function";
}

/** Loads an entry's `command`; CommandUnavailable when an optional module is absent. */
export async function loadCommand(entry: CommandEntry): Promise<CliCommand> {
  let loaded: unknown;
  try {
    loaded = await import(entry.module);
  } catch (error) {
    const missing =
      error instanceof Error &&
      "code" in error &&
      error.code === "ERR_MODULE_NOT_FOUND" &&
      error.message.includes(entry.module.replace(/^\.\//, "").replace(/\.js$/, ""));
    // Only the command's own file may be missing; a missing dependency inside it is a real bug.
    if (entry.optional && missing) throw new CommandUnavailable("not available in this build");
    throw error;
  }
  const command = (loaded as { command?: unknown }).command;
  if (!isCliCommand(command)) throw new Error(`${entry.module} does not export a command`);
  return command;
}
