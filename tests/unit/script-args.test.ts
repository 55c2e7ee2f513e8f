// The bench and the scripts parse their flags strictly (node:util parseArgs, strict: true): a
// mistyped flag stops them with exit 2, the reason and the usage, before they do any work.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;

function run(script: string, args: string[]) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? "" } },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr }),
    );
  });
}

// Concurrent: each case is one tsx start-up, mostly waiting on the compiler.
describe.concurrent("flags of the bench and scripts", () => {
  it.each([
    ["bench/run.ts", ["--quik"], "Unknown option '--quik'"],
    ["bench/scale-out-adapters.ts", ["--run=2"], "Unknown option '--run'"],
    ["scripts/precompress.ts", ["--gzip", "dist/client"], "Unknown option '--gzip'"],
  ])(
    "%s %s exits 2 with the reason and the usage",
    { timeout: 90_000 },
    async (script, args, reason) => {
      const { code, stderr } = await run(script, args);
      expect(code).toBe(2);
      expect(stderr).toContain(reason);
      expect(stderr).toContain("usage:");
    },
  );
});
