/**
 * A TCP proxy a test can cut and restore, to play a database or Redis outage without touching
 * the shared server: clients connect to the proxy's port; `cut()` drops every connection and
 * refuses new ones; `restore()` listens again on the same port. `freeze()` plays a network
 * partition instead: connections stay open but nothing gets through until `thaw()`.
 *
 *   const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
 *   afterAll(() => proxy.close());
 *   // connect to 127.0.0.1:proxy.port ... await proxy.cut(); ... await proxy.restore();
 *
 * Exports here are used by several test files: keep them stable.
 */
import { createServer, type Server, Socket } from "node:net";

/** A running proxy; see the module comment. */
export interface TcpProxy {
  /** The local port clients connect to (fixed for the proxy's life, chosen by the OS). */
  readonly port: number;
  /** Resets every open connection (both sides) and stops accepting new ones. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  /** Silently swallows every byte in both directions; sockets stay open (a partition). */
  freeze(): void;
  /** Ends a freeze: bytes flow again (those swallowed meanwhile are lost). */
  thaw(): void;
  /** Cuts and stops for good. */
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1, port 0, forwarding every connection to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let frozen = false;
  const forward = (client: Socket) => {
    const upstream = new Socket();
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      // Errors are expected here (that is the point of the proxy): end the pair quietly.
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.connect(target.port, target.host);
    // By hand rather than pipe(), so that a freeze can drop bytes while the sockets stay open.
    client.on("data", (chunk: Buffer) => {
      if (!frozen) upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!frozen) client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  };

  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer(forward);
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        server = s;
        const address = s.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      // resetAndDestroy sends RST, like a server that died, rather than a polite FIN.
      for (const socket of open) socket.resetAndDestroy();
      if (s) s.close(() => resolve());
      else resolve();
    });

  const port = await listen(0);
  return {
    port,
    cut,
    restore: async () => {
      if (!server) await listen(port);
    },
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
    },
    close: () => {
      frozen = false;
      return cut();
    },
  };
}
