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
import type { AccountStore } from "./account-store.js";
import type { NewModerationLog, TrustStore } from "./trust-store.js";

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
  id: string;
  name: string;
  email: string | null;
  avatarUrl: string | null;
  role: Exclude<Role, "guest">;
  createdAt: string;
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
}

/** A change to an existing comment; it takes the article's next seq. */
export interface CommentChange {
  id: string;
  body?: string;
  status?: CommentStatus;
  editedAt?: string | null;
  /** When a pending comment becomes published, create its notifications as a new comment would. */
  notifyAt?: string;
  /** A moderator's decision: logged in the same transaction as the change. */
  log?: NewModerationLog;
}

export interface UpdateCommentResult {
  comment: CommentRecord;
  previousStatus: CommentStatus;
  article: ArticleRecord;
  notifications: CreatedNotification[];
}

/** Position after the last thread of a page; decoded and validated by the domain. */
export interface ThreadCursor {
  createdSeq: number;
  /** Only for `sort=top`. */
  score?: number;
}

export interface ThreadQuery {
  articleId: string;
  sort: Sort;
  limit: number;
  cursor: ThreadCursor | null;
  viewer: Viewer;
}

export interface ThreadList {
  threads: Thread[];
  nextCursor: ThreadCursor | null;
}

export interface ChangesQuery {
  articleId: string;
  after: number;
  limit: number;
  viewer: Viewer;
}

export interface Store extends TrustStore, AccountStore {
  /** Which implementation this is, for logs and /readyz. */
  readonly kind: "sqlite" | "postgres";
  /** Applies the versioned migrations not yet applied; safe to call on every start. */
  migrate(): Promise<void>;
  /** Resolves when the store answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;

  createGuest(input: NewGuest): Promise<UserRecord>;
  upsertExternalUser(input: ExternalUser): Promise<UserRecord>;
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
   * article's next seq, insert, count, and create the notification rows (the parent's author unless
   * they chose `none`; subscribers with `all`; never the author). A parentId that is not a comment
   * of the same article throws AppError("not_found"). Pending comments notify no one.
   */
  insertComment(input: NewComment): Promise<InsertCommentResult>;
  /** One transaction: next seq, apply the change, keep counts right. Missing id: AppError("not_found"). */
  updateComment(change: CommentChange): Promise<UpdateCommentResult>;
  getComment(id: string): Promise<CommentRecord | null>;

  /** Root comments in the asked order with all their descendants (oldest first) for each. */
  listThreads(query: ThreadQuery): Promise<ThreadList>;
  /**
   * One thread: the root `rootId` with its visible descendants (oldest first), as listThreads
   * shapes it; null when there is no such root comment. For deep links to a comment.
   */
  getThread(rootId: string, viewer: Viewer): Promise<Thread | null>;
  /** Every comment whose seq is greater than `after`, in seq order, at most `limit`. */
  listChanges(query: ChangesQuery): Promise<{ changes: Comment[]; hasMore: boolean }>;

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
