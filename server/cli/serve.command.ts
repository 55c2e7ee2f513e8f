/** `parley serve`: runs the server through the composition root (server/main.ts). */
import { type CliCommand, helpAsked } from "./cli-command.js";

const usage = `usage: parley serve

Runs Parley until SIGTERM or SIGINT (graceful stop within SHUTDOWN_TIMEOUT_MS; a second signal
exits at once). Applies pending migrations first, as \`parley migrate\` would. Every setting comes
from the environment (README: Configuration).

Options:
  -h, --help  show this help
`;

export const command: CliCommand = {
  usage,
  async run(args, io) {
    if (helpAsked(args, io, usage)) return 0;
    // Loaded here, not at the top: the whole server is only needed when serving.
    const { serve } = await import("../main.js");
    await serve(io.env);
    return undefined;
  },
};
