/**
 * createParley: wires every part from ready-made dependencies (as socket.io's
 * `createApplication(httpServer, deps)` does). main.ts builds the dependencies from the
 * environment; tests build them with temp databases and pinned clocks, never touching process.env.
 */
import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { Server, type ServerOptions } from "socket.io";
import { rooms } from "../shared/events.js";
import { limits } from "../shared/limits.js";
import type { Comment } from "../shared/schemas.js";
import type { Config } from "./config/config.schema.js";
import { createAuthService } from "./domain/auth.service.js";
import { type Clock, systemClock } from "./domain/clock.js";
import { createAccountService } from "./domain/account.service.js";
import { createCommentService } from "./domain/comment.service.js";
import { DomainEvents } from "./domain/domain-events.js";
import { createModerationService } from "./domain/moderation.service.js";
import { createNotificationService } from "./domain/notification.service.js";
import { createPinService } from "./domain/pin.service.js";
import { createPinnedReader } from "./domain/pinned.reader.js";
import { attachSubscriberFanout } from "./domain/subscriber-fanout.js";
import { createVoteService } from "./domain/vote.service.js";
import { createRateLimits, type LimiterFactory } from "./domain/rate-limits.js";
import { createReadGate, defaultReadConcurrency } from "./domain/read-gate.js";
import type { ReadinessCheck } from "./http/health.routes.js";
import { createClientIp } from "./core/client-ip.js";
import { createHttpApp } from "./http/http-app.js";
import { createHttpServer, listenOn, metricsApp } from "./http/http-server.js";
import { metricsRoutes } from "./http/metrics.routes.js";
import { createMailParts } from "./mail/mail-parts.js";
import type { OutboxWorker } from "./mail/outbox.worker.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { type Broadcaster, ioBroadcaster } from "./realtime/broadcaster.js";
import { attachFanout } from "./realtime/fanout.listener.js";
import { createConnectionGuard } from "./realtime/connection-guard.js";
import { attachFloodGuard } from "./realtime/flood-guard.js";
import { attachGateway } from "./realtime/gateway.js";
import { attachIdentity } from "./realtime/identity.listener.js";
import { localPresenceBoard, type PresenceBoard } from "./realtime/presence-board.js";
import { attachPresence, type Presence } from "./realtime/presence.tracker.js";
import { attachTrustFanout } from "./realtime/trust-fanout.listener.js";
import type { ParleyServer } from "./realtime/socket-types.js";
import type { Store } from "./store/store.js";

/** Optional scale-out parts; absent on a single instance. */
export interface ScaleOut {
  /** Socket.IO adapter factory (the Redis adapter). */
  adapter?: ServerOptions["adapter"];
  /** Wraps fan-out, e.g. to keep local readers live while Redis is away. */
  broadcaster?: (io: ParleyServer, metrics: Metrics) => Broadcaster;
  /** Presence across instances, given PRESENCE_INTERVAL_MS; default: this process's rooms only. */
  presenceBoard?: (intervalMs: number) => PresenceBoard;
  /** Shared rate-limit counters. */
  limiterFactory?: LimiterFactory;
  readiness?: ReadinessCheck[];
  /** Called once the Socket.IO server exists (to emit `resync` after an outage, say). */
  attach?: (io: ParleyServer, metrics: Metrics, logger: Logger, context: ScaleOutContext) => void;
  close?: () => Promise<void>;
}

/** What scale-out may read back from the domain. */
export interface ScaleOutContext {
  /**
   * An article's last seq and its changes after `after`, as an anonymous reader sees them: where
   * live delivery starts in a new room, and what fills a gap in it (a lost or late message).
   */
  changesSince(
    articleId: string,
    after: number,
  ): Promise<{ lastSeq: number; changes: Comment[]; hasMore: boolean }>;
}

export interface ParleyDeps {
  config: Config;
  logger: Logger;
  store: Store;
  /** Secret for session tokens, resolved by main.ts (config or the data folder). */
  tokenSecret: string;
  clientDir: string;
  clock?: Clock;
  scaleOut?: ScaleOut;
}

export interface Parley {
  httpServer: HttpServer;
  /** The private /metrics listener when METRICS_PORT is set (listening after `listen()`). */
  metricsServer: HttpServer | null;
  io: ParleyServer;
  metrics: Metrics;
  /** "N reading now"; null when PRESENCE_INTERVAL_MS is 0. */
  presence: Presence | null;
  /** Listens on the configured host and port (0: any free port); resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** The outbox worker (email and webhooks), once listening. */
  readonly outbox: OutboxWorker | null;
  /** Graceful stop: refuse new work, disconnect sockets so clients reconnect elsewhere, close. */
  close(): Promise<void>;
}

export function createParley(deps: ParleyDeps): Parley {
  const { config, logger, store } = deps;
  const clock = deps.clock ?? systemClock;
  const metrics = createMetrics();
  const events = new DomainEvents((error, event) =>
    logger.error({ err: error, event }, "event listener failed"),
  );
  const rateLimits = createRateLimits(config, deps.scaleOut?.limiterFactory);
  let boundPort = config.port;
  const mail = createMailParts({
    config,
    store,
    clock,
    logger,
    metrics,
    tokenSecret: deps.tokenSecret,
    port: () => boundPort,
    ...(deps.scaleOut?.limiterFactory ? { limiterFactory: deps.scaleOut.limiterFactory } : {}),
  });
  const auth = createAuthService({
    store,
    clock,
    limits: rateLimits,
    tokenSecret: deps.tokenSecret,
    ssoSecret: config.ssoSecret,
    ssoMaxAgeSeconds: config.ssoMaxAgeSeconds,
    guestsAllowed: config.guestsAllowed,
    events,
  });
  const comments = createCommentService({
    store,
    clock,
    events,
    limits: rateLimits,
    editWindowMs: config.editWindowMs,
    firstPageCacheBytes: config.firstPageCacheBytes,
    allowedOrigins: config.allowedOrigins,
    publicOrigin: config.mail.publicUrl === null ? null : new URL(config.mail.publicUrl).origin,
    readGate: createReadGate({
      concurrency: config.readGate.concurrency ?? defaultReadConcurrency(store.kind),
      queue: config.readGate.queue,
      observe: ({ running, waiting }, refused) => {
        metrics.readGateRunning.set(running);
        metrics.readGateWaiting.set(waiting);
        if (refused) metrics.readGateRefused.inc();
      },
    }),
    moderation: {
      siteMode: config.moderation.mode,
      bannedWords: config.moderation.bannedWords,
      bannedWordsAction: config.moderation.bannedWordsAction,
    },
    observePostCommit: (seconds) => metrics.postCommitSeconds.observe(seconds),
    onReadShared: (read) => metrics.readsShared.inc({ read }),
    webhooks: mail.webhooks,
    pinned: createPinnedReader(store, events),
  });
  const notifications = createNotificationService({ store, clock, events, limits: rateLimits });
  const account = createAccountService({
    store,
    clock,
    events,
    deletionMode: config.accountDeletion,
  });
  const votes = createVoteService({ store, clock, events, limits: rateLimits });
  const moderation = createModerationService({
    store,
    clock,
    events,
    siteMode: config.moderation.mode,
    limits: rateLimits,
    webhooks: mail.webhooks,
  });
  const pins = createPinService({
    store,
    clock,
    events,
    limits: rateLimits,
    onError: (error, commentId) =>
      logger.error({ err: error, commentId }, "unpinning a comment that left the thread failed"),
  });
  const followers = attachSubscriberFanout({
    store,
    events,
    clock,
    onError: (error, commentId) =>
      logger.error({ err: error, commentId }, "notifying the article's followers failed"),
  });
  events.on("comment.created", ({ comment }) =>
    metrics.commentsPosted.inc({ status: comment.status }),
  );

  let shuttingDown = false;
  const clientIp = createClientIp(config.trustProxy);
  const metricsOnMainPort = config.metrics.port === null;
  // Without a token or a port of its own, /metrics stays public only outside production.
  const metricsRoute =
    metricsOnMainPort && (config.metrics.token !== null || !config.production)
      ? metricsRoutes(metrics, config.metrics.token)
      : undefined;
  if (metricsOnMainPort && !metricsRoute) {
    logger.warn("/metrics answers 404: set METRICS_TOKEN or METRICS_PORT to let Prometheus in");
  }
  const app = createHttpApp({
    logger,
    auth,
    comments,
    notifications,
    account,
    votes,
    moderation,
    pins,
    ...(metricsRoute ? { metricsRoute } : {}),
    readiness: [{ name: "store", check: () => store.ping() }, ...(deps.scaleOut?.readiness ?? [])],
    isShuttingDown: () => shuttingDown,
    allowedOrigins: config.allowedOrigins,
    clientIp,
    clientDir: deps.clientDir,
    email: mail.email,
    mailCapture: mail.capture,
  });
  const httpServer = createHttpServer(app.fetch, config.httpTimeouts);
  const metricsServer = metricsOnMainPort
    ? null
    : createHttpServer(
        metricsApp(metricsRoutes(metrics, config.metrics.token)).fetch,
        config.httpTimeouts,
      );

  const guard = createConnectionGuard({
    allowedOrigins: new Set(config.allowedOrigins),
    maxSocketsPerIp: config.maxSocketsPerIp,
    clientIp,
  });
  const io: ParleyServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: limits.httpBodyMaxBytes,
    // Origin and sockets per address are checked before any upgrade (connection-guard.ts).
    allowRequest: (req, callback) => guard.allowRequest(req, callback),
    cors: { origin: config.allowedOrigins, methods: ["GET", "POST"] },
    ...(deps.scaleOut?.adapter ? { adapter: deps.scaleOut.adapter } : {}),
  });
  const broadcaster = deps.scaleOut?.broadcaster?.(io, metrics) ?? ioBroadcaster(io, metrics);
  const fanout = attachFanout(events, broadcaster);
  const trustFanout = attachTrustFanout(events, broadcaster);
  const stopFloodGuard = attachFloodGuard(io, {
    eventsPerSecond: config.socketEventsPerSecond,
    logger,
  });
  const presence =
    config.presenceIntervalMs === 0
      ? null
      : attachPresence({
          io,
          logger,
          intervalMs: config.presenceIntervalMs,
          board: deps.scaleOut?.presenceBoard?.(config.presenceIntervalMs) ?? localPresenceBoard,
        });
  attachGateway({ io, logger, auth, comments, metrics, clientIp, presence });
  const identity = attachIdentity({ io, events, auth, clock, logger });
  guard.attach(io);
  // A deleted account's sockets close on every instance (through the adapter); the write path
  // checks the store as well, for when Redis is away.
  events.on("user.deleted", ({ userId }) => io.in(rooms.user(userId)).disconnectSockets(true));
  deps.scaleOut?.attach?.(io, metrics, logger, {
    changesSince: (articleId, after) =>
      comments.changes(null, articleId, after, limits.changesMaxLimit),
  });

  let outbox: OutboxWorker | null = null;

  return {
    httpServer,
    metricsServer,
    io,
    metrics,
    presence,
    get outbox() {
      return outbox;
    },
    async listen() {
      if (metricsServer) await listenOn(metricsServer, config.metrics.port ?? 0, config.host);
      const address = await listenOn(httpServer, config.port, config.host);
      // Links in messages use the bound port when PUBLIC_URL is unset (port 0 in tests).
      boundPort = address.port;
      outbox ??= mail.startWorker();
      return address;
    },
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      fanout.stop();
      trustFanout.stop();
      stopFloodGuard();
      identity.stop();
      // Withdrawn first, so other instances drop this one's readers at their next round.
      await presence?.stop();
      // SHUTDOWN_TIMEOUT_MS is the deadline of the whole stop (main.ts exits when it passes):
      // requests and sockets get three quarters of it, then their connections are closed, so
      // Redis and the store still have time to close cleanly.
      const force = setTimeout(
        () => httpServer.closeAllConnections(),
        Math.floor(config.shutdownTimeoutMs * 0.75),
      );
      force.unref();
      // io.close() disconnects every socket (clients reconnect, to another instance if any) and
      // closes the HTTP server, which stops accepting and waits for requests in flight.
      const closed = io.close();
      httpServer.closeIdleConnections();
      await closed;
      clearTimeout(force);
      // A send in flight gets a quarter of the deadline; an unsent message stays in the outbox.
      await outbox?.stop(Math.floor(config.shutdownTimeoutMs / 4));
      if (metricsServer) {
        metricsServer.closeAllConnections();
        await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      }
      // Followers' notifications of comments already acknowledged are written before the store goes.
      await followers.drain();
      // Side by side: a Redis that does not answer must not keep the store from closing.
      const results = await Promise.allSettled([deps.scaleOut?.close?.(), store.close()]);
      const failed = results.find((r) => r.status === "rejected");
      if (failed)
        throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    },
  };
}
