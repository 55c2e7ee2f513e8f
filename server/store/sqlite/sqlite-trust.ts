/**
 * The SQLite side of the trust-and-safety store (votes, reports, moderation queue and log). Each
 * write is one synchronous transaction, like the rest of the SQLite store.
 */
import type Database from "better-sqlite3";
import { AppError } from "../../core/app-error.js";
import { commentColumns, type CommentRow, toComment } from "../rows.js";
import { type LogRow, toLogRecord, toQueueItems } from "../trust-rows.js";
import type {
  NewModerationLog,
  NewReport,
  QueueItemRecord,
  QueueQuery,
  ReportResult,
  TrustStore,
  VoteChange,
  VoteResult,
  VoteValue,
} from "../trust-store.js";

const fromComments = `FROM comments c JOIN users u ON u.id = c.author_id`;
/** Reports of comment `cid` made after the last log entry about it: not yet settled. */
const openReport = (cid: string) =>
  `r.created_at > coalesce((SELECT max(l.created_at) FROM moderation_log l
     WHERE l.comment_id = ${cid}), '')`;

function prepare(db: Database.Database) {
  return {
    getComment: db.prepare<[string], CommentRow>(
      `SELECT ${commentColumns} ${fromComments} WHERE c.id = ?`,
    ),
    getVote: db.prepare<[string, string], { value: number }>(
      `SELECT value FROM votes WHERE comment_id = ? AND user_id = ?`,
    ),
    deleteVote: db.prepare<[string, string]>(
      `DELETE FROM votes WHERE comment_id = ? AND user_id = ?`,
    ),
    upsertVote: db.prepare<[string, string, number, string]>(
      `INSERT INTO votes (comment_id, user_id, value, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (comment_id, user_id) DO UPDATE SET value = excluded.value,
         created_at = excluded.created_at`,
    ),
    addScore: db.prepare<[number, string]>(`UPDATE comments SET score = score + ? WHERE id = ?`),
    insertReport: db.prepare<[string, string, string, string | null, string]>(
      `INSERT INTO reports (id, comment_id, user_id, reason, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (comment_id, user_id) DO NOTHING`,
    ),
    countOpen: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM reports r WHERE r.comment_id = ? AND ${openReport("r.comment_id")}`,
    ),
    insertLog: db.prepare<[NewModerationLog]>(
      `INSERT INTO moderation_log (id, comment_id, article_id, moderator_id, action, reason,
         created_at)
       VALUES (@id, @commentId, @articleId, @moderatorId, @action, @reason, @createdAt)`,
    ),
    listLog: db.prepare<[{ article: string | null; limit: number }], LogRow>(
      `SELECT l.*, u.name AS moderator_name FROM moderation_log l
       LEFT JOIN users u ON u.id = l.moderator_id
       WHERE @article IS NULL OR l.article_id = @article
       ORDER BY l.created_at DESC, l.id DESC LIMIT @limit`,
    ),
    pending: db.prepare<[{ article: string | null; limit: number }], CommentRow>(
      `SELECT ${commentColumns} ${fromComments}
       WHERE c.status = 'pending' AND (@article IS NULL OR c.article_id = @article)
       ORDER BY c.created_at, c.id LIMIT @limit`,
    ),
    reported: db.prepare<[{ article: string | null; limit: number }], CommentRow>(
      `WITH open AS (
         SELECT r.comment_id, min(r.created_at) AS first_at FROM reports r
         WHERE ${openReport("r.comment_id")} GROUP BY r.comment_id)
       SELECT ${commentColumns} FROM open o JOIN comments c ON c.id = o.comment_id
         JOIN users u ON u.id = c.author_id
       WHERE c.status = 'published' AND (@article IS NULL OR c.article_id = @article)
       ORDER BY o.first_at, c.id LIMIT @limit`,
    ),
    openReports: db.prepare<[string], { comment_id: string; reason: string | null }>(
      `SELECT r.comment_id, r.reason FROM reports r
       WHERE r.comment_id IN (SELECT value FROM json_each(?)) AND ${openReport("r.comment_id")}
       ORDER BY r.created_at DESC, r.id`,
    ),
  };
}

/** The trust store over `db` (migrated), plus the in-transaction log insert updateComment uses. */
export function createSqliteTrust(db: Database.Database) {
  const s = prepare(db);

  const setVoteTx = db.transaction((change: VoteChange): VoteResult => {
    if (!s.getComment.get(change.commentId)) throw new AppError("not_found", "No such comment");
    const previous = (s.getVote.get(change.commentId, change.userId)?.value ?? 0) as VoteValue;
    if (change.value === 0) s.deleteVote.run(change.commentId, change.userId);
    else s.upsertVote.run(change.commentId, change.userId, change.value, change.at);
    if (change.value !== previous) s.addScore.run(change.value - previous, change.commentId);
    const comment = toComment(s.getComment.get(change.commentId)!);
    return { comment, previous, value: change.value };
  });

  const addReportTx = db.transaction((report: NewReport): ReportResult => {
    if (!s.getComment.get(report.commentId)) throw new AppError("not_found", "No such comment");
    const { changes } = s.insertReport.run(
      report.id,
      report.commentId,
      report.userId,
      report.reason,
      report.createdAt,
    );
    return { created: changes > 0, openReports: s.countOpen.get(report.commentId)!.n };
  });

  function withReports(rows: CommentRow[]): QueueItemRecord[] {
    const open = rows.length ? s.openReports.all(JSON.stringify(rows.map((r) => r.id))) : [];
    return toQueueItems(rows, open);
  }

  // The executor turns a throw (AppError not_found) into a rejection, as the port promises.
  const store: TrustStore = {
    setVote: (change) => new Promise((resolve) => resolve(setVoteTx(change))),
    addReport: (report) => new Promise((resolve) => resolve(addReportTx(report))),
    logModeration(entry) {
      s.insertLog.run(entry);
      return Promise.resolve();
    },
    listModerationLog(query) {
      const rows = s.listLog.all({ article: query.articleId, limit: query.limit });
      return Promise.resolve(rows.map(toLogRecord));
    },
    listModerationQueue(query: QueueQuery) {
      const params = { article: query.articleId, limit: query.limit };
      const rows = (query.queue === "pending" ? s.pending : s.reported).all(params);
      return Promise.resolve(withReports(rows));
    },
  };
  return { store, insertLog: (entry: NewModerationLog) => s.insertLog.run(entry) };
}
