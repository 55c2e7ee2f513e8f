/** Export and deletion of one user's data in PostgreSQL (see AccountStore). */
import type { Notify } from "../../../shared/schemas.js";
import type { AccountStore, UserDataExport } from "../account-store.js";
import {
  accountSql,
  deletionChange,
  type ExportedNotificationRow,
  type OwnCommentRow,
  type VoteRow,
} from "../account-sql.js";
import { type CommentRow, stripPrivate, toComment, toUser, type UserRow } from "../rows.js";
import type { UpdateCommentResult } from "../store.js";
import { updateCommentIn } from "./postgres-comment-writes.js";
import type { Db } from "./postgres-db.js";

export function createPostgresAccount(db: Db): AccountStore {
  return {
    exportUser(userId) {
      // One snapshot: REPEATABLE READ would be stricter, but a download racing the user's own
      // new comment is harmless either way; one transaction keeps it on one connection.
      return db.transaction(async (tx): Promise<UserDataExport | null> => {
        const [row] = await tx.query<UserRow>(`SELECT * FROM users WHERE id = $1`, [userId]);
        if (!row || row.deleted_at) return null;
        const p = [userId];
        const comments = await tx.query<CommentRow>(accountSql.userComments, p);
        const repliedTo = await tx.query<CommentRow>(accountSql.repliedTo, p);
        const votes = await tx.query<VoteRow>(accountSql.votes, p);
        const subs = await tx.query<{ article_id: string; notify: Notify }>(
          accountSql.subscriptions,
          p,
        );
        const notes = await tx.query<ExportedNotificationRow>(accountSql.notifications, p);
        return {
          user: toUser(row),
          comments: comments.map((r) => stripPrivate(toComment(r))),
          repliedTo: repliedTo.map((r) => stripPrivate(toComment(r))),
          votes: votes.map((v) => ({
            commentId: v.comment_id,
            articleId: v.article_id,
            value: Number(v.value) === 1 ? 1 : -1,
            createdAt: v.created_at,
          })),
          subscriptions: subs.map((r) => ({ articleId: r.article_id, notify: r.notify })),
          notifications: notes.map((n) => ({
            id: n.id,
            type: n.type,
            articleId: n.article_id,
            commentId: n.comment_id,
            createdAt: n.created_at,
            readAt: n.read_at,
          })),
        };
      });
    },

    deleteUser(input) {
      return db.transaction(async (tx) => {
        const forgotten = await tx.query(`${accountSql.forgetUser} RETURNING id`, [
          input.userId,
          input.name,
          input.handle,
          input.at,
        ]);
        if (forgotten.length === 0) return null;
        await tx.query(accountSql.deleteSubscriptions, [input.userId]);
        await tx.query(accountSql.deleteNotifications, [input.userId]);
        const own = await tx.query<OwnCommentRow>(accountSql.commentsToChange, [input.userId]);
        const changes: UpdateCommentResult[] = [];
        // One at a time, in article order: each takes its article's row lock until commit, and
        // a fixed order means two deletions can never wait on each other's locks.
        for (const row of own) changes.push(await updateCommentIn(tx, deletionChange(input, row)));
        return { changes };
      });
    },
  };
}
