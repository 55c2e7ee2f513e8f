/**
 * The shared store: PostgreSQL through a pg Pool, for many Parley instances on one database.
 * It answers exactly as the SQLite store does (same rows.ts mapping, same text timestamps); what
 * differs is concurrency: every seq-taking write holds the article's row lock until commit (see
 * postgres-comment-writes.ts), and guest numbers come from a sequence. A database that goes away
 * turns queries into AppError("unavailable") and the pool reconnects on its own once it is back.
 */
import type { Notify, Thread } from "../../../shared/schemas.js";
import {
  type ArticleRow,
  type CommentRow,
  defaultNotify,
  type NotificationRow,
  stripPrivate,
  toArticle,
  toComment,
  toNotification,
  toUser,
  type UserRow,
} from "../rows.js";
import { externalHandle } from "../sqlite/sqlite-store.js";
import type {
  ArticleRecord,
  ChangesQuery,
  CommentChange,
  CommentRecord,
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
import { insertComment, updateComment } from "./postgres-comment-writes.js";
import { createDb, type Db, type DbOptions } from "./postgres-db.js";
import { migratePostgres } from "./postgres-migrate.js";
import { sql } from "./postgres-sql.js";
import { createPostgresTrust } from "./postgres-trust.js";
import type { TrustStore } from "../trust-store.js";
import type { AccountStore } from "../account-store.js";
import { createPostgresAccount } from "./postgres-account.js";

/** Options of the PostgreSQL store. */
export type PostgresStoreOptions = DbOptions;

/**
 * Creates the store for `connectionString` (`postgres://user@host:port/db`). Nothing connects
 * until the first call; call migrate() once at start-up before anything else.
 */
export function createPostgresStore(
  connectionString: string,
  options: PostgresStoreOptions = {},
): Store {
  return new PostgresStore(createDb(connectionString, options), () =>
    // Migrations may wait on another instance's migration and may rewrite big tables: they run
    // on a connection of their own without the per-query timeout.
    createDb(connectionString, { ...options, max: 1, queryTimeoutMs: 0 }),
  );
}

class PostgresStore implements Store {
  readonly kind = "postgres" as const;
  /** Votes, reports and moderation: postgres-trust.ts, made on first use. */
  #trust: TrustStore | null = null;
  private get trust(): TrustStore {
    return (this.#trust ??= createPostgresTrust(this.db));
  }

  setVote: TrustStore["setVote"] = (change) => this.trust.setVote(change);
  addReport: TrustStore["addReport"] = (report) => this.trust.addReport(report);
  logModeration: TrustStore["logModeration"] = (entry) => this.trust.logModeration(entry);
  listModerationLog: TrustStore["listModerationLog"] = (q) => this.trust.listModerationLog(q);
  listModerationQueue: TrustStore["listModerationQueue"] = (q) => this.trust.listModerationQueue(q);

  /** A person's own data (export, deletion): postgres-account.ts, made on first use. */
  #account: AccountStore | null = null;
  private get account(): AccountStore {
    return (this.#account ??= createPostgresAccount(this.db));
  }
  exportUser: AccountStore["exportUser"] = (userId) => this.account.exportUser(userId);
  deleteUser: AccountStore["deleteUser"] = (input) => this.account.deleteUser(input);

  constructor(
    private readonly db: Db,
    private readonly openMigrator: () => Db,
  ) {}

  async migrate(): Promise<void> {
    const migrator = this.openMigrator();
    try {
      await migratePostgres(migrator);
    } finally {
      await migrator.end();
    }
  }

  async ping(): Promise<void> {
    await this.db.query("SELECT 1");
  }

  close(): Promise<void> {
    return this.db.end();
  }

  async createGuest(input: NewGuest): Promise<UserRecord> {
    const [row] = await this.db.query<UserRow>(sql.insertGuest, [
      input.id,
      input.name,
      input.email,
      input.createdAt,
    ]);
    return toUser(row!);
  }

  async upsertExternalUser(input: ExternalUser): Promise<UserRecord> {
    const [row] = await this.db.query<UserRow>(sql.upsertExternalUser, [
      input.id,
      externalHandle(input.id),
      input.name,
      input.email,
      input.avatarUrl,
      input.role,
      input.createdAt,
    ]);
    return toUser(row!);
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const [row] = await this.db.query<UserRow>(sql.getUser, [id]);
    return row ? toUser(row) : null;
  }

  async getArticle(articleId: string): Promise<ArticleRecord> {
    const [row] = await this.db.query<ArticleRow>(sql.getArticle, [articleId]);
    return toArticle(articleId, row);
  }

  setArticleSettings(articleId: string, settings: ArticleSettings): Promise<ArticleRecord> {
    return this.db.transaction(async (tx) => {
      await tx.query(sql.ensureArticle, [articleId, new Date().toISOString()]);
      const [locked] = await tx.query<ArticleRow>(sql.lockArticle, [articleId]);
      const current = toArticle(articleId, locked);
      const [row] = await tx.query<ArticleRow>(sql.setArticleSettings, [
        articleId,
        settings.moderation !== undefined ? settings.moderation : current.moderation,
        settings.closedAt !== undefined ? settings.closedAt : current.closedAt,
        settings.title !== undefined ? settings.title : current.title,
        settings.url !== undefined ? settings.url : current.url,
      ]);
      return toArticle(articleId, row);
    });
  }

  claimArticlePage(articleId: string, page: ArticlePage): Promise<ArticleRecord> {
    return this.db.transaction(async (tx) => {
      await tx.query(sql.ensureArticle, [articleId, new Date().toISOString()]);
      await tx.query(sql.claimArticlePage, [articleId, page.title, page.url]);
      const [row] = await tx.query<ArticleRow>(sql.getArticle, [articleId]);
      return toArticle(articleId, row);
    });
  }

  insertComment(input: NewComment): Promise<InsertCommentResult> {
    return insertComment(this.db, input);
  }

  updateComment(change: CommentChange): Promise<UpdateCommentResult> {
    return updateComment(this.db, change);
  }

  async getComment(id: string): Promise<CommentRecord | null> {
    const [row] = await this.db.query<CommentRow>(sql.getComment, [id]);
    return row ? toComment(row) : null;
  }

  async listThreads(q: ThreadQuery): Promise<ThreadList> {
    const viewer = [q.viewer.userId, q.viewer.moderator];
    const params = [q.articleId, ...viewer, q.limit + 1, q.cursor?.createdSeq ?? null];
    // Only `top` orders by score: the other statements take no score parameter.
    if (q.sort === "top") params.push(q.cursor?.score ?? null);
    const roots = (await this.db.query<CommentRow>(sql.listRoots[q.sort], params)).map(toComment);
    const page = roots.slice(0, q.limit);
    const replies = page.length
      ? (await this.db.query<CommentRow>(sql.listReplies, [page.map((r) => r.id), ...viewer])).map(
          toComment,
        )
      : [];
    const byRoot = new Map(page.map((r) => [r.id, [] as CommentRecord[]]));
    for (const reply of replies) byRoot.get(reply.rootId!)?.push(reply);
    const last = page[page.length - 1];
    return {
      threads: page.map((root) => ({
        comment: stripPrivate(root),
        replies: (byRoot.get(root.id) ?? []).map(stripPrivate),
      })),
      nextCursor:
        roots.length > q.limit && last ? { createdSeq: last.createdSeq, score: last.score } : null,
    };
  }

  async getThread(rootId: string, viewer: Viewer): Promise<Thread | null> {
    const [row] = await this.db.query<CommentRow>(sql.getComment, [rootId]);
    if (!row || row.parent_id !== null) return null;
    const replies = await this.db.query<CommentRow>(sql.listReplies, [
      [rootId],
      viewer.userId,
      viewer.moderator,
    ]);
    return {
      comment: stripPrivate(toComment(row)),
      replies: replies.map((r) => stripPrivate(toComment(r))),
    };
  }

  async listChanges(q: ChangesQuery) {
    const rows = await this.db.query<CommentRow>(sql.listChanges, [
      q.articleId,
      q.viewer.userId,
      q.viewer.moderator,
      q.after,
      q.limit + 1,
    ]);
    return {
      changes: rows.slice(0, q.limit).map((r) => stripPrivate(toComment(r))),
      hasMore: rows.length > q.limit,
    };
  }

  async listNotifications(userId: string, options: { unreadOnly: boolean; limit: number }) {
    const rows = await this.db.query<NotificationRow>(sql.listNotifications, [
      userId,
      options.unreadOnly,
      options.limit,
    ]);
    return rows.map(toNotification);
  }

  async countUnread(userId: string): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(sql.countUnread, [userId]);
    return Number(row!.n);
  }

  markNotificationsRead(userId: string, ids: string[] | null, readAt: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      if (ids === null) await tx.query(sql.markAllRead, [readAt, userId]);
      else await tx.query(sql.markSomeRead, [readAt, userId, ids]);
      const [row] = await tx.query<{ n: string }>(sql.countUnread, [userId]);
      return Number(row!.n);
    });
  }

  async getSubscription(userId: string, articleId: string): Promise<Notify> {
    const [row] = await this.db.query<{ notify: Notify }>(sql.getSubscription, [userId, articleId]);
    return row?.notify ?? defaultNotify;
  }

  async setSubscription(userId: string, articleId: string, notify: Notify): Promise<void> {
    await this.db.query(sql.setSubscription, [userId, articleId, notify]);
  }
}
