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
import type { Notification, Notify } from "../../../shared/schemas.js";
import { accountGone, AppError } from "../../core/app-error.js";
import { newId } from "../../core/ids.js";
import { hostHandle, HOST_HANDLE_ATTEMPTS } from "../host-handle.js";
import type { MigrationReport } from "../migrations/migration.js";
import { limits } from "../../../shared/limits.js";
import {
  cutChanges,
  cutReplies,
  cutThreads,
  countsByRoot,
  defaultMaxBytes,
  threadRepliesMaxBytes,
} from "../byte-cut.js";
import {
  createdNotification,
  defaultNotify,
  toArticle,
  toComment,
  toNotification,
  toUser,
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
  SubscriberBatch,
  SubscriberBatchResult,
  RepliesQuery,
  ReplyList,
  ThreadList,
  ThreadQuery,
  UpdateCommentResult,
  UserRecord,
} from "../store.js";
import { ArticleChanged, articleFits } from "../store.js";
import type { ImportStore } from "../import-store.js";
import type { OutboxStore } from "../outbox-store.js";
import type { TrustStore } from "../trust-store.js";
import { createSqliteOutbox } from "./sqlite-outbox.js";
import { prepareStatements, type Statements } from "./sqlite-statements.js";
import { createSqliteImport } from "./sqlite-import.js";
import { migrateSqlite } from "./sqlite-migrate.js";
import type { AccountStore } from "../account-store.js";
import { createSqliteAccount } from "./sqlite-account.js";
import { createSqliteTrust } from "./sqlite-trust.js";
import { createSqlitePins } from "./sqlite-pins.js";
import type { PinStore } from "../pin-store.js";
import { type Checkpointer, startCheckpointer } from "./sqlite-checkpointer.js";

/** Opens (creating if needed) the database at `path`, or an in-memory one for ":memory:". */
export function createSqliteStore(path: string): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // First, so that every later step waits for another process's lock instead of failing at once:
  // switching a fresh file to WAL needs a moment of exclusive access too.
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  if (path === ":memory:") return new SqliteStore(db, null);
  // Checkpoints run on a thread of their own, not inside a commit (sqlite-checkpointer.ts).
  db.pragma("wal_autocheckpoint = 0");
  const checkpointer = startCheckpointer(path, () => {
    if (db.open) db.pragma("wal_autocheckpoint = 1000");
  });
  return new SqliteStore(db, checkpointer);
}

class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  #s: Statements | null = null;
  #trust: ReturnType<typeof createSqliteTrust> | null = null;
  #import: ImportStore | null = null;
  #outbox: ReturnType<typeof createSqliteOutbox> | null = null;
  #account: AccountStore | null = null;
  #pins: PinStore | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly checkpointer: Checkpointer | null,
  ) {}

  /** Statements exist only once the schema does, so they are prepared after migrating. */
  private get s(): Statements {
    if (!this.#s) throw new Error("SqliteStore used before migrate()");
    return this.#s;
  }

  migrate(): Promise<MigrationReport> {
    const report = migrateSqlite(this.db);
    this.#s = prepareStatements(this.db);
    this.#trust = createSqliteTrust(this.db);
    this.#import = createSqliteImport(this.db);
    this.#outbox = createSqliteOutbox(this.db);
    this.#account = createSqliteAccount(this.db, this.updateTx);
    this.#pins = createSqlitePins(this.db);
    return Promise.resolve(report);
  }

  /** Imports and exports live in sqlite-import.ts; prepared after migrating too. */
  private get imports(): ImportStore {
    if (!this.#import) throw new Error("SqliteStore used before migrate()");
    return this.#import;
  }

  importArticle: ImportStore["importArticle"] = (batch) => this.imports.importArticle(batch);
  importUsers: ImportStore["importUsers"] = (users) => this.imports.importUsers(users);
  exportArticles: ImportStore["exportArticles"] = (a, n) => this.imports.exportArticles(a, n);
  exportComments: ImportStore["exportComments"] = (id, a, n) =>
    this.imports.exportComments(id, a, n);
  exportUsers: ImportStore["exportUsers"] = (a, n) => this.imports.exportUsers(a, n);

  /** The outbox, email preferences and the mailer's step: sqlite-outbox.ts. */
  private get outbox(): ReturnType<typeof createSqliteOutbox> {
    if (!this.#outbox) throw new Error("SqliteStore used before migrate()");
    return this.#outbox;
  }

  enqueueOutbox: OutboxStore["enqueueOutbox"] = (m) => this.outbox.store.enqueueOutbox(m);
  claimOutbox: OutboxStore["claimOutbox"] = (c) => this.outbox.store.claimOutbox(c);
  completeOutbox: OutboxStore["completeOutbox"] = (id, claim, at) =>
    this.outbox.store.completeOutbox(id, claim, at);
  failOutbox: OutboxStore["failOutbox"] = (id, claim, error, retryAt, at) =>
    this.outbox.store.failOutbox(id, claim, error, retryAt, at);
  outboxStats: OutboxStore["outboxStats"] = () => this.outbox.store.outboxStats();
  mailDueNotifications: OutboxStore["mailDueNotifications"] = (q, decide) =>
    this.outbox.store.mailDueNotifications(q, decide);
  getEmailPreferences: OutboxStore["getEmailPreferences"] = (id) =>
    this.outbox.store.getEmailPreferences(id);
  setEmailPreferences: OutboxStore["setEmailPreferences"] = (id, prefs) =>
    this.outbox.store.setEmailPreferences(id, prefs);
  confirmEmail: OutboxStore["confirmEmail"] = (id, email) =>
    this.outbox.store.confirmEmail(id, email);
  findUsersByHandles: OutboxStore["findUsersByHandles"] = (handles) =>
    this.outbox.store.findUsersByHandles(handles);

  /** A person's own data (export, deletion) lives in sqlite-account.ts. */
  private get account(): AccountStore {
    if (!this.#account) throw new Error("SqliteStore used before migrate()");
    return this.#account;
  }

  exportUser: AccountStore["exportUser"] = (userId) => this.account.exportUser(userId);
  deleteUser: AccountStore["deleteUser"] = (input) => this.account.deleteUser(input);

  /** Editors' picks: sqlite-pins.ts, prepared after migrating too. */
  private get pins(): PinStore {
    if (!this.#pins) throw new Error("SqliteStore used before migrate()");
    return this.#pins;
  }

  pinComment: PinStore["pinComment"] = (pin) => this.pins.pinComment(pin);
  unpinComment: PinStore["unpinComment"] = (id, log) => this.pins.unpinComment(id, log);
  listPins: PinStore["listPins"] = (articleId) => this.pins.listPins(articleId);

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

  async close(): Promise<void> {
    // The thread's connection first: the last one to close checkpoints and removes the WAL.
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  createGuest(input: NewGuest): Promise<UserRecord> {
    return Promise.resolve(
      this.db.transaction(() => {
        // A number whose handle a host user already holds (rows from before host handles were
        // hashed) is skipped, never a failure: guests must always get a session.
        for (;;) {
          const { value } = this.s.nextGuestNumber.get()!;
          const row = this.s.insertGuest.get({
            id: input.id,
            handle: `guest_${value}`,
            name: input.name,
            email: input.email,
            avatar_url: null,
            role: "guest",
            created_at: input.createdAt,
          });
          if (row) return toUser(row);
        }
      })(),
    );
  }

  upsertExternalUser(input: ExternalUser): Promise<UserRecord> {
    for (let attempt = 0; ; attempt++) {
      try {
        const row = this.s.upsertExternalUser.get({
          id: input.id,
          handle: hostHandle(input.name, input.id, attempt),
          name: input.name,
          email: input.email,
          avatar_url: input.avatarUrl,
          role: input.role,
          created_at: input.createdAt,
          external_id: input.subject,
          claims_iat: input.issuedAt,
        });
        const user = toUser(row ?? this.s.getExternalUser.get(input.subject)!);
        // The host vouches for the address: it is mailed without a confirmation link.
        if (input.emailVerified && input.email !== null && user.email === input.email) {
          this.outbox.confirmNow(user.id, input.email);
        }
        return Promise.resolve(user);
      } catch (error) {
        const clash = error instanceof Error && error.message.includes("users.handle");
        if (!clash || attempt + 1 >= HOST_HANDLE_ATTEMPTS) throw error;
      }
    }
  }

  getExternalUser(subject: string): Promise<UserRecord | null> {
    const row = this.s.getExternalUser.get(subject);
    return Promise.resolve(row ? toUser(row) : null);
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
    // The executor turns a throw (AppError not_found, unauthorized) into a rejection, as the port
    // promises.
    return new Promise((resolve) => resolve(this.insertTx(input)));
  }

  private readonly insertTx = (input: NewComment): InsertCommentResult =>
    this.db.transaction((): InsertCommentResult => {
      // The caller's cached view of the article must still hold, before anything else (a
      // clientKey replay included, as when the article is read first).
      if (!articleFits(input.expect, this.s.getArticle.get(input.articleId)))
        throw new ArticleChanged(input.articleId);
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
      const author = this.s.getUser.get(input.authorId);
      if (!author || author.deleted_at) throw new AppError("unauthorized", accountGone);
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
      if (input.outbox) this.outbox.insert(input.outbox(comment));
      return {
        comment,
        created: true,
        article: toArticle(input.articleId, this.s.getArticle.get(input.articleId)),
        notifications: published
          ? this.notify(comment, parent, input.createdAt, input.mentions ?? [])
          : [],
      };
    })();

  /**
   * In the comment's transaction: the parent author's `reply` (unless `none`) and the few users it
   * mentions. Followers with `all` are written after the commit, in batches (notifySubscribers).
   */
  private notify(
    comment: CommentRecord,
    parent: CommentRecord | null,
    at: string,
    mentions: string[] = [],
  ): CreatedNotification[] {
    const recipients = new Map<string, Notification["type"]>();
    if (parent && parent.author.id !== comment.author.id) {
      const sub = this.s.getSubscription.get(parent.author.id, comment.articleId);
      if ((sub?.notify ?? defaultNotify) !== "none") recipients.set(parent.author.id, "reply");
    }
    for (const id of mentions) {
      if (id !== comment.author.id && !recipients.has(id)) recipients.set(id, "mention");
    }
    return [...recipients].map(([recipientId, type]) =>
      this.insertNotification(recipientId, type, comment, at),
    );
  }

  private insertNotification(
    recipientId: string,
    type: Notification["type"],
    comment: CommentRecord,
    at: string,
  ): CreatedNotification {
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
  }

  notifySubscribers(batch: SubscriberBatch): Promise<SubscriberBatchResult> {
    const followers = () =>
      this.s.listAllSubscribers.all(
        batch.comment.articleId,
        batch.afterUserId ?? "",
        JSON.stringify(batch.exclude),
        batch.limit,
      );
    // Most articles have no `all` followers: one read says so, without a write transaction (this
    // runs after every post).
    if (followers().length === 0)
      return Promise.resolve({ notifications: [], nextAfterUserId: null });
    return Promise.resolve(
      this.db.transaction((): SubscriberBatchResult => {
        const rows = followers();
        const notifications = rows.map(({ user_id }) =>
          this.insertNotification(user_id, "comment", batch.comment, batch.at),
        );
        const last = rows.at(-1);
        return {
          notifications,
          nextAfterUserId: rows.length === batch.limit && last ? last.user_id : null,
        };
      })(),
    );
  }

  updateComment(change: CommentChange): Promise<UpdateCommentResult> {
    // The executor turns a throw (AppError not_found, unauthorized) into a rejection, as the port
    // promises.
    return new Promise((resolve) => resolve(this.updateTx(change)));
  }

  private readonly updateTx = (change: CommentChange): UpdateCommentResult =>
    this.db.transaction((): UpdateCommentResult => {
      const row = this.s.getComment.get(change.id);
      if (!row) throw new AppError("not_found", "No such comment");
      const before = toComment(row);
      if (change.ifEditedAt !== undefined && change.ifEditedAt !== before.editedAt)
        throw new AppError("conflict", "The comment was edited since");
      const status = change.status ?? before.status;
      const delta = (status === "published" ? 1 : 0) - (before.status === "published" ? 1 : 0);
      const { last_seq: seq } = this.s.bumpArticle.get(delta, before.articleId)!;
      this.s.updateComment.run({
        id: change.id,
        seq,
        status,
        body: status === "removed" ? "" : (change.body ?? row.body),
        edited_at: change.editedAt !== undefined ? change.editedAt : before.editedAt,
        edited_by: change.editedBy ?? before.editedBy,
      });
      if (delta !== 0 && before.parentId) this.s.adjustReplyCount.run(delta, before.parentId);
      if (change.log) this.trust.insertLog(change.log);
      const comment = toComment(this.s.getComment.get(change.id)!);
      if (change.outbox) this.outbox.insert(change.outbox(comment));
      let notifications: CreatedNotification[] = [];
      if (change.notifyAt && before.status === "pending" && status === "published") {
        const parentRow = before.parentId ? this.s.getComment.get(before.parentId) : undefined;
        notifications = this.notify(
          comment,
          parentRow ? toComment(parentRow) : null,
          change.notifyAt,
          change.mentions ?? [],
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
    const repliesLimit = q.repliesLimit ?? limits.threadRepliesLimit;
    const viewer = { viewer: q.viewer.userId, moderator };
    // One short indexed read per thread (better-sqlite3 answers in microseconds), so a thread of
    // thousands of replies is never walked for its first page.
    const replies = new Map(
      page.map((root) => [
        root.id,
        this.s.listThreadReplies.all({
          root_id: root.id,
          after: root.createdSeq,
          limit: repliesLimit,
          max_bytes: threadRepliesMaxBytes,
          ...viewer,
        }),
      ]),
    );
    // Per thread too: through the thread index, where a list of roots let the planner scan.
    const counts = page.map((root) => ({
      root_id: root.id,
      n: this.s.countReplies.get({ root_id: root.id, ...viewer })!.n,
    }));
    return Promise.resolve(
      cutThreads(roots, (id) => replies.get(id) ?? [], countsByRoot(counts), {
        limit: q.limit,
        repliesLimit,
        maxBytes: q.maxBytes ?? defaultMaxBytes,
      }),
    );
  }

  listReplies(q: RepliesQuery): Promise<ReplyList> {
    const maxBytes = q.maxBytes ?? defaultMaxBytes;
    const rows = this.s.listThreadReplies.all({
      root_id: q.rootId,
      after: q.after,
      limit: q.limit + 1,
      max_bytes: maxBytes,
      viewer: q.viewer.userId,
      moderator: q.viewer.moderator ? 1 : 0,
    });
    const { replies, repliesAfter, bytes } = cutReplies(rows, q.after, q.limit, maxBytes);
    return Promise.resolve({ replies, repliesAfter, bytes });
  }

  listChanges(q: ChangesQuery) {
    const maxBytes = q.maxBytes ?? defaultMaxBytes;
    const rows = this.s.listChanges.all({
      article_id: q.articleId,
      after: q.after,
      limit: q.limit + 1,
      max_bytes: maxBytes,
      viewer: q.viewer.userId,
      moderator: q.viewer.moderator ? 1 : 0,
    } as const);
    return Promise.resolve(cutChanges(rows, q.limit, maxBytes));
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
