/**
 * `npm run --silent export > parley-export.json`: the same command as `parley export`
 * (server/cli/export.command.ts), run from sources. docs/import.md#export-format.
 */
import { command } from "../cli/export.command.js";
import { runCommandScript } from "../cli/cli-command.js";

runCommandScript("export", command, process.argv.slice(2));
