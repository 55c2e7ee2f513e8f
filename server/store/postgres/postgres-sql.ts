/**
 * Every SQL statement of the PostgreSQL store, the same queries as the SQLite ones (see
 * sqlite-statements.ts) in PostgreSQL's dialect: positional parameters with explicit casts, and
 * arrays (`= ANY($n::text[])`) where SQLite takes a JSON list.
 */
import type { Sort } from "../../../shared/schemas.js";
import { rowOverheadBytes } from "../byte-cut.js";
import { commentColumns } from "../rows.js";

const fromComments = `FROM comments c JOIN users u ON u.id = c.author_id`;
/** A row's estimated JSON size: its body's UTF-8 bytes plus the rest (see byte-cut.ts). */
const bodyBytes = `(octet_length(c.body) + ${rowOverheadBytes})`;

/**
 * Pending comments are seen only by their author and by moderators, and so are held comments a
 * moderator rejected (marked by their `*:held` log line); $2 viewer, $3 moderator.
 */
const visible = `(c.author_id = $2::text OR $3::boolean OR c.status = 'published'
  OR (c.status = 'removed' AND NOT EXISTS (SELECT 1 FROM moderation_log l
    WHERE l.comment_id = c.id AND l.action IN ('reject:held', 'remove:held'))))`;

/**
 * Runs a data-modifying statement on comments and returns the row with its author joined (only
 * when the author also passes `authorFilter`).
 */
function withAuthor(statement: string, authorFilter = "TRUE"): string {
  return `WITH c AS (${statement} RETURNING *)
    SELECT ${commentColumns} FROM c JOIN users u ON u.id = c.author_id AND ${authorFilter}`;
}

/** Root comments of one article: $1 article, $2 viewer, $3 moderator, $4 limit, $5/$6 cursor. */
function roots(where: string, order: string): string {
  return `SELECT ${commentColumns} ${fromComments}
    WHERE c.article_id = $1 AND c.parent_id IS NULL AND ${visible} AND (${where})
    ORDER BY ${order} LIMIT $4`;
}

/** The store's statements, by what they do. */
export const sql = {
  /** No row when the handle is taken (a legacy host handle): the caller takes the next number. */
  insertGuest: `INSERT INTO users (id, handle, name, email, avatar_url, role, created_at)
    VALUES ($1, 'guest_' || nextval('guest_handle_seq'), $2, $3, NULL, 'guest', $4)
    ON CONFLICT (handle) DO NOTHING RETURNING *`,
  /** No row when the stored claims came from a newer token than these ($9 = iat). */
  upsertExternalUser: `INSERT INTO users (id, handle, name, email, avatar_url, role, created_at,
      external_id, claims_iat)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, email = excluded.email,
      avatar_url = excluded.avatar_url, role = excluded.role, claims_iat = excluded.claims_iat
    WHERE users.claims_iat <= excluded.claims_iat
    RETURNING *`,
  getExternalUser: `SELECT * FROM users WHERE external_id = $1`,
  getUser: `SELECT * FROM users WHERE id = $1`,

  getArticle: `SELECT * FROM articles WHERE id = $1`,
  ensureArticle: `INSERT INTO articles (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
  /** Takes the article's row lock (held to commit) and its next seq: $1 article, $2 count delta. */
  bumpArticle: `UPDATE articles SET last_seq = last_seq + 1, comment_count = comment_count + $2
    WHERE id = $1 RETURNING *`,
  /** As bumpArticle, for the article of comment $1 (no row: no such comment). */
  bumpArticleOfComment: `UPDATE articles SET last_seq = last_seq + 1
    WHERE id = (SELECT article_id FROM comments WHERE id = $1) RETURNING *`,
  adjustCommentCount: `UPDATE articles SET comment_count = comment_count + $2 WHERE id = $1
    RETURNING *`,
  setArticleSettings: `UPDATE articles SET moderation = $2, closed_at = $3, title = $4, url = $5
    WHERE id = $1 RETURNING *`,
  /** The first verified page wins: a later claim changes nothing once a URL is kept. */
  claimArticlePage: `UPDATE articles SET title = $2, url = $3 WHERE id = $1 AND url IS NULL`,
  lockArticle: `SELECT * FROM articles WHERE id = $1 FOR UPDATE`,

  getComment: `SELECT ${commentColumns} ${fromComments} WHERE c.id = $1`,
  getByClientKey: `SELECT ${commentColumns} ${fromComments}
    WHERE c.author_id = $1 AND c.client_key = $2`,
  /** No row when the author is deleted: the caller throws, and the transaction rolls back. */
  insertComment: withAuthor(
    `INSERT INTO comments (id, article_id, parent_id, root_id, author_id, body, status, seq,
       created_seq, created_at, client_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)`,
    "u.deleted_at IS NULL",
  ),
  /**
   * A root comment in one statement (one round trip, the article's row lock held only while it
   * runs): the seq bump and the insert, returning the comment with its author and the article
   * ($1 id, $2 article, $3 author, $4 body, $5 status, $6 created_at, $7 clientKey, $8 count
   * delta, $9 whether $10 is expected: the article open and of moderation $10). No row when the
   * article has no row yet, the author's clientKey is already used or the expectation fails:
   * the caller then takes the full transaction, which handles all three. A same-key post committing
   * meanwhile (this statement's snapshot predates the lock) is stopped by comments_client_key.
   * `a_followed`: whether anyone but the author follows the article with `all`, so that the
   * followers' read after the commit is skipped for the many articles nobody follows so.
   */
  insertRootComment: `WITH used AS (
      SELECT 1 FROM comments WHERE $7::text IS NOT NULL AND author_id = $3 AND client_key = $7
    ), a AS (
      UPDATE articles SET last_seq = last_seq + 1, comment_count = comment_count + $8
      WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM used)
        AND (NOT $9::boolean OR (closed_at IS NULL AND moderation IS NOT DISTINCT FROM $10::text))
      RETURNING *
    ), c AS (
      INSERT INTO comments (id, article_id, parent_id, root_id, author_id, body, status, seq,
        created_seq, created_at, client_key)
      SELECT $1, $2, NULL, NULL, $3, $4, $5, a.last_seq, a.last_seq, $6, $7 FROM a
      RETURNING *
    )
    SELECT ${commentColumns}, a.comment_count AS a_comment_count, a.moderation AS a_moderation,
      a.closed_at AS a_closed_at, a.title AS a_title, a.url AS a_url,
      EXISTS (SELECT 1 FROM subscriptions s
        WHERE s.article_id = $2 AND s.notify = 'all' AND s.user_id <> $3) AS a_followed
    FROM c JOIN users u ON u.id = c.author_id CROSS JOIN a`,
  updateComment: withAuthor(
    `UPDATE comments SET seq = $2, status = $3, body = $4, edited_at = $5, edited_by = $6
     WHERE id = $1`,
  ),
  adjustReplyCount: `UPDATE comments SET reply_count = reply_count + $2 WHERE id = $1`,

  listRoots: {
    newest: roots("$5::bigint IS NULL OR c.created_seq < $5::bigint", "c.created_seq DESC"),
    oldest: roots("$5::bigint IS NULL OR c.created_seq > $5::bigint", "c.created_seq ASC"),
    top: roots(
      `$5::bigint IS NULL OR c.score < $6::integer
       OR (c.score = $6::integer AND c.created_seq < $5::bigint)`,
      "c.score DESC, c.created_seq DESC",
    ),
  } satisfies Record<Sort, string>,
  /**
   * The first replies of each root in $1 (after each root's own place), oldest first: at most $5
   * read per thread (LATERAL: a long thread is never walked), summed, cut at $6 estimated bytes.
   */
  listReplies: `SELECT t.* FROM unnest($1::text[]) AS r(root), LATERAL (
      SELECT *, 0 AS reply_total,
        row_number() OVER (ORDER BY created_seq) AS reply_rank,
        sum(own_bytes) OVER (ORDER BY created_seq ROWS UNBOUNDED PRECEDING) AS est_bytes
      FROM (SELECT ${commentColumns}, ${bodyBytes} AS own_bytes
        ${fromComments}
        WHERE c.root_id = r.root AND ${visible}
        ORDER BY c.created_seq LIMIT $4) l) t
    WHERE t.est_bytes - t.own_bytes <= $5::bigint
    ORDER BY t.root_id, t.created_seq`,
  /** How many visible descendants each root in $1 has. */
  countReplies: `SELECT c.root_id, count(*) AS n FROM comments c
    WHERE c.root_id = ANY($1::text[]) AND ${visible}
    GROUP BY c.root_id`,
  /** $1 article, $2 viewer, $3 moderator, $4 after, $5 limit, $6 byte budget (estimated). */
  listChanges: `SELECT * FROM (
      SELECT *, sum(own_bytes) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS est_bytes
      FROM (SELECT ${commentColumns}, ${bodyBytes} AS own_bytes
        ${fromComments}
        WHERE c.article_id = $1 AND c.seq > $4 AND ${visible}
        ORDER BY c.seq LIMIT $5) l) t
    WHERE est_bytes - own_bytes <= $6::bigint
    ORDER BY seq`,
  /**
   * One thread ($1) after $4 for the replies endpoint: at most $5 rows read (one more than shown,
   * to know whether more follow), then summed; $6 byte budget.
   */
  listThreadReplies: `SELECT * FROM (
      SELECT *, count(*) OVER () AS reply_total,
        row_number() OVER (ORDER BY created_seq) AS reply_rank,
        sum(own_bytes) OVER (ORDER BY created_seq ROWS UNBOUNDED PRECEDING) AS est_bytes
      FROM (SELECT ${commentColumns}, ${bodyBytes} AS own_bytes
        ${fromComments}
        WHERE c.root_id = $1 AND c.created_seq > $4::bigint AND ${visible}
        ORDER BY c.created_seq LIMIT $5) l) t
    WHERE est_bytes - own_bytes <= $6::bigint
    ORDER BY created_seq`,

  /** The parent author's ($2) own choice on article $1. */
  getSubscriptionOf: `SELECT notify FROM subscriptions WHERE article_id = $1 AND user_id = $2`,
  /** One keyset page ($4 rows after user $2) of article $1's `all` subscribers, but those in $3. */
  listAllSubscribers: `SELECT user_id FROM subscriptions
    WHERE article_id = $1 AND notify = 'all' AND user_id > $2 AND NOT (user_id = ANY($3::text[]))
    ORDER BY user_id LIMIT $4`,
  /** One row per element of $1 (ids), $2 (users), $3 (types), in that order. */
  insertNotifications: `INSERT INTO notifications (id, user_id, type, article_id, comment_id,
      created_at)
    SELECT t.id, t.user_id, t.type, $4, $5, $6
    FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, user_id, type, n)
    ORDER BY t.n`,
  listNotifications: `SELECT n.id AS n_id, n.type AS n_type, n.created_at AS n_created_at,
      n.read_at AS n_read_at, ${commentColumns}
    FROM notifications n JOIN comments c ON c.id = n.comment_id JOIN users u ON u.id = c.author_id
    WHERE n.user_id = $1 AND (NOT $2::boolean OR n.read_at IS NULL)
    ORDER BY n.created_at DESC, n.pos DESC LIMIT $3`,
  countUnread: `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
  markAllRead: `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`,
  markSomeRead: `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL
    AND id = ANY($3::text[])`,

  getSubscription: `SELECT notify FROM subscriptions WHERE user_id = $1 AND article_id = $2`,
  setSubscription: `INSERT INTO subscriptions (user_id, article_id, notify) VALUES ($1, $2, $3)
    ON CONFLICT (user_id, article_id) DO UPDATE SET notify = excluded.notify`,
} as const;
