/**
 * The two node-redis connections scale-out needs: `pub` for commands and publishing, `sub` for
 * subscriptions (a subscribed connection can do nothing else). Both reconnect forever with a
 * capped back-off, and both always have an 'error' listener: without one, a dropped connection
 * is an uncaught 'error' event that kills the process.
 */
import { createClient } from "redis";

/** Longest wait between reconnection attempts, so recovery is noticed within about this long. */
const MAX_RECONNECT_DELAY_MS = 1_000;

/**
 * Milliseconds before reconnection attempt `retries`: 50, 100, 200, ... capped at 1 s, with a
 * little jitter so many instances do not knock on a returning Redis in the same instant.
 * Never gives up: an instance outlives any Redis outage.
 */
export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(50 * 2 ** Math.min(retries, 10), MAX_RECONNECT_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

function newPubClient(url: string) {
  return createClient({
    url,
    // Fail fast while disconnected rather than queue: a publish during an outage is useless
    // later (the resync covers it), a queued one would stall the sharded adapter's local
    // delivery, and rate limits switch to their in-memory insurance at once.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => reconnectDelayMs(retries) },
  });
}

/** A node-redis client as Parley configures it. */
export type RedisClient = ReturnType<typeof newPubClient>;

export interface RedisClients {
  pub: RedisClient;
  sub: RedisClient;
}

/** Creates (does not connect) both clients; every 'error' event goes to `onError`. */
export function createRedisClients(
  url: string,
  onError: (error: unknown, client: "pub" | "sub") => void,
): RedisClients {
  const pub = newPubClient(url);
  // Subscriptions made while down (a reader joined a new article room) must still reach Redis
  // when it returns, so the subscriber keeps node-redis's offline queue.
  const sub = pub.duplicate({ disableOfflineQueue: false });
  pub.on("error", (error: unknown) => onError(error, "pub"));
  sub.on("error", (error: unknown) => onError(error, "sub"));
  return { pub, sub };
}

/**
 * Wraps a client so that no promise it returns can become an unhandled rejection. The Redis
 * adapter fires some commands and forgets them (the classic adapter's `publish`, every
 * `subscribe`); when Redis is away those reject, and Node 20 ends the process on an unhandled
 * rejection. Callers that do await still see the rejection: the original promise is returned.
 */
export function withRejectionsHandled<T extends object>(
  client: T,
  onRejected: (error: unknown) => void,
): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) void result.then(undefined, onRejected);
        return result;
      };
    },
  });
}
