/**
 * Runs once before the suite: builds the embed when it is missing or older than its sources, so
 * tests that load pages (and the size check) see the current client.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup() {
  const built = join(root, "dist/client/embed.js");
  const sources = Math.max(newestMtime(join(root, "client")), newestMtime(join(root, "shared")));
  if (
    existsSync(join(root, "vite.config.ts")) &&
    (!existsSync(built) || statSync(built).mtimeMs < sources)
  ) {
    execFileSync("npx", ["vite", "build", "--logLevel", "error"], { cwd: root, stdio: "inherit" });
    execFileSync("npx", ["tsx", "scripts/precompress.ts", "dist/client"], {
      cwd: root,
      stdio: "ignore",
    });
  }
}
