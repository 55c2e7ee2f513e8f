/**
 * Row mapping of the trust tables, shared by the SQLite and PostgreSQL stores so both answer
 * with identical objects (as rows.ts does for comments).
 */
import { type CommentRow, toComment } from "./rows.js";
import type { ModerationLogRecord, NewModerationLog, QueueItemRecord } from "./trust-store.js";

/** A moderation log row, with the moderator's name joined in (both stores select these columns). */
export interface LogRow {
  id: string;
  article_id: string;
  comment_id: string | null;
  moderator_id: string;
  moderator_name: string | null;
  action: NewModerationLog["action"];
  reason: string | null;
  created_at: string;
}

export function toLogRecord(row: LogRow): ModerationLogRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    commentId: row.comment_id,
    moderatorId: row.moderator_id,
    moderatorName: row.moderator_name,
    action: row.action,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

/** Queue items: each comment with the count and reasons of its open reports. */
export function toQueueItems(
  rows: CommentRow[],
  openReports: { comment_id: string; reason: string | null }[],
): QueueItemRecord[] {
  return rows.map((row) => {
    const mine = openReports.filter((r) => r.comment_id === row.id);
    return {
      comment: toComment(row),
      openReports: mine.length,
      reasons: mine.map((r) => r.reason ?? "").filter(Boolean),
    };
  });
}
