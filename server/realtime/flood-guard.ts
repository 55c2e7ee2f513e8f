/**
 * Events per connection per second (SOCKET_EVENTS_PER_SECOND). Past the limit an event is refused
 * (its ack says `rate_limited`) and the socket is told once per window with `limit:reached`; a
 * socket that keeps flooding (twice the limit in one window, or over it three windows running)
 * is disconnected. Runs as Socket.IO middleware, so unknown events count too.
 */
import type { Logger } from "pino";
import type { Ack } from "../../shared/events.js";
import type { ParleyServer } from "./socket-types.js";

/** One connection's counting state. */
export interface FloodState {
  windowStart: number;
  count: number;
  /** Consecutive windows in which the limit was passed. */
  strikes: number;
}

/** What to do with one incoming event. */
export type FloodVerdict = "allow" | "refuse-and-warn" | "refuse" | "disconnect";

const WINDOW_MS = 1000;
/** Windows over the limit in a row that count as a continued flood. */
const MAX_STRIKES = 3;

/** The pure rule: counts the event at `now` (ms) into `state` and says what to do with it. */
export function floodVerdict(state: FloodState, now: number, limit: number): FloodVerdict {
  if (now - state.windowStart >= WINDOW_MS) {
    // A quiet window (one at or under the limit) forgives earlier strikes.
    if (state.count <= limit) state.strikes = 0;
    state.windowStart = now;
    state.count = 0;
  }
  state.count += 1;
  if (state.count <= limit) return "allow";
  if (state.count > 2 * limit) return "disconnect";
  if (state.count === limit + 1) {
    state.strikes += 1;
    return state.strikes >= MAX_STRIKES ? "disconnect" : "refuse-and-warn";
  }
  return "refuse";
}

/** Installs the guard on every new connection; a limit of 0 turns it off. */
export function attachFloodGuard(
  io: ParleyServer,
  options: { eventsPerSecond: number; logger: Logger; now?: () => number },
): void {
  const limit = options.eventsPerSecond;
  if (limit === 0) return;
  const now = options.now ?? (() => performance.now());
  const refused: Ack = {
    ok: false,
    error: { code: "rate_limited", message: `At most ${limit} events per second` },
  };
  io.on("connection", (socket) => {
    const state: FloodState = { windowStart: now(), count: 0, strikes: 0 };
    socket.use((packet, next) => {
      const verdict = floodVerdict(state, now(), limit);
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
}
