/**
 * The PostgreSQL side of editors' picks: the same answers as sqlite-pins.ts. A pin first locks
 * its article's row, so two moderators pinning on two instances at once cannot both pass the limit.
 */
import { AppError } from "../../core/app-error.js";
import type { PinStore } from "../pin-store.js";
import { commentColumns, type CommentRow, toComment } from "../rows.js";
import type { Db } from "./postgres-db.js";
import { insertLog } from "./postgres-trust.js";

const pinSql = {
  getComment: `SELECT ${commentColumns} FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.id = $1`,
  lockArticle: `SELECT id FROM articles WHERE id = $1 FOR UPDATE`,
  getPin: `SELECT article_id, pinned_at FROM article_pins WHERE comment_id = $1`,
  countPublished: `SELECT count(*) AS n FROM article_pins p JOIN comments c ON c.id = p.comment_id
    WHERE p.article_id = $1 AND c.status = 'published'`,
  insertPin: `INSERT INTO article_pins (comment_id, article_id, pinned_by, pinned_at)
    VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id) DO UPDATE SET article_id = excluded.article_id,
      pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at`,
  deletePin: `DELETE FROM article_pins WHERE comment_id = $1 RETURNING article_id`,
  listPins: `SELECT ${commentColumns}, p.pinned_at FROM article_pins p
    JOIN comments c ON c.id = p.comment_id JOIN users u ON u.id = c.author_id
    WHERE p.article_id = $1 AND c.status = 'published'
    ORDER BY p.pinned_at, p.comment_id COLLATE "C"`,
} as const;

/** The pin store over the pool. */
export function createPostgresPins(db: Db): PinStore {
  return {
    pinComment(pin) {
      return db.transaction(async (tx) => {
        const [found] = await tx.query<CommentRow>(pinSql.getComment, [pin.commentId]);
        if (!found) throw new AppError("not_found", "No such comment");
        await tx.query(pinSql.lockArticle, [found.article_id]);
        // Read again under the lock: a removal may have committed meanwhile.
        const comment = toComment(
          (await tx.query<CommentRow>(pinSql.getComment, [pin.commentId]))[0]!,
        );
        if (comment.status !== "published") {
          throw new AppError("conflict", "Only a published comment can be pinned");
        }
        const [existing] = await tx.query<{ pinned_at: string }>(pinSql.getPin, [pin.commentId]);
        if (existing) return { comment, pinnedAt: existing.pinned_at, created: false };
        const [count] = await tx.query<{ n: string }>(pinSql.countPublished, [comment.articleId]);
        if (Number(count!.n) >= pin.maxPerArticle) {
          throw new AppError(
            "conflict",
            `An article holds at most ${pin.maxPerArticle} pinned comments; unpin one first`,
          );
        }
        await tx.query(pinSql.insertPin, [
          pin.commentId,
          comment.articleId,
          pin.moderatorId,
          pin.pinnedAt,
        ]);
        await insertLog(tx, pin.log);
        return { comment, pinnedAt: pin.pinnedAt, created: true };
      });
    },

    unpinComment(commentId, log) {
      return db.transaction(async (tx) => {
        const [removed] = await tx.query<{ article_id: string }>(pinSql.deletePin, [commentId]);
        if (!removed) return null;
        if (log) await insertLog(tx, log);
        return { articleId: removed.article_id };
      });
    },

    async listPins(articleId) {
      const rows = await db.query<CommentRow & { pinned_at: string }>(pinSql.listPins, [articleId]);
      return rows.map((r) => ({ comment: toComment(r), pinnedAt: r.pinned_at }));
    },
  };
}
