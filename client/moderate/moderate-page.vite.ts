/**
 * Vite plugin that adds the moderation page to the client build: `moderate.js` (its own IIFE,
 * since a library build has one entry) plus `moderate.html` and `moderate.css`, next to the embed
 * in the embed build's own output folder (dist/client). Runs a second build (with the embed's browser
 * settings, client/browser-build.vite.ts) once the embed's bundle is written.
 */
import { copyFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build, type Plugin } from "vite";
import { browserBuild, browserPlugins, browserResolve } from "../browser-build.vite.js";
import { localeDefine } from "../i18n/locales.vite.js";

/** `clientDir` is the client sources folder; the output goes wherever the embed's build goes. */
export function moderatePage(clientDir: string): Plugin {
  let outDir = "";
  return {
    name: "parley-moderate-page",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        publicDir: false,
        logLevel: "warn",
        // As the embed's build: same browsers, dependency builds, transports and minifier.
        plugins: browserPlugins(),
        resolve: browserResolve,
        // Which catalogues exist (the embed's build writes the files).
        define: localeDefine(),
        build: {
          ...browserBuild,
          outDir,
          emptyOutDir: false,
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
