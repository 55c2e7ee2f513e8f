/**
 * The embedded store: SQLite through better-sqlite3, one file under ./data (or in memory).
 * WAL with synchronous=NORMAL: a commit survives the process being killed the next instant
 * (only an OS crash or power loss could lose the last transactions), at a fraction of FULL's cost.
 * Statements are prepared once; every write is one synchronous transaction, so the per-article
 * seq is taken and used without any other writer in between.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Notify, Thread } from "../../../shared/schemas.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import { sqliteMigrations } from "../migrations/sqlite/index.js";
import {
  type ArticleRow,
  type CommentRow,
  createdNotification,
  defaultNotify,
  type NotificationRow,
  stripPrivate,
  toArticle,
  toComment,
  toNotification,
  toUser,
  type UserRow,
} from "../rows.js";
import type {
  ArticleRecord,
  ChangesQuery,
  CommentChange,
  CommentRecord,
  CreatedNotification,
  ExternalUser,
  InsertCommentResult,
  ArticlePage,
  ArticleSettings,
  NewComment,
  NewGuest,
  Store,
  ThreadList,
  ThreadQuery,
  UpdateCommentResult,
  UserRecord,
  Viewer,
} from "../store.js";
import type { TrustStore } from "../trust-store.js";
import type { AccountStore } from "../account-store.js";
import { prepareStatements, type Statements } from "./sqlite-statements.js";
import { createSqliteAccount } from "./sqlite-account.js";
import { createSqliteTrust } from "./sqlite-trust.js";

/** Opens (creating if needed) the database at `path`, or an in-memory one for ":memory:". */
export function createSqliteStore(path: string): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return new SqliteStore(db);
}

class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  #s: Statements | null = null;
  #trust: ReturnType<typeof createSqliteTrust> | null = null;
  #account: AccountStore | null = null;

  constructor(private readonly db: Database.Database) {}

  /** Statements exist only once the schema does, so they are prepared after migrating. */
  private get s(): Statements {
    if (!this.#s) throw new Error("SqliteStore used before migrate()");
    return this.#s;
  }

  migrate(): Promise<void> {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const applied = new Set(
      this.db
        .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
        .all()
        .map((r) => r.version),
    );
    for (const m of sqliteMigrations) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
          .run(m.version, m.name, new Date().toISOString());
      })();
    }
    this.#s = prepareStatements(this.db);
    this.#trust = createSqliteTrust(this.db);
    this.#account = createSqliteAccount(this.db, this.updateTx);
    return Promise.resolve();
  }

  /** A person's own data (export, deletion) lives in sqlite-account.ts. */
  private get account(): AccountStore {
    if (!this.#account) throw new Error("SqliteStore used before migrate()");
    return this.#account;
  }

  exportUser: AccountStore["exportUser"] = (userId) => this.account.exportUser(userId);
  deleteUser: AccountStore["deleteUser"] = (input) => this.account.deleteUser(input);

  /** Votes, reports and moderation live in sqlite-trust.ts; prepared after migrating too. */
  private get trust(): ReturnType<typeof createSqliteTrust> {
    if (!this.#trust) throw new Error("SqliteStore used before migrate()");
    return this.#trust;
  }

  setVote: TrustStore["setVote"] = (change) => this.trust.store.setVote(change);
  addReport: TrustStore["addReport"] = (report) => this.trust.store.addReport(report);
  logModeration: TrustStore["logModeration"] = (entry) => this.trust.store.logModeration(entry);
  listModerationLog: TrustStore["listModerationLog"] = (q) => this.trust.store.listModerationLog(q);
  listModerationQueue: TrustStore["listModerationQueue"] = (q) =>
    this.trust.store.listModerationQueue(q);

  ping(): Promise<void> {
    this.db.prepare("SELECT 1").get();
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  createGuest(input: NewGuest): Promise<UserRecord> {
    return Promise.resolve(
      this.db.transaction(() => {
        const { value } = this.s.nextGuestNumber.get()!;
        const row = this.s.insertUser.get({
          id: input.id,
          handle: `guest_${value}`,
          name: input.name,
          email: input.email,
          avatar_url: null,
          role: "guest",
          created_at: input.createdAt,
        })!;
        return toUser(row);
      })(),
    );
  }

  upsertExternalUser(input: ExternalUser): Promise<UserRecord> {
    const row = this.s.upsertExternalUser.get({
      id: input.id,
      handle: externalHandle(input.id),
      name: input.name,
      email: input.email,
      avatar_url: input.avatarUrl,
      role: input.role,
      created_at: input.createdAt,
    })!;
    return Promise.resolve(toUser(row));
  }

  getUser(id: string): Promise<UserRecord | null> {
    const row = this.s.getUser.get(id);
    return Promise.resolve(row ? toUser(row) : null);
  }

  getArticle(articleId: string): Promise<ArticleRecord> {
    return Promise.resolve(toArticle(articleId, this.s.getArticle.get(articleId)));
  }

  setArticleSettings(articleId: string, settings: ArticleSettings): Promise<ArticleRecord> {
    return Promise.resolve(
      this.db.transaction(() => {
        this.s.ensureArticle.run(articleId, new Date().toISOString());
        const current = toArticle(articleId, this.s.getArticle.get(articleId));
        this.s.setArticleSettings.run({
          id: articleId,
          moderation: settings.moderation !== undefined ? settings.moderation : current.moderation,
          closed_at: settings.closedAt !== undefined ? settings.closedAt : current.closedAt,
          title: settings.title !== undefined ? settings.title : current.title,
          url: settings.url !== undefined ? settings.url : current.url,
        });
        return toArticle(articleId, this.s.getArticle.get(articleId));
      })(),
    );
  }

  claimArticlePage(articleId: string, page: ArticlePage): Promise<ArticleRecord> {
    return Promise.resolve(
      this.db.transaction(() => {
        this.s.ensureArticle.run(articleId, new Date().toISOString());
        this.s.claimArticlePage.run({ id: articleId, title: page.title, url: page.url });
        return toArticle(articleId, this.s.getArticle.get(articleId));
      })(),
    );
  }

  insertComment(input: NewComment): Promise<InsertCommentResult> {
    // The executor turns a throw (AppError not_found) into a rejection, as the port promises.
    return new Promise((resolve) => resolve(this.insertTx(input)));
  }

  private readonly insertTx = (input: NewComment): InsertCommentResult =>
    this.db.transaction((): InsertCommentResult => {
      if (input.clientKey !== null) {
        const existing = this.s.getByClientKey.get(input.authorId, input.clientKey);
        if (existing) {
          const comment = toComment(existing);
          return {
            comment,
            created: false,
            article: toArticle(comment.articleId, this.s.getArticle.get(comment.articleId)),
            notifications: [],
          };
        }
      }
      let parent: CommentRecord | null = null;
      if (input.parentId !== null) {
        const row = this.s.getComment.get(input.parentId);
        if (!row || row.article_id !== input.articleId) {
          throw new AppError("not_found", "The comment replied to does not exist on this article");
        }
        parent = toComment(row);
      }
      const published = input.status === "published";
      this.s.ensureArticle.run(input.articleId, input.createdAt);
      const { last_seq: seq } = this.s.bumpArticle.get(published ? 1 : 0, input.articleId)!;
      this.s.insertComment.run({
        id: input.id,
        article_id: input.articleId,
        parent_id: input.parentId,
        root_id: parent ? (parent.rootId ?? parent.id) : null,
        author_id: input.authorId,
        body: input.body,
        status: input.status,
        seq,
        created_at: input.createdAt,
        client_key: input.clientKey,
      });
      if (published && parent) this.s.adjustReplyCount.run(1, parent.id);
      const comment = toComment(this.s.getComment.get(input.id)!);
      return {
        comment,
        created: true,
        article: toArticle(input.articleId, this.s.getArticle.get(input.articleId)),
        notifications: published ? this.notify(comment, parent, input.createdAt) : [],
      };
    })();

  /** Creates the notification rows for a newly published comment; never for its own author. */
  private notify(
    comment: CommentRecord,
    parent: CommentRecord | null,
    at: string,
  ): CreatedNotification[] {
    const recipients = new Map<string, "reply" | "comment">();
    if (parent && parent.author.id !== comment.author.id) {
      const sub = this.s.getSubscription.get(parent.author.id, comment.articleId);
      if ((sub?.notify ?? defaultNotify) !== "none") recipients.set(parent.author.id, "reply");
    }
    for (const { user_id } of this.s.listAllSubscribers.all(comment.articleId)) {
      if (user_id !== comment.author.id && !recipients.has(user_id)) {
        recipients.set(user_id, "comment");
      }
    }
    return [...recipients].map(([recipientId, type]) => {
      const id = newId();
      this.s.insertNotification.run({
        id,
        user_id: recipientId,
        type,
        article_id: comment.articleId,
        comment_id: comment.id,
        created_at: at,
      });
      return createdNotification(recipientId, { id, type }, comment, at);
    });
  }

  updateComment(change: CommentChange): Promise<UpdateCommentResult> {
    // The executor turns a throw (AppError not_found) into a rejection, as the port promises.
    return new Promise((resolve) => resolve(this.updateTx(change)));
  }

  private readonly updateTx = (change: CommentChange): UpdateCommentResult =>
    this.db.transaction((): UpdateCommentResult => {
      const row = this.s.getComment.get(change.id);
      if (!row) throw new AppError("not_found", "No such comment");
      const before = toComment(row);
      const status = change.status ?? before.status;
      const delta = (status === "published" ? 1 : 0) - (before.status === "published" ? 1 : 0);
      const { last_seq: seq } = this.s.bumpArticle.get(delta, before.articleId)!;
      this.s.updateComment.run({
        id: change.id,
        seq,
        status,
        body: status === "removed" ? "" : (change.body ?? row.body),
        edited_at: change.editedAt !== undefined ? change.editedAt : before.editedAt,
      });
      if (delta !== 0 && before.parentId) this.s.adjustReplyCount.run(delta, before.parentId);
      if (change.log) this.trust.insertLog(change.log);
      const comment = toComment(this.s.getComment.get(change.id)!);
      let notifications: CreatedNotification[] = [];
      if (change.notifyAt && before.status === "pending" && status === "published") {
        const parentRow = before.parentId ? this.s.getComment.get(before.parentId) : undefined;
        notifications = this.notify(
          comment,
          parentRow ? toComment(parentRow) : null,
          change.notifyAt,
        );
      }
      return {
        comment,
        previousStatus: before.status,
        article: toArticle(before.articleId, this.s.getArticle.get(before.articleId)),
        notifications,
      };
    })();

  getComment(id: string): Promise<CommentRecord | null> {
    const row = this.s.getComment.get(id);
    return Promise.resolve(row ? toComment(row) : null);
  }

  listThreads(q: ThreadQuery): Promise<ThreadList> {
    const moderator: 0 | 1 = q.viewer.moderator ? 1 : 0;
    const params = {
      article_id: q.articleId,
      viewer: q.viewer.userId,
      moderator,
      limit: q.limit + 1,
      cursor_seq: q.cursor?.createdSeq ?? null,
      cursor_score: q.cursor?.score ?? null,
    };
    const roots = this.s.listRoots[q.sort].all(params).map(toComment);
    const page = roots.slice(0, q.limit);
    const replies = page.length
      ? this.s.listReplies
          .all({ ...params, roots: JSON.stringify(page.map((r) => r.id)) })
          .map(toComment)
      : [];
    const byRoot = new Map(page.map((r) => [r.id, [] as CommentRecord[]]));
    for (const reply of replies) byRoot.get(reply.rootId!)?.push(reply);
    const last = page[page.length - 1];
    return Promise.resolve({
      threads: page.map((root) => ({
        comment: stripPrivate(root),
        replies: (byRoot.get(root.id) ?? []).map(stripPrivate),
      })),
      nextCursor:
        roots.length > q.limit && last ? { createdSeq: last.createdSeq, score: last.score } : null,
    });
  }

  getThread(rootId: string, viewer: Viewer): Promise<Thread | null> {
    const row = this.s.getComment.get(rootId);
    if (!row || row.parent_id !== null) return Promise.resolve(null);
    const replies = this.s.listReplies.all({
      article_id: row.article_id,
      viewer: viewer.userId,
      moderator: viewer.moderator ? 1 : 0,
      limit: 0,
      cursor_seq: null,
      cursor_score: null,
      roots: JSON.stringify([rootId]),
    });
    return Promise.resolve({
      comment: stripPrivate(toComment(row)),
      replies: replies.map((r) => stripPrivate(toComment(r))),
    });
  }

  listChanges(q: ChangesQuery) {
    const rows = this.s.listChanges.all({
      article_id: q.articleId,
      after: q.after,
      limit: q.limit + 1,
      viewer: q.viewer.userId,
      moderator: q.viewer.moderator ? 1 : 0,
    } as const);
    return Promise.resolve({
      changes: rows.slice(0, q.limit).map((r) => stripPrivate(toComment(r))),
      hasMore: rows.length > q.limit,
    });
  }

  listNotifications(userId: string, options: { unreadOnly: boolean; limit: number }) {
    const rows = this.s.listNotifications.all(userId, options.unreadOnly ? 1 : 0, options.limit);
    return Promise.resolve(rows.map(toNotification));
  }

  countUnread(userId: string): Promise<number> {
    return Promise.resolve(this.s.countUnread.get(userId)!.n);
  }

  markNotificationsRead(userId: string, ids: string[] | null, readAt: string): Promise<number> {
    return Promise.resolve(
      this.db.transaction(() => {
        if (ids === null) this.s.markAllRead.run(readAt, userId);
        else this.s.markSomeRead.run(readAt, userId, JSON.stringify(ids));
        return this.s.countUnread.get(userId)!.n;
      })(),
    );
  }

  getSubscription(userId: string, articleId: string): Promise<Notify> {
    return Promise.resolve(this.s.getSubscription.get(userId, articleId)?.notify ?? defaultNotify);
  }

  setSubscription(userId: string, articleId: string, notify: Notify): Promise<void> {
    this.s.setSubscription.run(userId, articleId, notify);
    return Promise.resolve();
  }
}

/** Single sign-on users get a stable handle derived from their id. */
export function externalHandle(id: string): string {
  return id
    .replace(/^sso:/, "")
    .replace(/[^A-Za-z0-9_.-]/g, "_")
    .slice(0, 40);
}

export type { ArticleRow, CommentRow, NotificationRow, UserRow };
