/**
 * The Socket.IO gateway: who may connect (origin, token), what each event does, and one log line
 * per connect and disconnect. Handlers call the same domain services as the REST routes.
 */
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import { rooms } from "../../shared/events.js";
import {
  articleJoinPayload,
  articleLeavePayload,
  commentPostPayload,
} from "../../shared/schemas.js";
import { type AuthService, publicUser } from "../domain/auth.service.js";
import type { CommentService } from "../domain/comment.service.js";
import { accountGone, AppError, isAppError } from "../core/app-error.js";
import type { Metrics } from "../metrics.js";
import { joinIdentityRooms } from "./identity.listener.js";
import type { Presence } from "./presence.tracker.js";
import { type SharedListener, sharedHandler } from "./socket-handler.js";
import type { EngineSocket, ParleyServer, ParleySocket } from "./socket-types.js";

/** A socket may follow this many articles at once; more is abuse, not reading. */
const MAX_ARTICLES_PER_SOCKET = 50;

export interface GatewayDeps {
  io: ParleyServer;
  logger: Logger;
  auth: AuthService;
  comments: CommentService;
  metrics: Metrics;
  /** The client address of a handshake, with the same proxy rule as HTTP (client-ip.ts). */
  clientIp: (req: IncomingMessage) => string;
  /** Adds `readers` to the join ack; null when presence is off. */
  presence: Pick<Presence, "estimate"> | null;
}

export function attachGateway(deps: GatewayDeps) {
  const { io, logger, auth, comments, metrics } = deps;

  // The handshake request is not needed after connect; dropping it saves memory per socket.
  // Its client address is kept first, as the namespace middleware below needs it.
  io.engine.on("connection", (raw: EngineSocket) => {
    if (raw.request) {
      raw.parleyIp = deps.clientIp(raw.request);
      raw.parleyHost = raw.request.headers.host;
    }
    raw.request = null;
  });

  io.use((socket, next) => {
    socket.data.ip = (socket.conn as unknown as EngineSocket).parleyIp ?? socket.handshake.address;
    socket.data.log = logger.child({ socketId: socket.id });
    socket.data.actor = null;
    socket.data.expiresAtMs = Infinity;
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (token === undefined || token === null || token === "") return next();
    if (typeof token !== "string") return next(new Error("unauthorized"));
    auth.identify(token).then(
      (identity) => {
        if (!identity) return next(new Error("unauthorized"));
        socket.data.actor = identity.actor;
        socket.data.expiresAtMs = identity.expiresAtMs;
        next();
      },
      (error: unknown) => {
        socket.data.log.error({ err: error }, "handshake authentication failed");
        next(new Error("unavailable"));
      },
    );
  });

  // Made once and shared by every socket (see sharedHandler): idle connections are most of them.
  const onJoin = sharedHandler(
    "article:join",
    articleJoinPayload,
    async ({ articleId, after, page }, socket) => {
      const room = rooms.article(articleId);
      const joined = [...socket.rooms].filter((r) => r.startsWith("article:")).length;
      if (!socket.rooms.has(room) && joined >= MAX_ARTICLES_PER_SOCKET) {
        throw new AppError(
          "forbidden",
          `A connection may follow at most ${MAX_ARTICLES_PER_SOCKET} articles`,
        );
      }
      // Join before reading: an event committed meanwhile arrives live and in the answer, and the
      // client drops the duplicate, rather than being missed by both.
      await socket.join(room);
      metrics.roomsJoined.inc();
      let answer;
      try {
        answer = await comments.join(
          socket.data.actor,
          articleId,
          after,
          { ip: socket.data.ip, socketId: socket.id },
          { page, host: (socket.conn as unknown as EngineSocket).parleyHost },
        );
      } catch (error) {
        // A refused join (read gate full, budget spent) leaves the socket out of the room: live
        // events past a gap it never got would move its last seq beyond the gap, and its retry
        // with `after` would then skip what it missed for good.
        await socket.leave(room);
        throw error;
      }
      // The joining reader learns the count here; nobody else is told until the next round.
      return deps.presence ? { ...answer, readers: deps.presence.estimate(articleId) } : answer;
    },
  );
  const onLeave = sharedHandler(
    "article:leave",
    articleLeavePayload,
    async ({ articleId }, socket) => {
      await socket.leave(rooms.article(articleId));
      return {};
    },
  );
  const onPost = sharedHandler(
    "comment:post",
    commentPostPayload,
    async (payload, socket, after) => {
      // The handshake's actor may be stale: a deleted account must not write through an old
      // socket (its disconnect travels through the adapter, which may be down). The store checks
      // the author inside the post's transaction (`unauthorized`); the socket then reads
      // anonymously. The fan-out to the article's readers runs right after the ack is written, in
      // the same tick: the poster waits for the commit, not for the broadcast (deferring it to a
      // later tick instead cost CPU per delivery at saturation, see docs/performance.md).
      const actor = socket.data.actor;
      try {
        const { comment } = await comments.post(
          actor,
          { ...payload, host: (socket.conn as unknown as EngineSocket).parleyHost },
          socket.data.ip,
          after,
        );
        return { comment };
      } catch (error) {
        if (actor && isAppError(error) && error.message === accountGone) socket.data.actor = null;
        throw error;
      }
    },
  );
  function onDisconnect(this: ParleySocket, reason: unknown): void {
    metrics.connectedSockets.dec();
    this.data.log.info({ reason }, "socket disconnected");
  }

  io.on("connection", (socket: ParleySocket) => {
    const { actor, log, ip } = socket.data;
    metrics.connectedSockets.inc();
    log.info(
      { userId: actor?.user.id, ip, transport: socket.conn.transport.name },
      "socket connected",
    );
    if (actor) {
      joinIdentityRooms(socket, actor.user);
      // The embed learns its own user id here: a host user's id is Parley's, not the host's sub.
      socket.emit("session:updated", publicUser(actor.user));
    }
    // Untyped registration: client payloads are unknown whatever the event map claims.
    const raw = socket as unknown as { on(event: string, listener: SharedListener): void };
    raw.on("disconnect", onDisconnect);
    raw.on("article:join", onJoin);
    raw.on("article:leave", onLeave);
    raw.on("comment:post", onPost);
  });
}

/** Origins allowed to open a socket: the configured ones and the server's own. */
export function originAllowed(req: IncomingMessage, allowedOrigins: Set<string>): boolean {
  const origin = req.headers.origin;
  // Non-browser clients send no Origin; a browser always does on a cross-origin handshake.
  if (origin === undefined) return true;
  if (allowedOrigins.has(origin)) return true;
  const host = req.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
