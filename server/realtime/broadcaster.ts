/**
 * The fan-out port: emit one event to rooms, on every instance. The default goes straight through
 * Socket.IO's adapter (in memory, or Redis when configured); the Redis-aware one adds outage
 * handling. Socket.IO encodes a room broadcast once for all its sockets.
 */
import type { ServerToClientEvents } from "../../shared/events.js";
import type { Metrics } from "../metrics.js";
import type { ParleyServer } from "./socket-types.js";

export interface Broadcaster {
  toRooms<E extends keyof ServerToClientEvents>(
    rooms: string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /** Instances a broadcast reaches, this one included, as last known (none given: 1). */
  instances?: () => number;
}

/** Counts the local sockets a broadcast reaches, for parley_deliveries_total. */
export function localAudience(io: ParleyServer, rooms: string[]): number {
  let n = 0;
  for (const room of rooms) n += io.of("/").adapter.rooms.get(room)?.size ?? 0;
  return n;
}

export function ioBroadcaster(io: ParleyServer, metrics: Metrics): Broadcaster {
  return {
    toRooms(rooms, event, ...args) {
      metrics.deliveries.inc({ event }, localAudience(io, rooms));
      io.to(rooms).emit(event, ...args);
    },
  };
}
