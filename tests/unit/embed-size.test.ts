/**
 * The embed's size budget: the English embed.js, socket.io-client (engine.io-client, Parley's
 * packet codec) and the zod/mini schemas included, must stay at most 40 KB gzipped (level 9).
 * Builds a fresh copy into a temp folder (never touching dist/client, which running servers may be
 * serving) with the same configuration `npm run build` uses, so the browser settings and plugins
 * of client/browser-build.vite.ts apply. What the bytes are: docs/embed.md, "What the embed weighs".
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../vite.config.js";

/** 40 KB, counted in thousands of bytes (the stricter reading of "KB"). */
const BUDGET_BYTES = 40_000;
const root = new URL("../../", import.meta.url).pathname;

describe("embed size", () => {
  const outDir = mkdtempSync(join(tmpdir(), "parley-embed-size-"));
  let js = Buffer.alloc(0);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  beforeAll(async () => {
    // Only the embed counts here; the moderation page's plugin also writes to dist/client,
    // which servers in other test files may be serving right now.
    const plugins = (buildConfig.plugins ?? []).filter(
      (plugin) => !(plugin && "name" in plugin && plugin.name === "parley-moderate-page"),
    );
    await build({
      ...buildConfig,
      plugins,
      root,
      configFile: false,
      mode: "production",
      logLevel: "silent",
      build: { ...buildConfig.build, outDir, emptyOutDir: true, reportCompressedSize: false },
    });
    js = readFileSync(join(outDir, "embed.js"));
  });

  it("is at most 40 KB gzipped, socket.io-client included", () => {
    const gzipped = gzipSync(js, { level: 9 }).length;
    // The figure, for the README and for anyone wondering how close to the budget it is.
    process.stderr.write(`[embed-size] embed.js ${js.length} bytes, ${gzipped} bytes gzipped\n`);
    expect(js.includes("socket.io") || js.includes("engine.io")).toBe(true);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("leaves out what the build trims: long-polling, WebTransport, socket.io-parser's binary half", () => {
    // client/net/socket-transports.vite.ts and socket-parser.vite.ts; a dependency update that
    // slips past them shows up here before it shows up in the budget.
    for (const text of ["XMLHttpRequest", "WebTransport", "attachments", "_placeholder"]) {
      expect(js.includes(text), text).toBe(false);
    }
    // The minifier renamed socket.io-client's private fields (client/browser-build.vite.ts).
    expect(js.includes("_reconnecting")).toBe(false);
  });
});
