/**
 * What a `parley` subcommand is (server/cli/commands.ts lists them) and the argument parsing they
 * share: node:util parseArgs with `strict: true`, so a mistyped flag is an error with the usage,
 * never silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Config } from "../config/config.schema.js";
import { ConfigError, loadConfig } from "../config/load-config.js";

/** Where a command reads its environment and writes its output (the process's, or a test's). */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * The process's own streams, when running as a process: `export` waits on stdout's back-pressure
   * and `import` draws its progress bar on a stderr terminal. Tests leave them out.
   */
  streams?: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream };
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

/**
 * parseArgs with `strict: true` forced (an unknown option or a missing value is an error; no
 * positionals unless the config allows them), its errors turned into UsageError.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs<T & { strict: true }>({ ...config, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The process's environment and streams, for an entry point. */
export function processIo(): CliIo {
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    streams: { stdout: process.stdout, stderr: process.stderr },
  };
}

/**
 * Runs one command as its own entry point (the npm scripts `import` and `export`): bad arguments
 * print the error and usage, exit 2; a failure prints `<name> failed: <message>`, exit 1.
 */
export function runCommandScript(name: string, command: CliCommand, args: string[]): void {
  const io = processIo();
  command.run(args, io).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        io.stderr(`${error.message}\n\n${command.usage}`);
        process.exitCode = USAGE_EXIT;
        return;
      }
      io.stderr(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * For scripts and the bench (run directly, not through `parley`): parseCommandArgs, or the error
 * and `usage` on stderr and exit 2.
 */
export function parseScriptArgs<T extends ParseArgsConfig>(usage: string, config: T) {
  try {
    return parseCommandArgs(config);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(USAGE_EXIT);
  }
}

/**
 * For commands whose only option is `--help`: parses `args` strictly and prints `usage` when
 * asked. True when the help was shown (the command then exits 0).
 */
export function helpAsked(args: string[], io: CliIo, usage: string): boolean {
  const { values } = parseCommandArgs({
    args,
    options: { help: { type: "boolean", short: "h" } },
  });
  if (values.help) io.stdout(usage);
  return values.help === true;
}

/**
 * The configuration from the command's environment, or null after printing the bad variables as
 * `<name>: <problem>` (the command then exits USAGE_EXIT, as for bad arguments).
 */
export function configOrReport(io: CliIo, name: string): Config | null {
  try {
    return loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`${name}: ${error.message}\n`);
    return null;
  }
}
