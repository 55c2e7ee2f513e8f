/**
 * Vite (Rolldown) plugin that gives socket.io-client Parley's JSON-only packet codec
 * (client/net/socket-parser.ts) in place of socket.io-parser. socket.io-client imports the default
 * parser even when its `parser` option names another, so only the build can leave it out. Fails
 * the build if socket.io-client stopped importing socket.io-parser (a new layout to look at).
 */
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const codec = fileURLToPath(new URL("./socket-parser.ts", import.meta.url));

/** The plugin. */
export function socketParser(): Plugin {
  let replaced = false;
  return {
    name: "parley-socket-parser",
    apply: "build",
    enforce: "pre",
    buildStart() {
      replaced = false;
    },
    resolveId(source, importer) {
      if (source !== "socket.io-parser" || !importer?.includes("/socket.io-client/")) return null;
      replaced = true;
      return codec;
    },
    buildEnd(error) {
      if (!error && !replaced) {
        this.error(
          "socket.io-client no longer imports socket.io-parser: update client/net/socket-parser.vite.ts.",
        );
      }
    },
  };
}
