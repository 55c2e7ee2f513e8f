/**
 * Row shapes shared by the SQL stores and their mapping to the contract's shapes, so SQLite and
 * PostgreSQL answer with identical objects.
 */
import type { Notification, Notify, Role } from "../../shared/schemas.js";
import type {
  ArticleRecord,
  CommentRecord,
  CreatedNotification,
  ModerationMode,
  UserRecord,
} from "./store.js";

/** Columns selected for a comment, with its author joined in. */
export const commentColumns = `c.id, c.article_id, c.parent_id, c.root_id, c.body, c.status, c.seq,
  c.created_seq, c.created_at, c.edited_at, c.edited_by, c.reply_count, c.score, c.client_key,
  c.author_id, u.name AS author_name, u.handle AS author_handle, u.avatar_url AS author_avatar_url,
  u.role AS author_role`;

export interface CommentRow {
  id: string;
  article_id: string;
  parent_id: string | null;
  root_id: string | null;
  body: string;
  status: CommentRecord["status"];
  seq: number | string;
  created_seq: number | string;
  created_at: string;
  edited_at: string | null;
  edited_by: CommentRecord["editedBy"];
  reply_count: number | string;
  score: number | string;
  client_key: string | null;
  author_id: string;
  author_name: string;
  author_handle: string;
  author_avatar_url: string | null;
  author_role: Role;
}

export function toComment(row: CommentRow): CommentRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    rootId: row.root_id,
    createdSeq: Number(row.created_seq),
    seq: Number(row.seq),
    author: {
      id: row.author_id,
      name: row.author_name,
      handle: row.author_handle,
      avatarUrl: row.author_avatar_url,
      role: row.author_role,
    },
    // A removed comment keeps its place but never its words.
    body: row.status === "removed" ? "" : row.body,
    status: row.status,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    editedBy: row.edited_by,
    replyCount: Number(row.reply_count),
    score: Number(row.score),
    clientKey: row.client_key,
  };
}

export interface UserRow {
  id: string;
  handle: string;
  name: string;
  email: string | null;
  avatar_url: string | null;
  role: Role;
  created_at: string;
  /** Migration 9; absent from rows of statements that list columns by name. */
  deleted_at?: string | null;
}

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    email: row.email,
    avatarUrl: row.avatar_url,
    role: row.role,
    createdAt: row.created_at,
    deletedAt: row.deleted_at ?? null,
  };
}

export interface ArticleRow {
  id: string;
  last_seq: number | string;
  comment_count: number | string;
  moderation: ModerationMode | null;
  closed_at: string | null;
  title: string | null;
  url: string | null;
}

export function toArticle(articleId: string, row: ArticleRow | undefined): ArticleRecord {
  return {
    articleId,
    lastSeq: row ? Number(row.last_seq) : 0,
    commentCount: row ? Number(row.comment_count) : 0,
    moderation: row?.moderation ?? null,
    closedAt: row?.closed_at ?? null,
    title: row?.title ?? null,
    url: row?.url ?? null,
  };
}

export interface NotificationRow extends CommentRow {
  n_id: string;
  n_type: Notification["type"];
  n_created_at: string;
  n_read_at: string | null;
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.n_id,
    type: row.n_type,
    articleId: row.article_id,
    comment: stripPrivate(toComment(row)),
    createdAt: row.n_created_at,
    readAt: row.n_read_at,
  };
}

/** A comment as the wire carries it: none of the server-only fields. */
export function stripPrivate(record: CommentRecord): Notification["comment"] {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { rootId, clientKey, createdSeq, ...comment } = record;
  return comment;
}

export const defaultNotify: Notify = "replies";

/** The notification a store hands back for one recipient of a newly published comment. */
export function createdNotification(
  recipientId: string,
  notification: { id: string; type: Notification["type"] },
  comment: CommentRecord,
  at: string,
): CreatedNotification {
  return {
    recipientId,
    notification: {
      id: notification.id,
      type: notification.type,
      articleId: comment.articleId,
      comment: stripPrivate(comment),
      createdAt: at,
      readAt: null,
    },
  };
}
