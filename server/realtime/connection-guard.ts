/**
 * Who may open a socket, decided in Engine.IO's `allowRequest` before any upgrade: the page's
 * Origin must be allowed (browsers' CORS cannot stop a non-browser client claiming one), and a
 * client address may hold at most MAX_SOCKETS_PER_IP connections at once.
 */
import type { IncomingMessage } from "node:http";
import { ipBucket } from "../domain/ip-bucket.js";
import { originAllowed } from "./gateway.js";
import type { EngineSocket, ParleyServer } from "./socket-types.js";

export interface ConnectionGuardOptions {
  allowedOrigins: Set<string>;
  /** 0: no limit. */
  maxSocketsPerIp: number;
  /** The client address of a handshake, behind trusted proxies (client-ip.ts). */
  clientIp: (req: IncomingMessage) => string;
}

/** Creates the guard; pass `allowRequest` to Socket.IO and call `attach(io)` once it exists. */
export function createConnectionGuard(options: ConnectionGuardOptions) {
  const open = new Map<string, number>();

  return {
    /** Engine.IO calls this for each new handshake (not for requests of an open session). */
    allowRequest(req: IncomingMessage, callback: (err: string | null, ok: boolean) => void) {
      if (!originAllowed(req, options.allowedOrigins)) {
        return callback("origin not allowed", false);
      }
      const ip = ipBucket(options.clientIp(req));
      if (options.maxSocketsPerIp > 0 && (open.get(ip) ?? 0) >= options.maxSocketsPerIp) {
        return callback("too many connections from this address", false);
      }
      callback(null, true);
    },

    /** Counts open connections per address, from connect to close. */
    attach(io: ParleyServer) {
      io.engine.on("connection", (raw: EngineSocket) => {
        // Counted per /64 for IPv6, as every per-address limit is (ip-bucket.ts).
        const ip = ipBucket(
          raw.parleyIp ?? (raw.request ? options.clientIp(raw.request) : "unknown"),
        );
        const count = (open.get(ip) ?? 0) + 1;
        open.set(ip, count);
        raw.once("close", () => {
          const left = (open.get(ip) ?? 1) - 1;
          if (left <= 0) open.delete(ip);
          else open.set(ip, left);
        });
        // Handshakes arriving together all pass allowRequest before any of them is counted:
        // the cap is enforced again here, closing the surplus at once.
        if (options.maxSocketsPerIp > 0 && count > options.maxSocketsPerIp) raw.close();
      });
    },

    /** Open connections of one address (for tests and metrics). */
    openFrom: (ip: string) => open.get(ip) ?? 0,
  };
}
