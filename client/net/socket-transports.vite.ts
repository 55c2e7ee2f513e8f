/**
 * Vite (Rolldown) plugin that bundles only the Engine.IO transports the embed opens
 * (SOCKET_TRANSPORTS). engine.io-client's Socket imports a map of every transport (long-polling
 * over XHR, WebSocket, WebTransport), so all of them ship even when a client lists one; and
 * polling-xhr.js registers a `pagehide` listener on the host page as soon as it is loaded.
 * This plugin rewrites that map to the listed transports and marks the unlisted transport
 * modules free of side effects, so tree-shaking drops them. It fails the build if engine.io-client
 * no longer has the file it rewrites, rather than silently shipping everything again.
 */
import type { Plugin } from "vite";
import { SOCKET_TRANSPORTS, type SocketTransport } from "./socket-transports.js";

const ENGINE_DIR = "/engine.io-client/build/esm/";

/** Each transport's module, relative to engine.io-client's transports folder (browser-mapped). */
const TRANSPORT_MODULES: Record<SocketTransport, { file: string; name: string }> = {
  websocket: { file: "./websocket.node.js", name: "WS" },
  polling: { file: "./polling-xhr.node.js", name: "XHR" },
  webtransport: { file: "./webtransport.js", name: "WT" },
};

/** Modules only the unlisted transports need, by transport (paths under ENGINE_DIR). */
const ONLY_FOR: Record<SocketTransport, string[]> = {
  websocket: ["transports/websocket.js"],
  polling: ["transports/polling-xhr.js", "transports/polling.js", "contrib/has-cors.js"],
  webtransport: ["transports/webtransport.js"],
};

/** The transports map engine.io-client's Socket reads, reduced to `transports`. */
function transportsModule(transports: readonly SocketTransport[]): string {
  const imports = transports.map((t) => {
    const { file, name } = TRANSPORT_MODULES[t];
    return `import { ${name} as ${t} } from ${JSON.stringify(file)};`;
  });
  return `${imports.join("\n")}\nexport const transports = { ${transports.join(", ")} };\n`;
}

/** The plugin; `transports` defaults to the embed's list. */
export function socketTransports(
  transports: readonly SocketTransport[] = SOCKET_TRANSPORTS,
): Plugin {
  const unused = new Set(
    (Object.keys(ONLY_FOR) as SocketTransport[])
      .filter((t) => !transports.includes(t))
      .flatMap((t) => ONLY_FOR[t]),
  );
  let rewritten = false;
  return {
    name: "parley-socket-transports",
    apply: "build",
    buildStart() {
      rewritten = false;
    },
    load(id) {
      if (!id.endsWith(`${ENGINE_DIR}transports/index.js`)) return null;
      rewritten = true;
      return transportsModule(transports);
    },
    transform(code, id) {
      const at = id.lastIndexOf(ENGINE_DIR);
      if (at === -1 || !unused.has(id.slice(at + ENGINE_DIR.length))) return null;
      // Nothing of these modules is used; without this their top-level code (an unload listener,
      // an XHR probe) would keep them in.
      return { code, moduleSideEffects: false };
    },
    buildEnd(error) {
      if (!error && !rewritten) {
        this.error(
          `engine.io-client has no ${ENGINE_DIR}transports/index.js any more: update ` +
            "client/net/socket-transports.vite.ts for its new layout.",
        );
      }
    },
  };
}
