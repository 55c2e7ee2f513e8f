/**
 * Builds the browser side into dist/client, which the server serves as static files:
 * - `embed.js`: the embed as one IIFE (a host loads it with a plain `<script async>`, not a module),
 *   socket.io-client included, budget 40 KB gzipped (tests/unit/embed-size.test.ts); the target
 *   browsers, minifier settings and dependency trimming live in client/browser-build.vite.ts;
 * - `index.html`, `other.html`, `demo.css`: the demo pages, copied as they are (they hold no
 *   inline script or style, so they pass a strict CSP);
 * - `locales/<tag>.<hash>.json`: the other languages' catalogues (client/i18n/locales.vite.ts).
 * Vitest also reads this file; it gets the empty config, since only `vite build` needs any of this.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin, type UserConfig } from "vite";
import { browserBuild, browserPlugins, browserResolve } from "./client/browser-build.vite.js";
import { localeCatalogues } from "./client/i18n/locales.vite.js";
import { moderatePage } from "./client/moderate/moderate-page.vite.js";

const clientDir = fileURLToPath(new URL("./client/", import.meta.url));

/** Static demo files emitted next to the embed. */
const DEMO_FILES = ["index.html", "other.html", "demo.css", "favicon.svg"];

function demoPages(): Plugin {
  return {
    name: "parley-demo-pages",
    generateBundle() {
      for (const fileName of DEMO_FILES) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(clientDir + fileName) });
      }
    },
  };
}

/** The build of the embed and the demo pages. */
export const buildConfig: UserConfig = {
  publicDir: false,
  // The moderation page (/moderate) is a second entry, built by its own plugin.
  plugins: [...browserPlugins(), demoPages(), moderatePage(clientDir), localeCatalogues()],
  resolve: browserResolve,
  build: {
    ...browserBuild,
    outDir: "dist/client",
    emptyOutDir: true,
    reportCompressedSize: true,
    lib: {
      entry: fileURLToPath(new URL("./client/embed.ts", import.meta.url)),
      formats: ["iife"],
      name: "ParleyEmbed",
      fileName: () => "embed.js",
    },
  },
};

export default defineConfig(({ command }) => (command === "build" ? buildConfig : {}));
