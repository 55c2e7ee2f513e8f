#!/usr/bin/env node
/**
 * The `parley` command (package.json `bin`: dist/server/cli/parley.js after `npm run build`; in
 * development `npm run parley -- <command>`). Only wires the process to run-cli.ts.
 */
import { processIo } from "./cli-command.js";
import { runCli } from "./run-cli.js";

runCli(process.argv.slice(2), processIo()).then(
  // stdout and stderr are synchronous for files and pipes on Linux: nothing is lost by exiting.
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`parley: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
