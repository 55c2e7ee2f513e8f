/**
 * Whatever `npm run build` runs must reach the image's build stage: every local file the build
 * script names must survive .dockerignore.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

/** True when .dockerignore's rules (last match wins, `!` re-includes) leave `path` in the context. */
function included(path: string, rules: string[]): boolean {
  let keep = true;
  for (const raw of rules) {
    const negated = raw.startsWith("!");
    const pattern = negated ? raw.slice(1) : raw;
    const regex = new RegExp(
      `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/.*)?$`,
    );
    if (regex.test(path)) keep = negated;
  }
  return keep;
}

describe(".dockerignore", () => {
  const rules = read(".dockerignore")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const build = (JSON.parse(read("package.json")) as { scripts: { build: string } }).scripts.build;
  const files = build.match(/[\w./-]+\.(?:ts|json|mjs|js)\b/g) ?? [];

  it("keeps every file the build script runs", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(included(file, rules), file).toBe(true);
  });

  it("keeps the sources and lockfile, and leaves tests and local data out", () => {
    for (const path of [
      "server/main.ts",
      "client/embed.ts",
      "shared/schemas.ts",
      "package-lock.json",
    ]) {
      expect(included(path, rules), path).toBe(true);
    }
    for (const path of ["tests/unit/x.test.ts", "data/parley.db", "node_modules/x", ".env"]) {
      expect(included(path, rules), path).toBe(false);
    }
  });
});
