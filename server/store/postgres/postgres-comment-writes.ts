/**
 * The two writes that take an article's next seq: inserting and changing a comment. Each is one
 * transaction that first takes the article's row lock with the seq bump, so that any number of
 * instances writing to one article at once get strictly increasing, gap-free, unique seqs, and
 * everything read after the lock (clientKey reuse, the parent, counts) is current.
 */
import { accountGone, AppError } from "../../core/app-error.js";
import { newId } from "../../core/ids.js";
import type { Notification, Notify } from "../../../shared/schemas.js";

type NotificationType = Notification["type"];
import {
  type ArticleRow,
  type CommentRow,
  createdNotification,
  defaultNotify,
  toArticle,
  toComment,
} from "../rows.js";
import {
  ArticleChanged,
  articleFits,
  type CommentChange,
  type CommentRecord,
  type CreatedNotification,
  type InsertCommentResult,
  type NewComment,
  type SubscriberBatch,
  type SubscriberBatchResult,
  type UpdateCommentResult,
} from "../store.js";
import type { Db, Queryable, Tx } from "./postgres-db.js";
import { isUniqueViolation } from "./postgres-errors.js";
import { sql } from "./postgres-sql.js";
import { insertOutbox } from "./postgres-outbox.js";
import { insertLog } from "./postgres-trust.js";

/** How often a post racing a same-key post on another article is retried; one is enough. */
const clientKeyRetries = 3;

/** See Store.insertComment. */
export async function insertComment(db: Db, input: NewComment): Promise<InsertCommentResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await insertRoot(db, input)) ?? (await insertOnce(db, input));
    } catch (error) {
      // The same author's same clientKey committed meanwhile on another article (whose lock we
      // do not hold): the unique index stopped the duplicate; the retry finds and returns it.
      if (attempt < clientKeyRetries && isUniqueViolation(error, "comments_client_key")) continue;
      throw error;
    }
  }
}

/** The row of insertRootComment: the comment, and the article's columns it changed. */
interface RootRow extends CommentRow {
  a_comment_count: number | string;
  a_moderation: ArticleRow["moderation"];
  a_closed_at: string | null;
  a_title: string | null;
  a_url: string | null;
  a_followed: boolean;
}

/**
 * Most posts, in one statement instead of a transaction of four round trips (BEGIN, seq bump,
 * insert, COMMIT; profiled in docs/performance.md): a root comment telling no one in its
 * transaction (no mentions) with no webhook rows. Null when the statement did not apply (the
 * article's first comment, a clientKey already used) or the post is not of that kind: the
 * caller runs the full transaction.
 */
async function insertRoot(db: Db, input: NewComment): Promise<InsertCommentResult | null> {
  const simple = input.parentId === null && !input.outbox && !(input.mentions ?? []).length;
  if (!simple) return null;
  const published = input.status === "published";
  const [row] = await db.queryPrepared<RootRow>("parley_insert_root", sql.insertRootComment, [
    input.id,
    input.articleId,
    input.authorId,
    input.body,
    input.status,
    input.createdAt,
    input.clientKey,
    published ? 1 : 0,
    input.expect !== undefined,
    input.expect?.moderation ?? null,
  ]);
  if (!row) return null;
  const comment = toComment(row);
  const article: ArticleRow = {
    id: input.articleId,
    last_seq: row.seq,
    comment_count: row.a_comment_count,
    moderation: row.a_moderation,
    closed_at: row.a_closed_at,
    title: row.a_title,
    url: row.a_url,
  };
  return {
    comment,
    created: true,
    article: toArticle(input.articleId, article),
    notifications: [],
    followed: row.a_followed,
  };
}

async function insertOnce(db: Db, input: NewComment): Promise<InsertCommentResult> {
  const published = input.status === "published";
  type Outcome = { result: InsertCommentResult } | { existing: CommentRecord };
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const bump = [input.articleId, published ? 1 : 0];
    let [bumped] = await tx.query<ArticleRow>(sql.bumpArticle, bump);
    if (!bumped) {
      // The article's first comment: create it (or find it created by a racing instance), then
      // bump. Trying the bump first saves the insert's round trip on every later comment.
      await tx.query(sql.ensureArticle, [input.articleId, input.createdAt]);
      [bumped] = await tx.query<ArticleRow>(sql.bumpArticle, bump);
    }
    // Under the lock, before anything else (a clientKey replay included, as when the article is
    // read first): the caller's cached view of the article must still hold.
    if (!articleFits(input.expect, bumped)) throw new ArticleChanged(input.articleId);
    // Checked only now, under the article lock: a concurrent post of the same key to this
    // article has either committed (and is seen) or waits for us.
    if (input.clientKey !== null) {
      const [existing] = await tx.query<CommentRow>(sql.getByClientKey, [
        input.authorId,
        input.clientKey,
      ]);
      if (existing) {
        tx.discard();
        return { existing: toComment(existing) };
      }
    }
    let parent: CommentRecord | null = null;
    if (input.parentId !== null) {
      const [row] = await tx.query<CommentRow>(sql.getComment, [input.parentId]);
      if (!row || row.article_id !== input.articleId) {
        throw new AppError("not_found", "The comment replied to does not exist on this article");
      }
      parent = toComment(row);
    }
    const seq = Number(bumped!.last_seq);
    const [inserted] = await tx.query<CommentRow>(sql.insertComment, [
      input.id,
      input.articleId,
      input.parentId,
      parent ? (parent.rootId ?? parent.id) : null,
      input.authorId,
      input.body,
      input.status,
      seq,
      input.createdAt,
      input.clientKey,
    ]);
    // No row: the author was deleted (see sql.insertComment); the throw rolls the insert back.
    if (!inserted) throw new AppError("unauthorized", accountGone);
    if (published && parent) await tx.query(sql.adjustReplyCount, [parent.id, 1]);
    const comment = toComment(inserted);
    if (input.outbox) await insertOutbox(tx, input.outbox(comment));
    const notifications = published
      ? await notify(tx, comment, parent, input.createdAt, input.mentions ?? [])
      : [];
    return {
      result: {
        comment,
        created: true,
        article: toArticle(input.articleId, bumped),
        notifications,
      },
    };
  });
  if ("result" in outcome) return outcome.result;
  const [article] = await db.query<ArticleRow>(sql.getArticle, [outcome.existing.articleId]);
  return {
    comment: outcome.existing,
    created: false,
    article: toArticle(outcome.existing.articleId, article),
    notifications: [],
  };
}

/** See Store.updateComment. */
export function updateComment(db: Db, change: CommentChange): Promise<UpdateCommentResult> {
  return db.transaction((tx) => updateCommentIn(tx, change));
}

/** updateComment inside a transaction the caller holds (account deletion changes many). */
export async function updateCommentIn(tx: Tx, change: CommentChange): Promise<UpdateCommentResult> {
  {
    // Lock first, then read: the status the count delta depends on cannot change under us.
    const [locked] = await tx.query<ArticleRow>(sql.bumpArticleOfComment, [change.id]);
    if (!locked) throw new AppError("not_found", "No such comment");
    const [row] = await tx.query<CommentRow>(sql.getComment, [change.id]);
    const before = toComment(row!);
    if (change.ifEditedAt !== undefined && change.ifEditedAt !== before.editedAt)
      throw new AppError("conflict", "The comment was edited since");
    const status = change.status ?? before.status;
    const delta = (status === "published" ? 1 : 0) - (before.status === "published" ? 1 : 0);
    const [updated] = await tx.query<CommentRow>(sql.updateComment, [
      change.id,
      Number(locked.last_seq),
      status,
      status === "removed" ? "" : (change.body ?? row!.body),
      change.editedAt !== undefined ? change.editedAt : before.editedAt,
      change.editedBy ?? before.editedBy,
    ]);
    const [article] = await tx.query<ArticleRow>(sql.adjustCommentCount, [locked.id, delta]);
    if (delta !== 0 && before.parentId) {
      await tx.query(sql.adjustReplyCount, [before.parentId, delta]);
    }
    if (change.log) await insertLog(tx, change.log);
    const comment = toComment(updated!);
    if (change.outbox) await insertOutbox(tx, change.outbox(comment));
    let notifications: CreatedNotification[] = [];
    if (change.notifyAt && before.status === "pending" && status === "published") {
      const [parentRow] = before.parentId
        ? await tx.query<CommentRow>(sql.getComment, [before.parentId])
        : [];
      const parent = parentRow ? toComment(parentRow) : null;
      notifications = await notify(tx, comment, parent, change.notifyAt, change.mentions ?? []);
    }
    return {
      comment,
      previousStatus: before.status,
      article: toArticle(locked.id, article),
      notifications,
    };
  }
}

/**
 * The parent author's `reply` notification of a newly published comment, unless they chose
 * `none` or wrote it. The `all` subscribers are written after the commit (notifySubscribers).
 */
async function notify(
  tx: Tx,
  comment: CommentRecord,
  parent: CommentRecord | null,
  at: string,
  mentions: string[] = [],
): Promise<CreatedNotification[]> {
  // In the comment's transaction: the parent's author and the few users it mentions. Followers
  // with `all` are written after the commit, in batches (notifySubscribers).
  const recipients = new Map<string, NotificationType>();
  if (parent && parent.author.id !== comment.author.id) {
    const [sub] = await tx.query<{ notify: Notify }>(sql.getSubscriptionOf, [
      comment.articleId,
      parent.author.id,
    ]);
    if ((sub?.notify ?? defaultNotify) !== "none") recipients.set(parent.author.id, "reply");
  }
  for (const id of mentions) {
    if (id !== comment.author.id && !recipients.has(id)) recipients.set(id, "mention");
  }
  return insertNotifications(tx, comment, [...recipients], at);
}

/** Inserts one notification per [recipient, type], in one statement. */
async function insertNotifications(
  db: Queryable,
  comment: CommentRecord,
  recipients: [string, NotificationType][],
  at: string,
): Promise<CreatedNotification[]> {
  if (recipients.length === 0) return [];
  const ids = recipients.map(() => newId());
  await db.query(sql.insertNotifications, [
    ids,
    recipients.map(([id]) => id),
    recipients.map(([, type]) => type),
    comment.articleId,
    comment.id,
    at,
  ]);
  return recipients.map(([recipientId, type], i) =>
    createdNotification(recipientId, { id: ids[i]!, type }, comment, at),
  );
}

/** See Store.notifySubscribers: one read and one insert, atomic on its own (no transaction). */
export async function notifySubscribers(
  db: Db,
  batch: SubscriberBatch,
): Promise<SubscriberBatchResult> {
  const rows = await db.query<{ user_id: string }>(sql.listAllSubscribers, [
    batch.comment.articleId,
    batch.afterUserId ?? "",
    batch.exclude,
    batch.limit,
  ]);
  const recipients = rows.map((r) => r.user_id);
  const notifications = await insertNotifications(
    db,
    batch.comment,
    recipients.map((id) => [id, "comment"] as [string, NotificationType]),
    batch.at,
  );
  const last = recipients.at(-1);
  return {
    notifications,
    nextAfterUserId: recipients.length === batch.limit && last !== undefined ? last : null,
  };
}
