/**
 * The account statements (export, deletion), written once with `$n` parameters: PostgreSQL runs
 * them as they are; sqlite-account.ts rewrites `$n` to the named `@pn` that better-sqlite3 binds
 * (it cannot bind one numbered parameter used twice).
 */
import { newId } from "../core/ids.js";
import type { DeleteUser } from "./account-store.js";
import { commentColumns } from "./rows.js";
import type { CommentChange } from "./store.js";

const fromComments = `FROM comments c JOIN users u ON u.id = c.author_id`;

/** The statements, each taking the user id as its first parameter. */
export const accountSql = {
  userComments: `SELECT ${commentColumns} ${fromComments} WHERE c.author_id = $1
    ORDER BY c.created_at, c.id`,
  /** Others' comments the user replied to; a held one only if the user could see it (never). */
  repliedTo: `SELECT ${commentColumns} ${fromComments}
    WHERE c.id IN (SELECT r.parent_id FROM comments r WHERE r.author_id = $1 AND r.parent_id IS NOT NULL)
      AND c.author_id <> $1 AND c.status <> 'pending'
    ORDER BY c.created_at, c.id`,
  votes: `SELECT v.comment_id, c.article_id, v.value, v.created_at
    FROM votes v JOIN comments c ON c.id = v.comment_id WHERE v.user_id = $1
    ORDER BY v.created_at, v.comment_id`,
  subscriptions: `SELECT article_id, notify FROM subscriptions WHERE user_id = $1
    ORDER BY article_id`,
  notifications: `SELECT id, type, article_id, comment_id, created_at, read_at
    FROM notifications WHERE user_id = $1 ORDER BY created_at, id`,
  /** The comments deletion changes, in a fixed article order (PostgreSQL locks articles in it). */
  commentsToChange: `SELECT id, status, article_id FROM comments WHERE author_id = $1
    ORDER BY article_id, created_seq`,
  /**
   * Every address goes (the confirmed one and an imported one too), and so does the host's sub:
   * the same person signing in again later starts a new, empty account.
   */
  forgetUser: `UPDATE users SET name = $2, handle = $3, email = NULL, avatar_url = NULL,
    email_confirmed = NULL, imported_email = NULL, external_id = NULL,
    deleted_at = $4 WHERE id = $1 AND deleted_at IS NULL`,
  deleteSubscriptions: `DELETE FROM subscriptions WHERE user_id = $1`,
  deleteNotifications: `DELETE FROM notifications WHERE user_id = $1`,
} as const;

/** A comment account deletion changes. */
export interface OwnCommentRow {
  id: string;
  status: string;
  article_id: string;
}

export interface VoteRow {
  comment_id: string;
  article_id: string;
  value: number | string;
  created_at: string;
}

export interface ExportedNotificationRow {
  id: string;
  type: "reply" | "comment";
  article_id: string;
  comment_id: string;
  created_at: string;
  read_at: string | null;
}

/**
 * What deleting the account does to one of its comments: always a new seq (its author's name
 * changed); in `remove` mode, removal too, logged `remove:held` for a held comment so it stays
 * invisible to readers, as a moderator's removal of a held comment would.
 */
export function deletionChange(input: DeleteUser, row: OwnCommentRow): CommentChange {
  const { id, status } = row;
  if (input.mode !== "remove" || status === "removed") return { id };
  if (status !== "pending") return { id, status: "removed" };
  return {
    id,
    status: "removed",
    log: {
      id: newId(),
      articleId: row.article_id,
      commentId: id,
      moderatorId: input.userId,
      action: "remove:held",
      reason: "account deleted",
      createdAt: input.at,
    },
  };
}
