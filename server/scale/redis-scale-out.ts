/**
 * Scale-out through Redis: the Socket.IO adapter, shared rate limits, the "redis" readiness
 * check, and outage handling (local-only delivery while Redis is away, resync when it returns).
 * Redis errors never end the process: every client has an 'error' listener and every promise
 * the adapter forgets is handled.
 */
import type { Logger } from "pino";
import type { ScaleOut } from "../app.js";
import type { ParleyServer } from "../realtime/socket-types.js";
import { createArticleSequencer, type SequencedEvent } from "./article-sequencer.js";
import { roomStarter, storeChangesFetcher } from "./gap-filler.js";
import { trackMissedArticles } from "./missed-articles.js";
import { type InstanceCount, trackInstanceCount } from "./instance-count.js";
import { outageAwareBroadcaster } from "./outage-broadcaster.js";
import { type AdapterKind, defaultAdapterKind, redisAdapter } from "./redis-adapter.choice.js";
import { createRedisClients, withRejectionsHandled } from "./redis-clients.js";
import { type RedisLink, watchRedisLink } from "./redis-link.js";
import { redisNames } from "./redis-names.js";
import { redisPresenceBoard } from "./redis-presence-board.js";
import { redisLimiterFactory } from "./redis-rate-limits.js";
import { attachResync } from "./resync.js";

/** Knobs with safe defaults; main.ts passes none. */
export interface RedisScaleOutOptions {
  /** Which adapter carries events between instances; default "classic" (docs/scaling.md). */
  adapter?: AdapterKind;
  /** Prefix of every Redis key and channel; default "parley". Tests give each file its own. */
  keyPrefix?: string;
  /** Milliseconds start-up waits for Redis before serving local readers only; default 3000. */
  startupWaitMs?: number;
}

/** Connects to Redis (waiting at most `startupWaitMs`) and returns the scale-out parts. */
export async function createRedisScaleOut(
  url: string,
  logger: Logger,
  options: RedisScaleOutOptions = {},
): Promise<ScaleOut> {
  const names = redisNames(options.keyPrefix);
  let link: RedisLink | null = null;
  const { pub, sub } = createRedisClients(url, (error, client) => link?.noteError(error, client));
  const watched = watchRedisLink({ pub, sub }, logger);
  link = watched;
  const onRejected = (error: unknown) => watched.noteError(error, "command");
  const missed = trackMissedArticles();
  // Both set by attach(), before the server listens and so before any event.
  let io: ParleyServer | null = null;
  let fetchAfter: (room: string, after: number) => Promise<SequencedEvent[]> = () =>
    Promise.resolve([]);
  let startRoom: (room: string) => void = () => undefined;
  const sequencer = createArticleSequencer({
    hasReaders: (room) => (io?.of("/").adapter.rooms.get(room)?.size ?? 0) > 0,
    fetchAfter: (room, after) => fetchAfter(room, after),
    fillAtOnce: () => !watched.isUp(),
    onFillError: (error) => logger.warn({ err: error }, "could not fill a gap in live events"),
  });

  const connected = Promise.all([pub.connect(), sub.connect()]).then(() => true);
  // Reconnection never gives up, so these settle only on success or on close().
  connected.catch(onRejected);
  const waitMs = options.startupWaitMs ?? 3_000;
  const inTime = await Promise.race([
    connected.catch(() => false),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), waitMs).unref()),
  ]);
  if (!inTime) {
    logger.warn(
      { waitMs },
      "Redis unreachable at start-up; serving local readers only until it answers",
    );
  }

  let closed = false;
  let instances: InstanceCount | null = null;
  return {
    adapter: redisAdapter(
      options.adapter ?? defaultAdapterKind,
      withRejectionsHandled(pub, onRejected),
      withRejectionsHandled(sub, onRejected),
      names.adapterChannel,
    ),
    broadcaster: (server, metrics) => {
      instances = trackInstanceCount(server.of("/").adapter);
      const counted = instances;
      return {
        ...outageAwareBroadcaster({
          io: server,
          metrics,
          link: watched,
          missed,
          sequencer,
          onInvalid: (error) =>
            logger.warn({ err: error }, "invalid message from another instance"),
        }),
        instances: () => counted.current(),
      };
    },
    limiterFactory: redisLimiterFactory(pub, names),
    // Three missed rounds (at least 1.5 s) and an instance counts as gone.
    presenceBoard: (intervalMs) =>
      redisPresenceBoard(pub, names, { staleAfterMs: Math.max(3 * intervalMs, 1_500) }),
    readiness: [
      {
        name: "redis",
        async check() {
          if (!watched.isUp()) throw new Error("Redis connection is down");
          await pub.ping();
        },
      },
    ],
    attach(server, metrics, log, ctx) {
      io = server;
      const adapter = server.of("/").adapter;
      adapter.on("create-room", (room: string) => startRoom(room));
      adapter.on("delete-room", (room: string) => sequencer.forget(room));
      fetchAfter = storeChangesFetcher(server, ctx);
      startRoom = roomStarter(ctx, sequencer);
      metrics.redisUp.set(watched.isUp() ? 1 : 0);
      watched.onChange((up) => metrics.redisUp.set(up ? 1 : 0));
      attachResync(server, watched, missed, log);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      watched.closing();
      sequencer.stop();
      instances?.stop();
      // destroy(), not quit(): quit waits on a Redis that may be the reason we are stopping.
      pub.destroy();
      sub.destroy();
      return Promise.resolve();
    },
  };
}
