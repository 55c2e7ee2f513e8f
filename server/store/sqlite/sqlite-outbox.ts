/**
 * The outbox, email preferences and the mailer's transaction on SQLite. SQLite serves one
 * instance, and its transactions are synchronous: a claim is one UPDATE ... RETURNING, and the
 * lease only matters for a process killed mid-send (the next start takes the message over).
 */
import type Database from "better-sqlite3";
import { commentColumns } from "../rows.js";
import type {
  DueNotification,
  EmailDelivery,
  EmailPreferences,
  NewOutboxMessage,
  OutboxItem,
  OutboxKind,
  OutboxStore,
} from "../outbox-store.js";
import {
  type DueRow,
  type OutboxRow,
  type PrefsRow,
  toDue,
  toOutboxItem,
  toPrefs,
} from "../outbox-rows.js";

export function createSqliteOutbox(db: Database.Database) {
  const s = {
    insert: db.prepare<[NewOutboxMessage]>(
      `INSERT INTO outbox (id, kind, target, payload, created_at, next_attempt_at)
       VALUES (@id, @kind, @target, @payload, @createdAt, @createdAt)`,
    ),
    claim: db.prepare<
      [{ now: string; lockedUntil: string; claim: string; limit: number }],
      OutboxRow
    >(
      `UPDATE outbox SET claim = @claim, locked_until = @lockedUntil, attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox
         WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now
           AND (locked_until IS NULL OR locked_until <= @now)
         ORDER BY next_attempt_at, rowid LIMIT @limit)
       RETURNING id, kind, target, payload, created_at, attempts, claim`,
    ),
    complete: db.prepare<[string, string, string]>(
      `UPDATE outbox SET sent_at = ?, claim = NULL, locked_until = NULL WHERE id = ? AND claim = ?`,
    ),
    fail: db.prepare<
      [{ id: string; claim: string; error: string; retryAt: string | null; at: string }]
    >(
      `UPDATE outbox SET last_error = @error, claim = NULL, locked_until = NULL,
         next_attempt_at = COALESCE(@retryAt, next_attempt_at),
         dead_at = CASE WHEN @retryAt IS NULL THEN @at ELSE NULL END
       WHERE id = @id AND claim = @claim`,
    ),
    stats: db.prepare<[], { kind: OutboxKind; pending: number; dead: number }>(
      `SELECT kind, SUM(dead_at IS NULL) AS pending, SUM(dead_at IS NOT NULL) AS dead
       FROM outbox WHERE sent_at IS NULL GROUP BY kind`,
    ),
    due: db.prepare<
      [{ created_before: string; hourly_before: string; daily_before: string; limit: number }],
      DueRow
    >(
      `SELECT n.id AS n_id, n.type AS n_type, n.created_at AS n_created_at, n.read_at AS n_read_at,
         ${commentColumns}, a.title AS a_title, a.url AS a_url, r.id AS r_id, r.name AS r_name,
         r.email AS r_email, r.email_confirmed AS r_email_confirmed,
         r.email_replies AS r_email_replies, r.email_delivery AS r_email_delivery
       FROM notifications n JOIN comments c ON c.id = n.comment_id
         JOIN users u ON u.id = c.author_id JOIN users r ON r.id = n.user_id
         LEFT JOIN articles a ON a.id = n.article_id
       WHERE n.read_at IS NULL AND n.mailed_at IS NULL AND n.created_at <= @created_before
         AND (r.email_delivery IN ('instant', 'off') OR r.last_mailed_at IS NULL
           OR (r.email_delivery = 'hourly' AND r.last_mailed_at <= @hourly_before)
           OR (r.email_delivery = 'daily' AND r.last_mailed_at <= @daily_before))
       ORDER BY n.created_at, n.rowid LIMIT @limit`,
    ),
    markMailed: db.prepare<[string, string]>(
      `UPDATE notifications SET mailed_at = ? WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    markUsersMailed: db.prepare<[string, string]>(
      `UPDATE users SET last_mailed_at = ? WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    prefs: db.prepare<[string], PrefsRow>(
      `SELECT email, email_confirmed, email_replies, email_delivery FROM users WHERE id = ?`,
    ),
    setPrefs: db.prepare<
      [
        {
          id: string;
          email: string | null;
          email_confirmed: string | null;
          email_replies: 0 | 1;
          email_delivery: EmailDelivery;
        },
      ]
    >(
      `UPDATE users SET email = @email, email_confirmed = @email_confirmed,
         email_replies = @email_replies, email_delivery = @email_delivery WHERE id = @id`,
    ),
    confirm: db.prepare<[string, string, string]>(
      `UPDATE users SET email_confirmed = ? WHERE id = ? AND email = ?`,
    ),
    byHandles: db.prepare<[string], { id: string; handle: string }>(
      `SELECT id, handle FROM users WHERE handle IN (SELECT value FROM json_each(?))`,
    ),
  };

  const insert = (messages: NewOutboxMessage[]) => {
    for (const m of messages) s.insert.run(m);
  };

  const store: OutboxStore = {
    enqueueOutbox(messages) {
      db.transaction(insert)(messages);
      return Promise.resolve();
    },
    claimOutbox(claim): Promise<OutboxItem[]> {
      return Promise.resolve(s.claim.all(claim).map(toOutboxItem));
    },
    completeOutbox(id, claim, sentAt) {
      return Promise.resolve(s.complete.run(sentAt, id, claim).changes > 0);
    },
    failOutbox(id, claim, error, retryAt, at) {
      s.fail.run({ id, claim, error: error.slice(0, 500), retryAt, at });
      return Promise.resolve();
    },
    outboxStats() {
      const stats = { pending: { email: 0, webhook: 0 }, dead: { email: 0, webhook: 0 } };
      for (const row of s.stats.all()) {
        stats.pending[row.kind] = Number(row.pending);
        stats.dead[row.kind] = Number(row.dead);
      }
      return Promise.resolve(stats);
    },
    mailDueNotifications(q, decide) {
      return Promise.resolve(
        db.transaction(() => {
          const due: DueNotification[] = s.due
            .all({
              created_before: q.createdBefore,
              hourly_before: q.hourlyBefore,
              daily_before: q.dailyBefore,
              limit: q.limit,
            })
            .map(toDue);
          if (due.length === 0) return 0;
          const decision = decide(due);
          insert(decision.outbox);
          s.markMailed.run(q.now, JSON.stringify(decision.handled));
          s.markUsersMailed.run(q.now, JSON.stringify(decision.mailedUsers));
          return decision.handled.length;
        })(),
      );
    },
    getEmailPreferences(userId) {
      const row = s.prefs.get(userId);
      return Promise.resolve(row ? toPrefs(row) : null);
    },
    setEmailPreferences(userId, prefs) {
      return Promise.resolve(
        db.transaction((): EmailPreferences => {
          const row = s.prefs.get(userId);
          if (!row) throw new Error(`no user ${userId}`);
          const email = prefs.email !== undefined ? prefs.email : row.email;
          s.setPrefs.run({
            id: userId,
            email,
            email_confirmed: prefs.confirmed ? email : row.email_confirmed,
            email_replies: (prefs.emailReplies ?? Boolean(row.email_replies)) ? 1 : 0,
            email_delivery: prefs.emailDelivery ?? row.email_delivery,
          });
          return toPrefs(s.prefs.get(userId)!);
        })(),
      );
    },
    confirmEmail(userId, email) {
      return Promise.resolve(s.confirm.run(email, userId, email).changes > 0);
    },
    findUsersByHandles(handles) {
      return Promise.resolve(handles.length ? s.byHandles.all(JSON.stringify(handles)) : []);
    },
  };

  return {
    store,
    /** Writes outbox rows inside the caller's (synchronous) transaction. */
    insert,
    /** Marks an address confirmed (the host verified it), inside the caller's transaction. */
    confirmNow: (userId: string, email: string) => void s.confirm.run(email, userId, email),
  };
}
