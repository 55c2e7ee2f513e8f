/**
 * `parley <command> [options]`: dispatches to server/cli/commands.ts. Bad arguments print the
 * usage and exit 2; a failure prints one line and exits 1.
 */
import { type CliIo, USAGE_EXIT, UsageError } from "./cli-command.js";
import { commands, loadCommand } from "./commands.js";

/** The top-level help: every command with its one-line summary. */
function mainUsage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`,
  );
  return [
    "usage: parley <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `parley <command> --help` for a command's options. Settings come from the environment",
    "(README: Configuration), the same variables for every command.",
    "",
  ].join("\n");
}

/** Runs `argv` (without node and the script); resolves with the exit code, or undefined (serve). */
export async function runCli(argv: string[], io: CliIo): Promise<number | undefined> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(mainUsage());
    return USAGE_EXIT;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(mainUsage());
    return 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr(`parley: unknown command ${JSON.stringify(name)}\n\n${mainUsage()}`);
    return USAGE_EXIT;
  }
  try {
    const command = await loadCommand(entry);
    try {
      return await command.run(args, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`parley ${name}: ${error.message}\n\n${command.usage}`);
      return USAGE_EXIT;
    }
  } catch (error) {
    io.stderr(`parley ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
