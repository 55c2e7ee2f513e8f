/**
 * Build settings shared by the browser bundles (the embed in vite.config.ts, /moderate in
 * client/moderate/moderate-page.vite.ts): which browsers, which dependency builds, how to minify.
 * Each setting earns its bytes; docs/embed.md ("What the embed weighs") has the figures.
 */
import type { BuildEnvironmentOptions, Plugin, ResolveOptions } from "vite";
import { socketParser } from "./net/socket-parser.vite.js";
import { socketTransports } from "./net/socket-transports.vite.js";

/**
 * The oldest browsers the bundles support. The embed already needs them at run time
 * (`AbortSignal.timeout` in client/net/api.client.ts: Chrome and Edge 103, Firefox 100,
 * Safari 16), so targeting them drops no reader, and class fields, `??=` and the like ship as
 * written instead of through helpers.
 */
const BROWSER_TARGET = ["chrome103", "edge103", "firefox100", "safari16"];

/**
 * Browser builds of dependencies, whoever calls the build: socket.io-client's "node" entry drags
 * in `debug`, which the browser never needs.
 */
export const browserResolve: ResolveOptions = {
  conditions: ["browser", "module", "import", "default"],
};

/**
 * Oxc's minifier as Vite would run it, plus renaming of `_`-prefixed properties: the private
 * fields of socket.io-client and engine.io-client (`_reconnecting`, `_callbacks`, ...), which are
 * long and many. Safe because nothing outside the bundle reads them, with two exceptions kept:
 * `_zod` (zod defines it by its string name) and `_placeholder` (a Socket.IO wire field).
 * Quoted uses (`this.io["_reconnecting"]`) are renamed too, so they stay in step. Parley's own
 * code never names a property with a leading `_` (tests/unit/embed-mangle.test.ts checks it).
 */
const browserMinify = {
  compress: true,
  mangle: true,
  codegen: true,
  mangleProps: { include: /^_[a-zA-Z]/, exclude: /^(_zod|_placeholder)$/, quoted: true },
};

/** The build options every browser bundle shares (library settings and output folder apart). */
export const browserBuild: BuildEnvironmentOptions = {
  target: BROWSER_TARGET,
  sourcemap: false,
  rolldownOptions: { output: { minify: browserMinify } },
};

/** The plugins every browser bundle needs. */
export function browserPlugins(): Plugin[] {
  return [socketTransports(), socketParser()];
}
