/**
 * The outbox, email preferences and the mailer's transaction on PostgreSQL, shared by many
 * instances: claims take rows with FOR UPDATE SKIP LOCKED (two claimers never wait on or take the
 * same row) and set a lease; a sender killed mid-send leaves its lease to run out, and the next
 * claim after that takes the message again.
 */
import { commentColumns } from "../rows.js";
import type { NewOutboxMessage, OutboxKind, OutboxStore } from "../outbox-store.js";
import {
  type DueRow,
  type OutboxRow,
  type PrefsRow,
  toDue,
  toOutboxItem,
  toPrefs,
} from "../outbox-rows.js";
import type { Db, Queryable } from "./postgres-db.js";

const sql = {
  insert: `INSERT INTO outbox (id, kind, target, payload, created_at, next_attempt_at)
    SELECT t.id, t.kind, t.target, t.payload, t.created_at, t.created_at
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
      WITH ORDINALITY AS t(id, kind, target, payload, created_at, n)
    ORDER BY t.n`,
  claim: `UPDATE outbox SET claim = $3, locked_until = $2, attempts = attempts + 1
    WHERE id IN (SELECT id FROM outbox
      WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
        AND (locked_until IS NULL OR locked_until <= $1)
      ORDER BY next_attempt_at, pos LIMIT $4 FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, target, payload, created_at, attempts, claim`,
  complete: `UPDATE outbox SET sent_at = $1, claim = NULL, locked_until = NULL
    WHERE id = $2 AND claim = $3`,
  fail: `UPDATE outbox SET last_error = $3, claim = NULL, locked_until = NULL,
      next_attempt_at = COALESCE($4, next_attempt_at),
      dead_at = CASE WHEN $4::text IS NULL THEN $5 ELSE NULL END
    WHERE id = $1 AND claim = $2`,
  stats: `SELECT kind, count(*) FILTER (WHERE dead_at IS NULL) AS pending,
      count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead
    FROM outbox WHERE sent_at IS NULL GROUP BY kind`,
  due: `SELECT n.id AS n_id, n.type AS n_type, n.created_at AS n_created_at, n.read_at AS n_read_at,
      ${commentColumns}, a.title AS a_title, a.url AS a_url, r.id AS r_id, r.name AS r_name,
      r.email AS r_email, r.email_confirmed AS r_email_confirmed,
      r.email_replies AS r_email_replies, r.email_delivery AS r_email_delivery
    FROM notifications n JOIN comments c ON c.id = n.comment_id
      JOIN users u ON u.id = c.author_id JOIN users r ON r.id = n.user_id
      LEFT JOIN articles a ON a.id = n.article_id
    WHERE n.read_at IS NULL AND n.mailed_at IS NULL AND n.created_at <= $1
      AND (r.email_delivery IN ('instant', 'off') OR r.last_mailed_at IS NULL
        OR (r.email_delivery = 'hourly' AND r.last_mailed_at <= $2)
        OR (r.email_delivery = 'daily' AND r.last_mailed_at <= $3))
    ORDER BY n.created_at, n.pos LIMIT $4
    FOR UPDATE OF n SKIP LOCKED`,
  markMailed: `UPDATE notifications SET mailed_at = $1 WHERE id = ANY($2::text[])`,
  markUsersMailed: `UPDATE users SET last_mailed_at = $1 WHERE id = ANY($2::text[])`,
  prefs: `SELECT email, email_confirmed, email_replies, email_delivery FROM users WHERE id = $1`,
  lockPrefs: `SELECT email, email_confirmed, email_replies, email_delivery FROM users
    WHERE id = $1 FOR UPDATE`,
  setPrefs: `UPDATE users SET email = $2, email_confirmed = $3, email_replies = $4,
      email_delivery = $5 WHERE id = $1
    RETURNING email, email_confirmed, email_replies, email_delivery`,
  confirm: `UPDATE users SET email_confirmed = $1 WHERE id = $2 AND email = $1`,
  byHandles: `SELECT id, handle FROM users WHERE handle = ANY($1::text[])`,
};

/** Writes outbox rows inside the caller's transaction (one statement for any number). */
export async function insertOutbox(tx: Queryable, messages: NewOutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.query(sql.insert, [
    messages.map((m) => m.id),
    messages.map((m) => m.kind),
    messages.map((m) => m.target),
    messages.map((m) => m.payload),
    messages.map((m) => m.createdAt),
  ]);
}

/** Marks an address confirmed because the host verified it. */
export async function confirmVerifiedEmail(db: Queryable, userId: string, email: string) {
  await db.query(sql.confirm, [email, userId]);
}

export function createPostgresOutbox(db: Db): OutboxStore {
  return {
    enqueueOutbox: (messages) => insertOutbox(db, messages),
    async claimOutbox(c) {
      const rows = await db.query<OutboxRow>(sql.claim, [c.now, c.lockedUntil, c.claim, c.limit]);
      return rows.map(toOutboxItem);
    },
    async completeOutbox(id, claim, sentAt) {
      const rows = await db.query<{ id: string }>(`${sql.complete} RETURNING id`, [
        sentAt,
        id,
        claim,
      ]);
      return rows.length > 0;
    },
    async failOutbox(id, claim, error, retryAt, at) {
      await db.query(sql.fail, [id, claim, error.slice(0, 500), retryAt, at]);
    },
    async outboxStats() {
      const stats = { pending: { email: 0, webhook: 0 }, dead: { email: 0, webhook: 0 } };
      const rows = await db.query<{ kind: OutboxKind; pending: string; dead: string }>(sql.stats);
      for (const row of rows) {
        stats.pending[row.kind] = Number(row.pending);
        stats.dead[row.kind] = Number(row.dead);
      }
      return stats;
    },
    mailDueNotifications(q, decide) {
      return db.transaction(async (tx) => {
        const rows = await tx.query<DueRow>(sql.due, [
          q.createdBefore,
          q.hourlyBefore,
          q.dailyBefore,
          q.limit,
        ]);
        if (rows.length === 0) return 0;
        const decision = decide(rows.map(toDue));
        await insertOutbox(tx, decision.outbox);
        await tx.query(sql.markMailed, [q.now, decision.handled]);
        if (decision.mailedUsers.length > 0) {
          await tx.query(sql.markUsersMailed, [q.now, decision.mailedUsers]);
        }
        return decision.handled.length;
      });
    },
    async getEmailPreferences(userId) {
      const [row] = await db.query<PrefsRow>(sql.prefs, [userId]);
      return row ? toPrefs(row) : null;
    },
    setEmailPreferences(userId, prefs) {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<PrefsRow>(sql.lockPrefs, [userId]);
        if (!row) throw new Error(`no user ${userId}`);
        const email = prefs.email !== undefined ? prefs.email : row.email;
        const [updated] = await tx.query<PrefsRow>(sql.setPrefs, [
          userId,
          email,
          prefs.confirmed ? email : row.email_confirmed,
          prefs.emailReplies ?? Boolean(row.email_replies),
          prefs.emailDelivery ?? row.email_delivery,
        ]);
        return toPrefs(updated!);
      });
    },
    async confirmEmail(userId, email) {
      const rows = await db.query<{ id: string }>(`${sql.confirm} RETURNING id`, [email, userId]);
      return rows.length > 0;
    },
    async findUsersByHandles(handles) {
      if (handles.length === 0) return [];
      return db.query<{ id: string; handle: string }>(sql.byHandles, [handles]);
    },
  };
}
