/** The typed Socket.IO server and socket of Parley, from the shared event maps. */
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
