/**
 * The shared store: PostgreSQL through a pg Pool, for many Parley instances on one database.
 * It answers exactly as the SQLite store does (same rows.ts mapping, same text timestamps); what
 * differs is concurrency: every seq-taking write holds the article's row lock until commit (see
 * postgres-comment-writes.ts), and guest numbers come from a sequence. A database that goes away
 * turns queries into AppError("unavailable") and the pool reconnects on its own once it is back.
 */
import type { Notify } from "../../../shared/schemas.js";
import {
  type ArticleRow,
  type CommentRow,
  defaultNotify,
  type NotificationRow,
  toArticle,
  toComment,
  toNotification,
  toUser,
  type UserRow,
} from "../rows.js";
import { hostHandle, HOST_HANDLE_ATTEMPTS } from "../host-handle.js";
import { isUniqueViolation } from "./postgres-errors.js";
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
  SubscriberBatch,
  SubscriberBatchResult,
  RepliesQuery,
  ReplyList,
  ThreadList,
  ThreadQuery,
  UpdateCommentResult,
  UserRecord,
} from "../store.js";
import { limits } from "../../../shared/limits.js";
import {
  cutChanges,
  cutReplies,
  countsByRoot,
  cutThreads,
  defaultMaxBytes,
  type EstimatedRow,
  groupByRoot,
  type ReplyRow,
  threadRepliesMaxBytes,
} from "../byte-cut.js";
import { insertComment, notifySubscribers, updateComment } from "./postgres-comment-writes.js";
import { createDb, type Db, type DbOptions } from "./postgres-db.js";
import { migratePostgres } from "./postgres-migrate.js";
import type { MigrationReport } from "../migrations/migration.js";
import { sql } from "./postgres-sql.js";
import { createPostgresTrust } from "./postgres-trust.js";
import { createPostgresPins } from "./postgres-pins.js";
import type { PinStore } from "../pin-store.js";
import type { TrustStore } from "../trust-store.js";
import type { ImportStore } from "../import-store.js";
import { createPostgresImport } from "./postgres-import.js";
import type { OutboxStore } from "../outbox-store.js";
import { confirmVerifiedEmail, createPostgresOutbox } from "./postgres-outbox.js";
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

  /** Editors' picks: postgres-pins.ts, made on first use. */
  #pins: PinStore | null = null;
  private get pins(): PinStore {
    return (this.#pins ??= createPostgresPins(this.db));
  }

  pinComment: PinStore["pinComment"] = (pin) => this.pins.pinComment(pin);
  unpinComment: PinStore["unpinComment"] = (id, log) => this.pins.unpinComment(id, log);
  listPins: PinStore["listPins"] = (articleId) => this.pins.listPins(articleId);

  /** Imports and exports: postgres-import.ts, made on first use. */
  #import: ImportStore | null = null;
  private get imports(): ImportStore {
    return (this.#import ??= createPostgresImport(this.db));
  }

  importArticle: ImportStore["importArticle"] = (batch) => this.imports.importArticle(batch);
  importUsers: ImportStore["importUsers"] = (users) => this.imports.importUsers(users);
  exportArticles: ImportStore["exportArticles"] = (a, n) => this.imports.exportArticles(a, n);
  exportComments: ImportStore["exportComments"] = (id, a, n) =>
    this.imports.exportComments(id, a, n);
  exportUsers: ImportStore["exportUsers"] = (a, n) => this.imports.exportUsers(a, n);

  /** The outbox, email preferences and the mailer's step: postgres-outbox.ts. */
  #outbox: OutboxStore | null = null;
  private get outbox(): OutboxStore {
    return (this.#outbox ??= createPostgresOutbox(this.db));
  }

  enqueueOutbox: OutboxStore["enqueueOutbox"] = (m) => this.outbox.enqueueOutbox(m);
  claimOutbox: OutboxStore["claimOutbox"] = (c) => this.outbox.claimOutbox(c);
  completeOutbox: OutboxStore["completeOutbox"] = (id, claim, at) =>
    this.outbox.completeOutbox(id, claim, at);
  failOutbox: OutboxStore["failOutbox"] = (id, claim, error, retryAt, at) =>
    this.outbox.failOutbox(id, claim, error, retryAt, at);
  outboxStats: OutboxStore["outboxStats"] = () => this.outbox.outboxStats();
  mailDueNotifications: OutboxStore["mailDueNotifications"] = (q, decide) =>
    this.outbox.mailDueNotifications(q, decide);
  getEmailPreferences: OutboxStore["getEmailPreferences"] = (id) =>
    this.outbox.getEmailPreferences(id);
  setEmailPreferences: OutboxStore["setEmailPreferences"] = (id, prefs) =>
    this.outbox.setEmailPreferences(id, prefs);
  confirmEmail: OutboxStore["confirmEmail"] = (id, email) => this.outbox.confirmEmail(id, email);
  findUsersByHandles: OutboxStore["findUsersByHandles"] = (handles) =>
    this.outbox.findUsersByHandles(handles);
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

  async migrate(): Promise<MigrationReport> {
    const migrator = this.openMigrator();
    try {
      return await migratePostgres(migrator);
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
    // A number whose handle a host user already holds (rows from before host handles were
    // hashed) is skipped, never a failure: guests must always get a session.
    for (;;) {
      const [row] = await this.db.query<UserRow>(sql.insertGuest, [
        input.id,
        input.name,
        input.email,
        input.createdAt,
      ]);
      if (row) return toUser(row);
    }
  }

  async upsertExternalUser(input: ExternalUser): Promise<UserRecord> {
    for (let attempt = 0; ; attempt++) {
      try {
        const [row] = await this.db.query<UserRow>(sql.upsertExternalUser, [
          input.id,
          hostHandle(input.name, input.id, attempt),
          input.name,
          input.email,
          input.avatarUrl,
          input.role,
          input.createdAt,
          input.subject,
          input.issuedAt,
        ]);
        const user = row ? toUser(row) : await this.getExternalUser(input.subject);
        if (user) {
          // The host vouches for the address: it is mailed without a confirmation link.
          if (input.emailVerified && input.email !== null && user.email === input.email) {
            await confirmVerifiedEmail(this.db, user.id, input.email);
          }
          return user;
        }
      } catch (error) {
        const clash = isUniqueViolation(error, "users_handle_key");
        if (!clash || attempt + 1 >= HOST_HANDLE_ATTEMPTS) throw error;
      }
    }
  }

  async getExternalUser(subject: string): Promise<UserRecord | null> {
    const [row] = await this.db.query<UserRow>(sql.getExternalUser, [subject]);
    return row ? toUser(row) : null;
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

  notifySubscribers(batch: SubscriberBatch): Promise<SubscriberBatchResult> {
    return notifySubscribers(this.db, batch);
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
    const repliesLimit = q.repliesLimit ?? limits.threadRepliesLimit;
    const ids = page.map((r) => r.id);
    const [replies, counts] = page.length
      ? await Promise.all([
          this.db.query<ReplyRow>(sql.listReplies, [
            ids,
            ...viewer,
            repliesLimit,
            threadRepliesMaxBytes,
          ]),
          this.db.query<{ root_id: string; n: string }>(sql.countReplies, [ids, ...viewer]),
        ])
      : [[], []];
    return cutThreads(roots, groupByRoot(replies), countsByRoot(counts), {
      limit: q.limit,
      repliesLimit,
      maxBytes: q.maxBytes ?? defaultMaxBytes,
    });
  }

  async listReplies(q: RepliesQuery): Promise<ReplyList> {
    const maxBytes = q.maxBytes ?? defaultMaxBytes;
    const rows = await this.db.query<ReplyRow>(sql.listThreadReplies, [
      q.rootId,
      q.viewer.userId,
      q.viewer.moderator,
      q.after,
      q.limit + 1,
      maxBytes,
    ]);
    const { replies, repliesAfter, bytes } = cutReplies(rows, q.after, q.limit, maxBytes);
    return { replies, repliesAfter, bytes };
  }

  async listChanges(q: ChangesQuery) {
    const maxBytes = q.maxBytes ?? defaultMaxBytes;
    const rows = await this.db.query<EstimatedRow>(sql.listChanges, [
      q.articleId,
      q.viewer.userId,
      q.viewer.moderator,
      q.after,
      q.limit + 1,
      maxBytes,
    ]);
    return cutChanges(rows, q.limit, maxBytes);
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
