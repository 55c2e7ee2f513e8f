/** Every SQL statement of the SQLite store, prepared once per connection. */
import type Database from "better-sqlite3";
import type { Notify, Sort } from "../../../shared/schemas.js";
import {
  type ArticleRow,
  commentColumns,
  type CommentRow,
  type NotificationRow,
  type UserRow,
} from "../rows.js";
import { type EstimatedRow, type ReplyRow, rowOverheadBytes } from "../byte-cut.js";

/** A host user's row as written, with the host's sub and the token's iat. */
type ExternalUserParams = UserRow & { external_id: string; claims_iat: number };

/**
 * Pending comments are seen only by their author and by moderators; so are held comments that a
 * moderator rejected (their `*:held` log line marks them), which were never public.
 */
const visible = `(c.author_id = @viewer OR @moderator = 1 OR c.status = 'published'
  OR (c.status = 'removed' AND NOT EXISTS (SELECT 1 FROM moderation_log l
    WHERE l.comment_id = c.id AND l.action IN ('reject:held', 'remove:held'))))`;
const fromComments = `FROM comments c JOIN users u ON u.id = c.author_id`;
/** A row's estimated JSON size: its body's UTF-8 bytes plus the rest (see byte-cut.ts). */
const bodyBytes = `(length(CAST(c.body AS BLOB)) + ${rowOverheadBytes})`;

interface ListParams {
  article_id: string;
  viewer: string | null;
  moderator: 0 | 1;
  limit: number;
  cursor_seq: number | null;
  cursor_score: number | null;
}

export function prepareStatements(db: Database.Database) {
  const roots = (where: string, order: string) =>
    db.prepare<[ListParams], CommentRow>(
      `SELECT ${commentColumns} ${fromComments}
       WHERE c.article_id = @article_id AND c.parent_id IS NULL AND ${visible} AND (${where})
       ORDER BY ${order} LIMIT @limit`,
    );
  return {
    nextGuestNumber: db.prepare<[], { value: number }>(
      `UPDATE counters SET value = value + 1 WHERE name = 'guest_handle' RETURNING value`,
    ),
    /** No row when the handle is taken (a legacy host handle): the caller takes the next number. */
    insertGuest: db.prepare<[UserRow], UserRow>(
      `INSERT INTO users (id, handle, name, email, avatar_url, role, created_at)
       VALUES (@id, @handle, @name, @email, @avatar_url, @role, @created_at)
       ON CONFLICT (handle) DO NOTHING RETURNING *`,
    ),
    /** No row when the stored claims came from a newer token than these. */
    upsertExternalUser: db.prepare<[ExternalUserParams], UserRow>(
      `INSERT INTO users (id, handle, name, email, avatar_url, role, created_at, external_id,
         claims_iat)
       VALUES (@id, @handle, @name, @email, @avatar_url, @role, @created_at, @external_id,
         @claims_iat)
       ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, email = excluded.email,
         avatar_url = excluded.avatar_url, role = excluded.role, claims_iat = excluded.claims_iat
       WHERE excluded.claims_iat >= users.claims_iat
       RETURNING *`,
    ),
    getExternalUser: db.prepare<[string], UserRow>(`SELECT * FROM users WHERE external_id = ?`),
    getUser: db.prepare<[string], UserRow>(`SELECT * FROM users WHERE id = ?`),
    getArticle: db.prepare<[string], ArticleRow>(`SELECT * FROM articles WHERE id = ?`),
    ensureArticle: db.prepare<[string, string]>(
      `INSERT INTO articles (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    bumpArticle: db.prepare<[number, string], { last_seq: number }>(
      `UPDATE articles SET last_seq = last_seq + 1, comment_count = comment_count + ?
       WHERE id = ? RETURNING last_seq`,
    ),
    setArticleSettings: db.prepare<
      [
        {
          id: string;
          moderation: string | null;
          closed_at: string | null;
          title: string | null;
          url: string | null;
        },
      ]
    >(
      `UPDATE articles SET moderation = @moderation, closed_at = @closed_at, title = @title,
       url = @url WHERE id = @id`,
    ),
    claimArticlePage: db.prepare<[{ id: string; title: string | null; url: string }]>(
      `UPDATE articles SET title = @title, url = @url WHERE id = @id AND url IS NULL`,
    ),
    getComment: db.prepare<[string], CommentRow>(
      `SELECT ${commentColumns} ${fromComments} WHERE c.id = ?`,
    ),
    getByClientKey: db.prepare<[string, string], CommentRow>(
      `SELECT ${commentColumns} ${fromComments} WHERE c.author_id = ? AND c.client_key = ?`,
    ),
    insertComment: db.prepare<
      [
        {
          id: string;
          article_id: string;
          parent_id: string | null;
          root_id: string | null;
          author_id: string;
          body: string;
          status: string;
          seq: number;
          created_at: string;
          client_key: string | null;
        },
      ]
    >(
      `INSERT INTO comments (id, article_id, parent_id, root_id, author_id, body, status, seq,
         created_seq, created_at, client_key)
       VALUES (@id, @article_id, @parent_id, @root_id, @author_id, @body, @status, @seq, @seq,
         @created_at, @client_key)`,
    ),
    updateComment: db.prepare<
      [
        {
          id: string;
          seq: number;
          status: string;
          body: string;
          edited_at: string | null;
          edited_by: string | null;
        },
      ]
    >(
      `UPDATE comments SET seq = @seq, status = @status, body = @body, edited_at = @edited_at,
         edited_by = @edited_by
       WHERE id = @id`,
    ),
    adjustReplyCount: db.prepare<[number, string]>(
      `UPDATE comments SET reply_count = reply_count + ? WHERE id = ?`,
    ),
    listRoots: {
      newest: roots("@cursor_seq IS NULL OR c.created_seq < @cursor_seq", "c.created_seq DESC"),
      oldest: roots("@cursor_seq IS NULL OR c.created_seq > @cursor_seq", "c.created_seq ASC"),
      top: roots(
        `@cursor_seq IS NULL OR c.score < @cursor_score
         OR (c.score = @cursor_score AND c.created_seq < @cursor_seq)`,
        "c.score DESC, c.created_seq DESC",
      ),
    } satisfies Record<Sort, unknown>,
    /** How many visible descendants a root has (`moreReplies` is this less those shown). */
    countReplies: db.prepare<
      [{ root_id: string; viewer: string | null; moderator: 0 | 1 }],
      { n: number }
    >(`SELECT count(*) AS n FROM comments c WHERE c.root_id = @root_id AND ${visible}`),
    /**
     * One thread's replies after @after, oldest first: at most @limit rows are read (the replies
     * endpoint asks one more than it shows, to know whether more follow), then summed, and rows
     * past the running estimate of @max_bytes are not returned.
     */
    listThreadReplies: db.prepare<
      [
        {
          root_id: string;
          after: number;
          limit: number;
          max_bytes: number;
          viewer: string | null;
          moderator: 0 | 1;
        },
      ],
      ReplyRow
    >(
      `SELECT * FROM (
         SELECT *, count(*) OVER () AS reply_total,
           row_number() OVER (ORDER BY created_seq) AS reply_rank,
           sum(own_bytes) OVER (ORDER BY created_seq ROWS UNBOUNDED PRECEDING) AS est_bytes
         FROM (SELECT ${commentColumns}, ${bodyBytes} AS own_bytes
           ${fromComments}
           WHERE c.root_id = @root_id AND c.created_seq > @after AND ${visible}
           ORDER BY c.created_seq LIMIT @limit))
       WHERE est_bytes - own_bytes <= @max_bytes
       ORDER BY created_seq`,
    ),
    /** As listReplies, in seq order across the article, the estimate stopping at @max_bytes. */
    listChanges: db.prepare<
      [
        {
          article_id: string;
          after: number;
          limit: number;
          max_bytes: number;
          viewer: string | null;
          moderator: 0 | 1;
        },
      ],
      EstimatedRow
    >(
      // The LIMIT applies before the running sum: a read never walks the article past a page.
      `SELECT * FROM (
         SELECT *, sum(own_bytes) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS est_bytes
         FROM (SELECT ${commentColumns}, ${bodyBytes} AS own_bytes
           ${fromComments}
           WHERE c.article_id = @article_id AND c.seq > @after AND ${visible}
           ORDER BY c.seq LIMIT @limit))
       WHERE est_bytes - own_bytes <= @max_bytes
       ORDER BY seq`,
    ),
    insertNotification: db.prepare<
      [
        {
          id: string;
          user_id: string;
          type: string;
          article_id: string;
          comment_id: string;
          created_at: string;
        },
      ]
    >(
      `INSERT INTO notifications (id, user_id, type, article_id, comment_id, created_at)
       VALUES (@id, @user_id, @type, @article_id, @comment_id, @created_at)`,
    ),
    listNotifications: db.prepare<[string, 0 | 1, number], NotificationRow>(
      `SELECT n.id AS n_id, n.type AS n_type, n.created_at AS n_created_at, n.read_at AS n_read_at,
         ${commentColumns}
       FROM notifications n JOIN comments c ON c.id = n.comment_id JOIN users u ON u.id = c.author_id
       WHERE n.user_id = ? AND (? = 0 OR n.read_at IS NULL)
       ORDER BY n.created_at DESC, n.rowid DESC LIMIT ?`,
    ),
    countUnread: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL`,
    ),
    markAllRead: db.prepare<[string, string]>(
      `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`,
    ),
    markSomeRead: db.prepare<[string, string, string]>(
      `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL
         AND id IN (SELECT value FROM json_each(?))`,
    ),
    getSubscription: db.prepare<[string, string], { notify: Notify }>(
      `SELECT notify FROM subscriptions WHERE user_id = ? AND article_id = ?`,
    ),
    setSubscription: db.prepare<[string, string, Notify]>(
      `INSERT INTO subscriptions (user_id, article_id, notify) VALUES (?, ?, ?)
       ON CONFLICT (user_id, article_id) DO UPDATE SET notify = excluded.notify`,
    ),
    /** One keyset page of an article's `all` subscribers, by user id, leaving out a JSON list. */
    listAllSubscribers: db.prepare<[string, string, string, number], { user_id: string }>(
      `SELECT user_id FROM subscriptions
       WHERE article_id = ? AND notify = 'all' AND user_id > ?
         AND user_id NOT IN (SELECT value FROM json_each(?))
       ORDER BY user_id LIMIT ?`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
