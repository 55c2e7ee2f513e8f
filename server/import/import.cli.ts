/**
 * `npm run import -- wordpress|disqus|parley FILE [options]`: the same command as
 * `parley import` (server/cli/import.command.ts), run from sources. docs/import.md.
 */
import { command } from "../cli/import.command.js";
import { runCommandScript } from "../cli/cli-command.js";

runCommandScript("import", command, process.argv.slice(2));
