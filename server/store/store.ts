/**
 * The Store port: everything Parley keeps, behind one narrow interface owned by the domain.
 * Two implementations (SQLite embedded, PostgreSQL shared) pass the same contract suite in
 * tests/contract. All consumers go through the domain services, never the naked store.
 */
import type {
  Comment,
  CommentStatus,
  Notification,
  Notify,
  Role,
  Sort,
  Thread,
  User,
} from "../../shared/schemas.js";
import type { ImportStore } from "./import-store.js";
import type { OutboxBuilder, OutboxStore } from "./outbox-store.js";
import type { PinStore } from "./pin-store.js";
import type { AccountStore } from "./account-store.js";
import type { NewModerationLog, TrustStore } from "./trust-store.js";
import type { MigrationReport } from "./migrations/migration.js";

/** A user as stored: the public User plus what only the server sees. */
export interface UserRecord extends User {
  email: string | null;
  createdAt: string;
  /** Set when the account was deleted: its tokens stop working (see AccountStore.deleteUser). */
  deletedAt: string | null;
}

/** Per-site moderation mode: publish then review on report, or hold everything for review. */
export type ModerationMode = "post" | "pre";

/** An article's counters and settings; an article exists from its first use (all zero before). */
export interface ArticleRecord {
  articleId: string;
  commentCount: number;
  lastSeq: number;
  /** null: the site default applies. */
  moderation: ModerationMode | null;
  closedAt: string | null;
  /** The article's page title, from the first verified page (embed or import); null until known. */
  title: string | null;
  /** The article's canonical page URL, likewise; comment links are `<url>#parley-comment-<id>`. */
  url: string | null;
}

/** What a page says of itself: its title and canonical URL. */
export interface ArticlePage {
  title: string | null;
  url: string;
}

/** Everything settable on an article; undefined keeps the current value, null clears it. */
export interface ArticleSettings {
  moderation?: ModerationMode | null;
  closedAt?: string | null;
  title?: string | null;
  url?: string | null;
}

/** A stored comment plus what the public shape leaves out. */
export interface CommentRecord extends Comment {
  /** null for a root comment; otherwise the thread's root. */
  rootId: string | null;
  /** The seq the comment was created with: its stable place in the article's order. */
  createdSeq: number;
  clientKey: string | null;
}

/** Who is looking: pending comments are shown to their author and to moderators only. */
export interface Viewer {
  userId: string | null;
  moderator: boolean;
}

export interface NewGuest {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
}

/** A signed-in user of the host site (single sign-on); created or refreshed on each sign-in. */
export interface ExternalUser {
  /** Parley's opaque id for a first sign-in; a known subject keeps the id it has. */
  id: string;
  /** The host's `sub`: what the user is found by. Stored, never published. */
  subject: string;
  /** The token's `iat` in seconds: claims older than the stored ones change nothing. */
  issuedAt: number;
  name: string;
  email: string | null;
  avatarUrl: string | null;
  role: Exclude<Role, "guest">;
  createdAt: string;
  /** The host vouches for the address (`email_verified`): it counts as confirmed. */
  emailVerified?: boolean;
}

export interface NewComment {
  id: string;
  articleId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  status: Exclude<CommentStatus, "removed">;
  clientKey: string | null;
  createdAt: string;
  /** Users named by `@handle` (resolved, bounded): notified with type `mention`. */
  mentions?: string[];
  /** Outbox rows (webhooks) written in the comment's transaction. */
  outbox?: OutboxBuilder;
  /**
   * The article as the caller decided with it (from a cache, not read for this post): open, of
   * this moderation mode. Checked under the article's lock; if it no longer holds, nothing is
   * written and ArticleChanged is thrown, so the caller reads the article again and decides anew.
   */
  expect?: { moderation: ModerationMode | null };
}

/** insertComment's `expect` no longer holds: the article was closed or its mode changed. */
export class ArticleChanged extends Error {
  constructor(readonly articleId: string) {
    super(`The article ${articleId} changed since it was cached`);
  }
}

/** Whether `row` (the article under its lock; undefined: no row yet) still fits `expect`. */
export function articleFits(
  expect: NewComment["expect"],
  row: { closed_at: string | null; moderation: ModerationMode | null } | undefined,
): boolean {
  if (!expect) return true;
  return (row?.closed_at ?? null) === null && (row?.moderation ?? null) === expect.moderation;
}

/** A notification row created in the same transaction as its comment. */
export interface CreatedNotification {
  recipientId: string;
  notification: Notification;
}

export interface InsertCommentResult {
  comment: CommentRecord;
  /** false when the author's clientKey was seen before: `comment` is the first one, nothing new. */
  created: boolean;
  article: ArticleRecord;
  notifications: CreatedNotification[];
  /**
   * false: when it committed, nobody but the author followed the article with `all`, so the
   * followers' fan-out after the commit has nothing to write and skips its read. Absent: unknown.
   */
  followed?: boolean;
}

/** A change to an existing comment; it takes the article's next seq. */
export interface CommentChange {
  id: string;
  body?: string;
  status?: CommentStatus;
  editedAt?: string | null;
  /** Who made the edit: the author, or a moderator editing someone else's comment. */
  editedBy?: "author" | "moderator";
  /** When a pending comment becomes published, create its notifications as a new comment would. */
  notifyAt?: string;
  /**
   * Applies the change only if the comment's `editedAt` is still this (null: never edited);
   * otherwise throws AppError("conflict"), in the transaction: a decision about a version that
   * an edit has replaced since must not apply to the new text.
   */
  ifEditedAt?: string | null;
  /** With notifyAt: the users its `@handle`s name (resolved, bounded). */
  mentions?: string[];
  /** A moderator's decision: logged in the same transaction as the change. */
  log?: NewModerationLog;
  /** Outbox rows (webhooks) written in the change's transaction. */
  outbox?: OutboxBuilder;
}

export interface UpdateCommentResult {
  comment: CommentRecord;
  previousStatus: CommentStatus;
  article: ArticleRecord;
  notifications: CreatedNotification[];
}

/**
 * One batch of the `all` fan-out of a published comment, written after the comment's commit:
 * `all` subscribers of its article with a user id after `afterUserId`, in user id order, leaving
 * out `exclude` (its author, and whoever was told of it as a reply).
 */
export interface SubscriberBatch {
  comment: CommentRecord;
  /** The notifications' createdAt. */
  at: string;
  exclude: string[];
  afterUserId: string | null;
  limit: number;
}

export interface SubscriberBatchResult {
  notifications: CreatedNotification[];
  /** Where the next batch starts; null when this batch was the last. */
  nextAfterUserId: string | null;
}

/** Position after the last thread of a page; decoded and validated by the domain. */
export interface ThreadCursor {
  createdSeq: number;
  /** Only for `sort=top`. */
  score?: number;
}

/**
 * Byte budgets of one read: the comments' JSON (as the wire carries it) stays within `maxBytes`,
 * cut early rather than loading more. Defaults: the contract's response bound less an envelope.
 */
export interface ByteBudget {
  maxBytes?: number;
}

export interface ThreadQuery extends ByteBudget {
  articleId: string;
  sort: Sort;
  limit: number;
  cursor: ThreadCursor | null;
  viewer: Viewer;
  /** Replies per thread; default limits.threadRepliesLimit. */
  repliesLimit?: number;
}

/** A thread as stored: the wire Thread, with where its replies continue as a seq, not a cursor. */
export interface StoredThread extends Omit<Thread, "repliesCursor"> {
  /** The createdSeq after which the next replies start; null when every reply is shown. */
  repliesAfter: number | null;
}

export interface ThreadList {
  threads: StoredThread[];
  nextCursor: ThreadCursor | null;
  /** The JSON size of `threads`, in bytes. */
  bytes: number;
}

export interface RepliesQuery extends ByteBudget {
  rootId: string;
  /** Replies created after this seq (the root's own createdSeq: from the first). */
  after: number;
  limit: number;
  viewer: Viewer;
}

export interface ReplyList {
  replies: Comment[];
  /** The JSON size of `replies`, as measured by the cut. */
  bytes: number;
  /** As StoredThread's: null when nothing follows. */
  repliesAfter: number | null;
}

export interface ChangesQuery extends ByteBudget {
  articleId: string;
  after: number;
  limit: number;
  viewer: Viewer;
}

export interface Store extends TrustStore, ImportStore, OutboxStore, AccountStore, PinStore {
  /** Which implementation this is, for logs and /readyz. */
  readonly kind: "sqlite" | "postgres";
  /** Applies the versioned migrations not yet applied; safe to call on every start. */
  migrate(): Promise<MigrationReport>;
  /** Resolves when the store answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;

  createGuest(input: NewGuest): Promise<UserRecord>;
  /**
   * Creates the host user of `input.subject`, or refreshes its name, e-mail, avatar and role
   * unless the stored claims came from a newer token; returns the row as it now is. The handle is
   * derived once (host-handle.ts) and never fails on a clash.
   */
  upsertExternalUser(input: ExternalUser): Promise<UserRecord>;
  /** The host user with the host's `sub` = `subject`, if any. */
  getExternalUser(subject: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;

  getArticle(articleId: string): Promise<ArticleRecord>;
  setArticleSettings(articleId: string, settings: ArticleSettings): Promise<ArticleRecord>;
  /**
   * Records the article's page unless it already has a URL: the first verified value wins, so a
   * later page (a copy on another path, a hostile embed) cannot rename it. A moderator changes it
   * with setArticleSettings. Returns the article as stored afterwards.
   */
  claimArticlePage(articleId: string, page: ArticlePage): Promise<ArticleRecord>;

  /**
   * One transaction: reuse the author's comment with the same clientKey if any; else take the
   * article's next seq, insert, count, and create the parent author's `reply` notification (unless
   * they chose `none`, or are the author). A parentId that is not a comment of the same article
   * throws AppError("not_found"). An author deleted meanwhile (or unknown) throws
   * AppError("unauthorized") and nothing is written: the write path's check that a deleted account
   * cannot post through an old socket, at no extra round trip. Pending comments notify no one.
   * The `all` subscribers are not written here, however many they are: see notifySubscribers.
   */
  insertComment(input: NewComment): Promise<InsertCommentResult>;
  /**
   * One transaction: next seq, apply the change, keep counts right. Missing id: AppError("not_found").
   * Publishing a pending comment with notifyAt creates its `reply` notification as insertComment does.
   */
  updateComment(change: CommentChange): Promise<UpdateCommentResult>;
  /** Writes one batch of `all` subscribers' `comment` notifications (see SubscriberBatch). */
  notifySubscribers(batch: SubscriberBatch): Promise<SubscriberBatchResult>;
  getComment(id: string): Promise<CommentRecord | null>;

  /**
   * Root comments in the asked order, each with its first descendants (oldest first, at most
   * `repliesLimit`), the whole within the byte budget: fewer threads when they do not fit.
   */
  listThreads(query: ThreadQuery): Promise<ThreadList>;
  /** A thread's descendants created after `after`, oldest first, within count and bytes. */
  listReplies(query: RepliesQuery): Promise<ReplyList>;
  /**
   * Every comment whose seq is greater than `after`, in seq order, at most `limit` and within the
   * byte budget (`hasMore` when cut, so paging on completes the catch-up).
   */
  /** `bytes`: the JSON size of `changes`, as measured by the cut (what the read is charged). */
  listChanges(
    query: ChangesQuery,
  ): Promise<{ changes: Comment[]; hasMore: boolean; bytes: number }>;

  /** Newest first. */
  listNotifications(
    userId: string,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<Notification[]>;
  countUnread(userId: string): Promise<number>;
  /** Marks the given notifications (all when ids is null) of this user read; returns the unread count. */
  markNotificationsRead(userId: string, ids: string[] | null, readAt: string): Promise<number>;

  /** `replies` unless the user chose otherwise for this article. */
  getSubscription(userId: string, articleId: string): Promise<Notify>;
  setSubscription(userId: string, articleId: string, notify: Notify): Promise<void>;
}
