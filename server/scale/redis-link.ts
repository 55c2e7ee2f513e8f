/**
 * Whether this instance is connected to Redis, as one up/down state over both clients, with
 * exactly one log line per change: a warning when the link is lost and one info line when it is
 * back. node-redis reports an 'error' on every failed reconnection attempt (several a second);
 * those go to debug, at most one per client per ERROR_LOG_INTERVAL_MS, so an outage never
 * floods the logs.
 */
import type { Logger } from "pino";
import type { RedisClient } from "./redis-clients.js";

/** At most one debug line per client for repeated connection errors, this often. */
const ERROR_LOG_INTERVAL_MS = 30_000;

export interface RedisLink {
  /** True while every client is connected and ready. */
  isUp(): boolean;
  /** Called on every change, after the change is logged. */
  onChange(listener: (up: boolean) => void): void;
  /** Records a connection error (from a client's 'error' event or a failed command). */
  noteError(error: unknown, client: string): void;
  /** Shutdown began: the coming disconnect is ours, not an outage. */
  closing(): void;
}

export function watchRedisLink(
  clients: Record<string, RedisClient>,
  logger: Logger,
  now: () => number = Date.now,
): RedisLink {
  const log = logger.child({ component: "redis" });
  const listeners: ((up: boolean) => void)[] = [];
  const lastErrorLogAt = new Map<string, number>();
  const suppressed = new Map<string, number>();
  let up = false;
  let everUp = false;
  let downSince = now();
  let lastError: unknown = null;
  let stopping = false;

  const update = () => {
    const nowUp = Object.values(clients).every((client) => client.isReady);
    if (nowUp === up || stopping) return;
    up = nowUp;
    if (up) {
      const downMs = now() - downSince;
      if (everUp) log.info({ downMs }, "Redis connection back; resyncing readers");
      else log.info("Redis connected");
      everUp = true;
    } else {
      downSince = now();
      log.warn(
        { err: lastError },
        "Redis connection lost; serving local readers only until it returns",
      );
    }
    for (const listener of listeners) listener(up);
  };

  for (const client of Object.values(clients)) {
    for (const event of ["ready", "end", "reconnecting", "error"] as const) {
      client.on(event, update);
    }
  }

  return {
    isUp: () => up,
    onChange: (listener) => void listeners.push(listener),
    noteError(error, client) {
      lastError = error;
      const last = lastErrorLogAt.get(client) ?? -Infinity;
      if (now() - last < ERROR_LOG_INTERVAL_MS) {
        suppressed.set(client, (suppressed.get(client) ?? 0) + 1);
        return;
      }
      lastErrorLogAt.set(client, now());
      log.debug(
        { err: error, client, suppressed: suppressed.get(client) ?? 0 },
        "Redis connection error",
      );
      suppressed.set(client, 0);
    },
    closing() {
      stopping = true;
    },
  };
}
