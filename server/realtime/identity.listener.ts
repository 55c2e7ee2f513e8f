/**
 * Keeps each open socket's identity true to the token and the store, not to the handshake alone:
 * - a socket whose token ends (`exp`, or a host token's `iat` + SSO_MAX_AGE_SECONDS) drops to an
 *   anonymous reader: it leaves its user's and the moderators' rooms and is sent
 *   `session:expired`, so the embed can come back with a fresh token;
 * - when a sign-in changes a user's role, name or avatar, every open socket of that user, on every
 *   instance, takes the new identity (joining or leaving the moderators' room) and is sent
 *   `session:updated`. The instances are told through the Socket.IO adapter (Redis), as a
 *   server-side event naming the user; each re-reads the user from the shared store.
 */
import type { Logger } from "pino";
import type { Server } from "socket.io";
import { z } from "zod";
import { rooms, type ServerToClientEvents } from "../../shared/events.js";
import { type AuthService, publicUser } from "../domain/auth.service.js";
import type { Clock } from "../domain/clock.js";
import type { DomainEvents } from "../domain/domain-events.js";
import type { UserRecord } from "../store/store.js";
import type { ParleyServer, ParleySocket, SocketData } from "./socket-types.js";

/** The server-side event that tells the other instances whose identity changed. */
const IDENTITY_EVENT = "parley:identity-changed";
const identityChanged = z.object({ userId: z.string().min(1).max(200) });

interface InterServerEvents {
  [IDENTITY_EVENT]: (notice: z.infer<typeof identityChanged>) => void;
}
type ClusterServer = Server<object, ServerToClientEvents, InterServerEvents, SocketData>;

/** How often this instance looks for sockets whose token has ended. */
const EXPIRY_SWEEP_MS = 1000;

export interface IdentityDeps {
  io: ParleyServer;
  events: DomainEvents;
  auth: AuthService;
  clock: Clock;
  logger: Logger;
}

/** Gives a socket the rooms of its actor (none for an anonymous reader). */
export function joinIdentityRooms(socket: ParleySocket, user: UserRecord): void {
  void socket.join(rooms.user(user.id));
  if (user.role === "moderator") void socket.join(rooms.moderators);
  else void socket.leave(rooms.moderators);
}

export function attachIdentity(deps: IdentityDeps): { stop(): void } {
  const { io, auth, clock, logger } = deps;
  const cluster = io as unknown as ClusterServer;

  /** This instance's sockets signed in as `userId`. */
  function localSocketsOf(userId: string): ParleySocket[] {
    const ids = io.of("/").adapter.rooms.get(rooms.user(userId));
    if (!ids) return [];
    const found: ParleySocket[] = [];
    for (const id of ids) {
      const socket = io.of("/").sockets.get(id);
      if (socket?.data.actor) found.push(socket);
    }
    return found;
  }

  function adopt(socket: ParleySocket, user: UserRecord): void {
    socket.data.actor = { user };
    joinIdentityRooms(socket, user);
    socket.emit("session:updated", publicUser(user));
  }

  function expire(socket: ParleySocket): void {
    const user = socket.data.actor?.user;
    if (!user) return;
    socket.data.actor = null;
    void socket.leave(rooms.user(user.id));
    void socket.leave(rooms.moderators);
    socket.emit("session:expired", { reason: "expired", userId: user.id });
    socket.data.log.info({ userId: user.id }, "socket identity expired");
  }

  /** Re-reads the user (another instance changed it) and gives their sockets here the result. */
  async function refresh(userId: string): Promise<void> {
    if (localSocketsOf(userId).length === 0) return;
    const user = await auth.currentUser(userId);
    for (const socket of localSocketsOf(userId)) {
      if (user) adopt(socket, user);
      else expire(socket);
    }
  }

  deps.events.on("user.changed", ({ user }) => {
    for (const socket of localSocketsOf(user.id)) adopt(socket, user);
    // The other instances only: Socket.IO never delivers a server-side event to its sender.
    cluster.serverSideEmit(IDENTITY_EVENT, { userId: user.id });
  });

  cluster.on(IDENTITY_EVENT, (raw) => {
    const parsed = identityChanged.safeParse(raw);
    if (!parsed.success) return;
    refresh(parsed.data.userId).catch((error: unknown) =>
      logger.error({ err: error, userId: parsed.data.userId }, "identity refresh failed"),
    );
  });

  // One sweep per instance rather than a timer per socket: idle sockets hold nothing of their own,
  // and a guest's year-long token would not fit in a Node timer anyway.
  const sweep = setInterval(() => {
    const now = clock.now().getTime();
    for (const socket of io.of("/").sockets.values()) {
      if (socket.data.actor && socket.data.expiresAtMs <= now) expire(socket);
    }
  }, EXPIRY_SWEEP_MS);
  sweep.unref();

  return { stop: () => clearInterval(sweep) };
}
