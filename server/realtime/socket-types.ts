/** The typed Socket.IO server and socket of Parley, from the shared event maps. */
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events.js";
import type { Actor } from "../domain/auth.service.js";

/** What the gateway keeps on each socket. */
export interface SocketData {
  actor: Actor | null;
  /** When the actor's token ends (ms since 1970); the connection then drops to anonymous. */
  expiresAtMs: number;
  ip: string;
  log: Logger;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};

export type ParleyServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type ParleySocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/**
 * The Engine.IO socket under a Socket.IO one (`io.engine`'s "connection", `socket.conn`), as far
 * as Parley touches it, with the two fields the gateway keeps on it once the handshake request
 * is dropped (gateway.ts) and the guard reads (connection-guard.ts).
 */
export interface EngineSocket {
  request: IncomingMessage | null;
  /** The client address behind trusted proxies, resolved from the handshake (client-ip.ts). */
  parleyIp?: string;
  /** The handshake's Host: the server's own origin for page claims (see article-page.rules). */
  parleyHost?: string;
  once(event: "close", listener: () => void): void;
  close(): void;
}
