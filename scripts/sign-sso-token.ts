/**
 * Kept for hosts and docs that know this path: the signing function now lives in
 * server/cli/sign-sso-token.ts and the command line is `parley sso-token` (docs/sso.md).
 *
 *   SSO_SECRET=... npx tsx scripts/sign-sso-token.ts --sub 42 --name "Ada Lovelace"
 *
 * runs `parley sso-token` with the same flags.
 */
import { pathToFileURL } from "node:url";
import { runCli } from "../server/cli/run-cli.js";

export { signSsoToken, type SsoClaims } from "../server/cli/sign-sso-token.js";

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const code = await runCli(["sso-token", ...process.argv.slice(2)], {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  process.exit(code ?? 0);
}
