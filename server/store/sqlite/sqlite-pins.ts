/**
 * The SQLite side of editors' picks: each write is one synchronous transaction, so the limit
 * check and the insert cannot interleave with another pin.
 */
import type Database from "better-sqlite3";
import { AppError } from "../../core/app-error.js";
import type { NewPin, PinResult, PinStore } from "../pin-store.js";
import { commentColumns, type CommentRow, toComment } from "../rows.js";
import type { NewModerationLog } from "../trust-store.js";

const fromComments = `FROM comments c JOIN users u ON u.id = c.author_id`;

function prepare(db: Database.Database) {
  return {
    getComment: db.prepare<[string], CommentRow>(
      `SELECT ${commentColumns} ${fromComments} WHERE c.id = ?`,
    ),
    getPin: db.prepare<[string], { article_id: string; pinned_at: string }>(
      `SELECT article_id, pinned_at FROM article_pins WHERE comment_id = ?`,
    ),
    countPublished: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM article_pins p JOIN comments c ON c.id = p.comment_id
       WHERE p.article_id = ? AND c.status = 'published'`,
    ),
    insertPin: db.prepare<[string, string, string, string]>(
      `INSERT INTO article_pins (comment_id, article_id, pinned_by, pinned_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (comment_id) DO UPDATE SET article_id = excluded.article_id,
         pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at`,
    ),
    deletePin: db.prepare<[string]>(`DELETE FROM article_pins WHERE comment_id = ?`),
    listPins: db.prepare<[string], CommentRow & { pinned_at: string }>(
      `SELECT ${commentColumns}, p.pinned_at FROM article_pins p
       JOIN comments c ON c.id = p.comment_id JOIN users u ON u.id = c.author_id
       WHERE p.article_id = ? AND c.status = 'published'
       ORDER BY p.pinned_at, p.comment_id`,
    ),
    insertLog: db.prepare<[NewModerationLog]>(
      `INSERT INTO moderation_log (id, comment_id, article_id, moderator_id, action, reason,
         created_at)
       VALUES (@id, @commentId, @articleId, @moderatorId, @action, @reason, @createdAt)`,
    ),
  };
}

/** The pin store over `db` (migrated). */
export function createSqlitePins(db: Database.Database): PinStore {
  const s = prepare(db);

  const pinTx = db.transaction((pin: NewPin): PinResult => {
    const row = s.getComment.get(pin.commentId);
    if (!row) throw new AppError("not_found", "No such comment");
    const comment = toComment(row);
    if (comment.status !== "published") {
      throw new AppError("conflict", "Only a published comment can be pinned");
    }
    const existing = s.getPin.get(pin.commentId);
    if (existing) return { comment, pinnedAt: existing.pinned_at, created: false };
    if (s.countPublished.get(comment.articleId)!.n >= pin.maxPerArticle) {
      throw new AppError(
        "conflict",
        `An article holds at most ${pin.maxPerArticle} pinned comments; unpin one first`,
      );
    }
    s.insertPin.run(pin.commentId, comment.articleId, pin.moderatorId, pin.pinnedAt);
    s.insertLog.run(pin.log);
    return { comment, pinnedAt: pin.pinnedAt, created: true };
  });

  const unpinTx = db.transaction((commentId: string, log: NewModerationLog | null) => {
    const existing = s.getPin.get(commentId);
    if (!existing) return null;
    s.deletePin.run(commentId);
    if (log) s.insertLog.run(log);
    return { articleId: existing.article_id };
  });

  // The executor turns a throw (AppError) into a rejection, as the port promises.
  return {
    pinComment: (pin) => new Promise((resolve) => resolve(pinTx(pin))),
    unpinComment: (commentId, log) => new Promise((resolve) => resolve(unpinTx(commentId, log))),
    listPins(articleId) {
      const rows = s.listPins.all(articleId);
      return Promise.resolve(rows.map((r) => ({ comment: toComment(r), pinnedAt: r.pinned_at })));
    },
  };
}
