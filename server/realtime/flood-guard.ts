/**
 * Events per connection per second (SOCKET_EVENTS_PER_SECOND), as a token bucket: each socket
 * earns `limit` tokens a second and may hold a burst of BURST_SECONDS' worth; each event spends
 * one. Past that an event is refused (its ack says `rate_limited`) and the socket is told once
 * with `limit:reached`; refused events spend tokens too, so a socket that keeps sending digs
 * itself into debt and is disconnected once it owes a second's worth. Runs as Socket.IO
 * middleware, so unknown events count too.
 *
 * Counting at receive time alone punished honest clients of a saturated server: a loop busy for
 * seconds reads each socket's frames of those seconds at once, and they looked like a flood. The
 * bucket has earned the tokens for that time (it refills by the clock), and may hold as many as
 * the server was late (the loop's recent delay, from loop-lag.ts), so a client sending under the
 * limit is never refused however late the server reads it; the refill rate stays the limit, so
 * a sustained flood still runs out.
 */
import type { Logger } from "pino";
import type { Ack } from "../../shared/events.js";
import { createLoopLag } from "./loop-lag.js";
import type { ParleyServer } from "./socket-types.js";

/** One connection's bucket. */
export interface FloodState {
  tokens: number;
  /** When the tokens were last counted (ms). */
  at: number;
  /** Told with `limit:reached` since it last had tokens. */
  warned: boolean;
}

/** What to do with one incoming event. */
export type FloodVerdict = "allow" | "refuse-and-warn" | "refuse" | "disconnect";

/** Seconds of the limit a socket may send at once (a page opening joins and posts together). */
export const BURST_SECONDS = 2;

/** A new connection's bucket: a full burst. */
export function freshFloodState(now: number, limit: number): FloodState {
  return { tokens: limit * BURST_SECONDS, at: now, warned: false };
}

/**
 * The pure rule: counts one event at `now` (ms) into `state` and says what to do with it.
 * `lateMs` is how late the server's loop has recently run: the bucket may hold that much more.
 */
export function floodVerdict(
  state: FloodState,
  now: number,
  limit: number,
  lateMs = 0,
): FloodVerdict {
  const capacity = limit * (BURST_SECONDS + Math.max(0, lateMs) / 1000);
  const earned = (Math.max(0, now - state.at) * limit) / 1000;
  state.tokens = Math.min(capacity, state.tokens + earned);
  state.at = now;
  state.tokens -= 1;
  if (state.tokens >= 0) {
    state.warned = false;
    return "allow";
  }
  if (state.tokens < -limit) return "disconnect";
  if (state.warned) return "refuse";
  state.warned = true;
  return "refuse-and-warn";
}

export interface FloodGuardOptions {
  eventsPerSecond: number;
  logger: Logger;
  now?: () => number;
  /** How late the loop has recently run (ms); measured by a timer unless given. */
  lateMs?: () => number;
}

/** Installs the guard on every new connection; a limit of 0 turns it off. Returns its stop. */
export function attachFloodGuard(io: ParleyServer, options: FloodGuardOptions): () => void {
  const limit = options.eventsPerSecond;
  if (limit === 0) return () => {};
  const now = options.now ?? (() => performance.now());
  const lag = options.lateMs ? null : createLoopLag();
  const lateMs = options.lateMs ?? (() => lag!.recentMs());
  const refused: Ack = {
    ok: false,
    error: { code: "rate_limited", message: `At most ${limit} events per second` },
  };
  io.on("connection", (socket) => {
    const state = freshFloodState(now(), limit);
    socket.use((packet, next) => {
      const verdict = floodVerdict(state, now(), limit, lateMs());
      if (verdict === "allow") return next();
      const ack: unknown = packet[packet.length - 1];
      if (typeof ack === "function") (ack as (answer: Ack) => void)(refused);
      if (verdict === "refuse-and-warn") {
        socket.emit("limit:reached", {
          code: "rate_limited",
          message: `Too many events: at most ${limit} per second; slow down or be disconnected`,
        });
      } else if (verdict === "disconnect" && socket.connected) {
        (socket.data.log ?? options.logger).warn({ limit }, "socket flooding: disconnected");
        socket.disconnect(true);
      }
    });
  });
  return () => lag?.stop();
}
