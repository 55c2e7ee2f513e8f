/**
 * The PostgreSQL side of the trust-and-safety store: the same answers as sqlite-trust.ts. A vote
 * first locks its comment's row, so concurrent votes by one user (on any instance) cannot both
 * count: the score always equals the sum of the stored votes.
 */
import { AppError } from "../../core/app-error.js";
import { commentColumns, type CommentRow, toComment } from "../rows.js";
import { type LogRow, toLogRecord, toQueueItems } from "../trust-rows.js";
import type { NewModerationLog, QueueItemRecord, TrustStore, VoteValue } from "../trust-store.js";
import type { Db, Queryable } from "./postgres-db.js";

const fromComments = `FROM comments c JOIN users u ON u.id = c.author_id`;
/** Reports of comment `cid` made after the last log entry about it: not yet settled. */
const openReport = (cid: string) =>
  `r.created_at > coalesce((SELECT max(l.created_at) FROM moderation_log l
     WHERE l.comment_id = ${cid}), '')`;

/** The trust statements, PostgreSQL dialect; ids order with the C collation, as SQLite does. */
const trustSql = {
  lockComment: `SELECT id FROM comments WHERE id = $1 FOR NO KEY UPDATE`,
  getVote: `SELECT value FROM votes WHERE comment_id = $1 AND user_id = $2`,
  deleteVote: `DELETE FROM votes WHERE comment_id = $1 AND user_id = $2`,
  upsertVote: `INSERT INTO votes (comment_id, user_id, value, created_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (comment_id, user_id) DO UPDATE SET value = excluded.value,
      created_at = excluded.created_at`,
  addScore: `UPDATE comments SET score = score + $2 WHERE id = $1`,
  getComment: `SELECT ${commentColumns} ${fromComments} WHERE c.id = $1`,
  insertReport: `INSERT INTO reports (id, comment_id, user_id, reason, created_at)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (comment_id, user_id) DO NOTHING RETURNING id`,
  countOpen: `SELECT count(*) AS n FROM reports r WHERE r.comment_id = $1
    AND ${openReport("r.comment_id")}`,
  insertLog: `INSERT INTO moderation_log (id, comment_id, article_id, moderator_id, action, reason,
      created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  listLog: `SELECT l.*, u.name AS moderator_name FROM moderation_log l
    LEFT JOIN users u ON u.id = l.moderator_id
    WHERE $1::text IS NULL OR l.article_id = $1
    ORDER BY l.created_at DESC, l.id COLLATE "C" DESC LIMIT $2`,
  pending: `SELECT ${commentColumns} ${fromComments}
    WHERE c.status = 'pending' AND ($1::text IS NULL OR c.article_id = $1)
    ORDER BY c.created_at, c.id COLLATE "C" LIMIT $2`,
  reported: `WITH open AS (
      SELECT r.comment_id, min(r.created_at) AS first_at FROM reports r
      WHERE ${openReport("r.comment_id")} GROUP BY r.comment_id)
    SELECT ${commentColumns} FROM open o JOIN comments c ON c.id = o.comment_id
      JOIN users u ON u.id = c.author_id
    WHERE c.status = 'published' AND ($1::text IS NULL OR c.article_id = $1)
    ORDER BY o.first_at, c.id COLLATE "C" LIMIT $2`,
  openReports: `SELECT r.comment_id, r.reason FROM reports r
    WHERE r.comment_id = ANY($1::text[]) AND ${openReport("r.comment_id")}
    ORDER BY r.created_at DESC, r.id COLLATE "C"`,
} as const;

/** Inserts a log row on `q` (the pool, or a transaction that also changes the comment). */
export async function insertLog(q: Queryable, e: NewModerationLog): Promise<void> {
  await q.query(trustSql.insertLog, [
    e.id,
    e.commentId,
    e.articleId,
    e.moderatorId,
    e.action,
    e.reason,
    e.createdAt,
  ]);
}

/** The trust store over the pool. */
export function createPostgresTrust(db: Db): TrustStore {
  async function withReports(rows: CommentRow[]): Promise<QueueItemRecord[]> {
    const open = rows.length
      ? await db.query<{ comment_id: string; reason: string | null }>(trustSql.openReports, [
          rows.map((r) => r.id),
        ])
      : [];
    return toQueueItems(rows, open);
  }

  return {
    setVote(change) {
      return db.transaction(async (tx) => {
        const [locked] = await tx.query(trustSql.lockComment, [change.commentId]);
        if (!locked) throw new AppError("not_found", "No such comment");
        const [vote] = await tx.query<{ value: number }>(trustSql.getVote, [
          change.commentId,
          change.userId,
        ]);
        const previous = (vote?.value ?? 0) as VoteValue;
        if (change.value === 0) {
          await tx.query(trustSql.deleteVote, [change.commentId, change.userId]);
        } else {
          await tx.query(trustSql.upsertVote, [
            change.commentId,
            change.userId,
            change.value,
            change.at,
          ]);
        }
        if (change.value !== previous) {
          await tx.query(trustSql.addScore, [change.commentId, change.value - previous]);
        }
        const [row] = await tx.query<CommentRow>(trustSql.getComment, [change.commentId]);
        return { comment: toComment(row!), previous, value: change.value };
      });
    },

    async addReport(report) {
      const [exists] = await db.query(trustSql.lockComment.replace(" FOR NO KEY UPDATE", ""), [
        report.commentId,
      ]);
      if (!exists) throw new AppError("not_found", "No such comment");
      const inserted = await db.query(trustSql.insertReport, [
        report.id,
        report.commentId,
        report.userId,
        report.reason,
        report.createdAt,
      ]);
      const [count] = await db.query<{ n: string }>(trustSql.countOpen, [report.commentId]);
      return { created: inserted.length > 0, openReports: Number(count!.n) };
    },

    logModeration: (entry) => insertLog(db, entry),

    async listModerationLog(query) {
      const rows = await db.query<LogRow>(trustSql.listLog, [query.articleId, query.limit]);
      return rows.map(toLogRecord);
    },

    async listModerationQueue(query) {
      const sql = query.queue === "pending" ? trustSql.pending : trustSql.reported;
      return withReports(await db.query<CommentRow>(sql, [query.articleId, query.limit]));
    },
  };
}
