/** Export and deletion of one user's data in SQLite (see AccountStore). */
import type Database from "better-sqlite3";
import type { Notify } from "../../../shared/schemas.js";
import type { AccountStore, DeleteUser, UserDataExport } from "../account-store.js";
import {
  accountSql,
  deletionChange,
  type ExportedNotificationRow,
  type OwnCommentRow,
  type VoteRow,
} from "../account-sql.js";
import { type CommentRow, stripPrivate, toComment, toUser, type UserRow } from "../rows.js";
import type { CommentChange, UpdateCommentResult } from "../store.js";

/** `$1` -> `@p1`, and the matching parameter object. */
function named(statement: string): string {
  return statement.replace(/\$(\d+)/g, "@p$1");
}
function params(values: unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]));
}

export function createSqliteAccount(
  db: Database.Database,
  /** The store's own comment change (one nested transaction each: a savepoint). */
  updateTx: (change: CommentChange) => UpdateCommentResult,
): AccountStore {
  const s = Object.fromEntries(
    Object.entries(accountSql).map(([key, sql]) => [key, db.prepare(named(sql))]),
  ) as Record<keyof typeof accountSql, Database.Statement>;
  const getUser = db.prepare<[string], UserRow>(`SELECT * FROM users WHERE id = ?`);

  const exportTx = db.transaction((userId: string): UserDataExport | null => {
    const row = getUser.get(userId);
    if (!row || row.deleted_at) return null;
    const p = params([userId]);
    return {
      user: toUser(row),
      comments: (s.userComments.all(p) as CommentRow[]).map((r) => stripPrivate(toComment(r))),
      repliedTo: (s.repliedTo.all(p) as CommentRow[]).map((r) => stripPrivate(toComment(r))),
      votes: (s.votes.all(p) as VoteRow[]).map((v) => ({
        commentId: v.comment_id,
        articleId: v.article_id,
        value: Number(v.value) === 1 ? 1 : -1,
        createdAt: v.created_at,
      })),
      subscriptions: (s.subscriptions.all(p) as { article_id: string; notify: Notify }[]).map(
        (r) => ({ articleId: r.article_id, notify: r.notify }),
      ),
      notifications: (s.notifications.all(p) as ExportedNotificationRow[]).map((n) => ({
        id: n.id,
        type: n.type,
        articleId: n.article_id,
        commentId: n.comment_id,
        createdAt: n.created_at,
        readAt: n.read_at,
      })),
    };
  });

  const deleteTx = db.transaction((input: DeleteUser) => {
    const forgotten = s.forgetUser.run(params([input.userId, input.name, input.handle, input.at]));
    if (forgotten.changes === 0) return null;
    const p = params([input.userId]);
    s.deleteSubscriptions.run(p);
    s.deleteNotifications.run(p);
    const comments = s.commentsToChange.all(p) as OwnCommentRow[];
    const changes = comments.map((row) => updateTx(deletionChange(input, row)));
    return { changes };
  });

  return {
    exportUser: (userId) => Promise.resolve(exportTx(userId)),
    deleteUser: (input) => new Promise((resolve) => resolve(deleteTx(input))),
  };
}
