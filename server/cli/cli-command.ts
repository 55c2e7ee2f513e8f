/**
 * What a `parley` subcommand is (server/cli/commands.ts lists them) and the argument parsing they
 * share: node:util parseArgs with `strict: true`, so a mistyped flag is an error with the usage,
 * never silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Where a command reads its environment and writes its output (the process's, or a test's). */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** One subcommand. Modules under server/cli/ export it as `command`. */
export interface CliCommand {
  /** The full `--help` text: synopsis, options, environment. */
  usage: string;
  /**
   * Runs with the arguments after the command's name. Resolves with the exit code, or with
   * `undefined` when the command keeps the process running (serve) and exits on its own.
   */
  run(args: string[], io: CliIo): Promise<number | undefined>;
}

/** Bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit code for bad arguments or a bad environment (as most Unix tools use). */
export const USAGE_EXIT = 2;

/** parseArgs, strict, with its errors (unknown option, missing value) turned into UsageError. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs({ strict: true, allowPositionals: false, ...config });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
