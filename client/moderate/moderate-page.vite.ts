/**
 * Vite plugin that adds the moderation page to the client build: `moderate.js` (its own IIFE,
 * since a library build has one entry) plus `moderate.html` and `moderate.css`, next to the embed
 * in dist/client. Runs a second, plugin-free build once the embed's bundle is written.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "vite";

/** `clientDir` is the client sources folder; `outDir` the build's output (dist/client). */
export function moderatePage(clientDir: string, outDir: string): Plugin {
  return {
    name: "parley-moderate-page",
    apply: "build",
    async closeBundle() {
      await build({
        configFile: false,
        publicDir: false,
        logLevel: "warn",
        // As the embed's build: browser builds of dependencies (socket.io-client without `debug`).
        resolve: { conditions: ["browser", "module", "import", "default"] },
        build: {
          outDir,
          emptyOutDir: false,
          target: "es2020",
          sourcemap: false,
          lib: {
            entry: join(clientDir, "moderate", "moderate.ts"),
            formats: ["iife"],
            name: "ParleyModerate",
            fileName: () => "moderate.js",
          },
        },
      });
      for (const file of ["moderate.html", "moderate.css"]) {
        copyFileSync(join(clientDir, file), join(outDir, file));
      }
    },
  };
}
