/**
 * The Socket.IO contract as typed event maps, imported by the server gateway and the embed alike
 * (as in socket.io's CRUD example), so a renamed event or a changed payload fails to compile.
 */
import type { ErrorCode } from "./errors.js";
import type {
  Article,
  ArticleJoinPayload,
  Comment,
  CommentPinned,
  CommentPostPayload,
  CommentUnpinned,
  Notification,
  PresenceUpdated,
  User,
} from "./schemas.js";
import type { CommentVoted, LimitReached, ModerationDecided, QueueItem } from "./trust.schemas.js";

/** Every acknowledgement is data: success with its fields, or an error code and message. */
export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string } };

export interface ArticleJoined {
  articleId: string;
  commentCount: number;
  lastSeq: number;
  serverTime: string;
  changes: Comment[];
  hasMore: boolean;
  /** The article and its page (v1.1). */
  article?: Article;
  /**
   * Parley's own: how many connections read the article now, this one included, as this instance
   * knows it (absent when presence is off). `presence:updated` follows when the number changes.
   */
  readers?: number;
}

export interface ClientToServerEvents {
  "article:join": (payload: ArticleJoinPayload, ack: (answer: Ack<ArticleJoined>) => void) => void;
  "article:leave": (payload: { articleId: string }, ack: (answer: Ack) => void) => void;
  "comment:post": (
    payload: CommentPostPayload,
    ack: (answer: Ack<{ comment: Comment }>) => void,
  ) => void;
}

export interface ArticleUpdated {
  articleId: string;
  commentCount: number;
  /** Parley's own: present when a moderator closes (true) or reopens (false) the article. */
  closed?: boolean;
}

export interface ServerToClientEvents {
  "comment:created": (comment: Comment) => void;
  "comment:updated": (comment: Comment) => void;
  "article:updated": (update: ArticleUpdated) => void;
  "notification:created": (notification: Notification) => void;
  resync: (hint: { articleIds: string[] }) => void;
  /** Parley's own: notifications were marked read (in any tab), so every tab's bell agrees. */
  "notification:read": (update: NotificationsRead) => void;
  /** A comment's score changed: to the article's readers, at most about 4 per second per comment. */
  "comment:voted": (update: CommentVoted) => void;
  /** A comment entered a moderation queue (held, or reported): to the `moderators` room. */
  "moderation:queued": (item: QueueItem) => void;
  /** A moderator decided about a comment: to the `moderators` room, so every queue drops it. */
  "moderation:decided": (decision: ModerationDecided) => void;
  /** This connection sends events too fast; events are refused, and going on disconnects it. */
  "limit:reached": (notice: LimitReached) => void;
  /**
   * Parley's own: who this connection acts as, as the server sees it now. Sent on connect with a
   * token, and within seconds of a change (the host's newest token changed the role, say), to
   * every socket of that user on every instance.
   */
  "session:updated": (user: User) => void;
  /**
   * Parley's own: the token this connection signed in with has expired (its `exp`, or for a host
   * token `iat` + SSO_MAX_AGE_SECONDS). The connection stays open as an anonymous reader; to act
   * again the client reconnects with a fresh token.
   */
  "session:expired": (notice: SessionExpired) => void;
  /**
   * v1.1: connections reading the article now, on every instance; to the article's readers, at
   * most once per PRESENCE_INTERVAL_MS per article, and only when the number changed.
   */
  "presence:updated": (update: PresenceUpdated) => void;
  /** Parley's own: a moderator pinned a comment (an editors' pick); to the article's readers. */
  "comment:pinned": (pin: CommentPinned) => void;
  /** Parley's own: a pin ended (unpinned, or the comment was removed); to the article's readers. */
  "comment:unpinned": (unpin: CommentUnpinned) => void;
}

/** Why a connection's identity ended; only `expired` exists today. */
export interface SessionExpired {
  reason: "expired";
  /** The user the connection acted as until now. */
  userId: string;
}

export interface NotificationsRead {
  /** The ids marked read, or null when all were. */
  ids: string[] | null;
  unreadCount: number;
}

/** Room names, built in one place so the gateway and the fan-out agree. */
export const rooms = {
  article: (articleId: string) => `article:${articleId}`,
  user: (userId: string) => `user:${userId}`,
  /** Every moderator's sockets: held comments and queue events go here. */
  moderators: "moderators",
} as const;
