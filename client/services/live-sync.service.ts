/**
 * Keeps one article live over Socket.IO: joins with `after` = the last seq held, on first connect,
 * on every reconnect and on `resync`, so a reader sees exactly what was missed; live events and
 * catch-up answers all go through the same `apply`, which drops duplicates by id and seq.
 */
import type { NotificationsRead } from "../../shared/events.js";
import {
  commentPinnedSchema,
  commentSchema,
  commentUnpinnedSchema,
  notificationSchema,
  presenceUpdatedSchema,
  type PinnedComment,
  userSchema,
  type Comment,
  type Notification,
  type User,
} from "../../shared/schemas.js";
import * as z from "zod/mini";
import type { PageInfo } from "../net/page-info.js";
import { joinArticle, type ParleySocket } from "../net/socket.client.js";
import type { ThreadState } from "../state/thread.state.js";

/** Refusals worth asking again: busy or failing servers, not a join that can never succeed. */
const RETRYABLE = /^(unavailable|rate_limited|internal)$/;

const votedSchema = z.object({ articleId: z.string(), commentId: z.string(), score: z.number() });

/** What the live connection reports to the widget. */
export interface LiveHandlers {
  apply(comment: Comment): void;
  count(commentCount: number): void;
  /** A moderator closed (true) or reopened (false) the article. */
  closed(closed: boolean): void;
  connection(up: boolean): void;
  /** The article is joined and caught up: from here on, events arrive live. */
  joined(): void;
  /** The server refused the join for now (busy): it is asked again later, while connected. */
  delayed(): void;
  notification(notification: Notification): void;
  notificationsRead(update: NotificationsRead): void;
  /** Someone voted: a comment's score is now `score`. */
  voted(commentId: string, score: number): void;
  /** The server said events may have been missed: besides the thread, refresh the bell. */
  resynced(): void;
  /** The server refused the token: forget it and carry on as a reader. */
  unauthorized(): void;
  /** Who this connection acts as, as the server now sees it (on connect, and on a role change). */
  sessionUpdated(user: User): void;
  /** The token expired: the connection is an anonymous reader until a fresh token comes. */
  sessionExpired(): void;
  /** Readers of the article now (join answer, `presence:updated`); undefined: presence is off. */
  presence(readers: number | undefined): void;
  /** A moderator pinned a comment (`comment:pinned`), or unpinned one (null). */
  pinned(commentId: string, pin: PinnedComment | null): void;
}

/** Wires a socket to an article; returns `catchUp` for callers that know they missed something. */
export function syncArticle(
  socket: ParleySocket,
  articleId: string,
  state: ThreadState,
  on: LiveHandlers,
  /** The page the embed runs on, sent with each join (the server may keep it). */
  page: PageInfo | null = null,
): { catchUp: () => Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;

  async function runCatchUp(): Promise<void> {
    do {
      again = false;
      let hasMore = true;
      while (hasMore && socket.connected) {
        const joined = await joinArticle(socket, articleId, state.lastSeq, page);
        for (const comment of joined.changes) on.apply(comment);
        on.count(joined.commentCount);
        on.presence(joined.readers);
        hasMore = joined.hasMore && joined.changes.length > 0;
        // `lastSeq` is the article's latest: taken while more pages remain, the next join would
        // ask after it and skip them. `apply` has recorded the seqs received so far.
        if (!hasMore) state.noteSeq(joined.lastSeq);
      }
    } while (again && socket.connected);
  }

  /** Joins (or re-joins) and applies everything after the last seq held; one run at a time. */
  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(retry);
    running = runCatchUp()
      .then(() => {
        refusals = 0;
        if (socket.connected) on.joined();
      })
      .catch((error: Error & { code?: string }) => {
        // A refused join leaves the socket out of the room: no live event comes until it is asked
        // again (from the last seq held), after 1, 2, 4… up to 30 s with jitter so that readers
        // refused together do not come back together. A disconnect stops it: the reconnect joins.
        const code = error.code;
        if (socket.connected && (code ? RETRYABLE.test(code) : /timed out/.test(error.message))) {
          on.delayed();
          const ms = Math.min(30_000, 1000 * 2 ** refusals++);
          retry = setTimeout(() => void catchUp(), ms * (0.5 + Math.random() / 2));
        }
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  socket.on("connect", () => {
    on.connection(true);
    void catchUp();
  });
  socket.on("disconnect", (reason) => {
    clearTimeout(retry);
    refusals = 0;
    // Our own reconnect (to present a new token) is not an outage worth a banner.
    if (reason === "io client disconnect") return;
    on.connection(false);
    // A server that says goodbye (shutting down, rebalancing) gets no automatic reconnect from
    // Socket.IO; come back with some jitter so a fleet of readers does not return all at once.
    if (reason === "io server disconnect") {
      setTimeout(() => socket.connect(), 250 + Math.random() * 1000);
    }
  });
  socket.on("connect_error", (error) => {
    if (error.message === "unauthorized") on.unauthorized();
    else on.connection(false);
  });
  socket.on("comment:created", (payload) => {
    const parsed = commentSchema.safeParse(payload);
    if (parsed.success && parsed.data.articleId === articleId) on.apply(parsed.data);
  });
  socket.on("comment:updated", (payload) => {
    const parsed = commentSchema.safeParse(payload);
    if (parsed.success && parsed.data.articleId === articleId) on.apply(parsed.data);
  });
  socket.on("article:updated", (update) => {
    if (update.articleId === articleId && typeof update.commentCount === "number") {
      on.count(update.commentCount);
      if (typeof update.closed === "boolean") on.closed(update.closed);
    }
  });
  socket.on("resync", (hint) => {
    if (!Array.isArray(hint?.articleIds) || hint.articleIds.includes(articleId)) void catchUp();
    // Notifications travel the same way and may have been lost with the article's events.
    on.resynced();
  });
  socket.on("notification:created", (payload) => {
    const parsed = notificationSchema.safeParse(payload);
    if (parsed.success) on.notification(parsed.data);
  });
  socket.on("comment:voted", (update) => {
    const parsed = votedSchema.safeParse(update);
    if (parsed.success && parsed.data.articleId === articleId) {
      on.voted(parsed.data.commentId, parsed.data.score);
    }
  });
  socket.on("notification:read", (update) => {
    if (typeof update?.unreadCount === "number") on.notificationsRead(update);
  });
  socket.on("session:updated", (payload) => {
    const parsed = userSchema.safeParse(payload);
    if (parsed.success) on.sessionUpdated(parsed.data);
  });
  socket.on("session:expired", () => on.sessionExpired());
  socket.on("presence:updated", (update) => {
    const parsed = presenceUpdatedSchema.safeParse(update);
    if (parsed.success && parsed.data.articleId === articleId) on.presence(parsed.data.readers);
  });
  socket.on("comment:pinned", (payload) => {
    const parsed = commentPinnedSchema.safeParse(payload);
    if (parsed.success && parsed.data.articleId === articleId) {
      const { comment, pinnedAt } = parsed.data;
      on.pinned(comment.id, { comment, pinnedAt });
    }
  });
  socket.on("comment:unpinned", (payload) => {
    const parsed = commentUnpinnedSchema.safeParse(payload);
    if (parsed.success && parsed.data.articleId === articleId)
      on.pinned(parsed.data.commentId, null);
  });
  return { catchUp };
}
