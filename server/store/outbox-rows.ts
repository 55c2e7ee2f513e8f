/** Row shapes of the outbox and email columns, mapped once for SQLite and PostgreSQL alike. */
import { toNotification, type NotificationRow } from "./rows.js";
import type {
  DueNotification,
  EmailDelivery,
  EmailPreferences,
  OutboxItem,
  OutboxKind,
} from "./outbox-store.js";

export interface OutboxRow {
  id: string;
  kind: OutboxKind;
  target: string;
  payload: string;
  created_at: string;
  attempts: number | string;
  claim: string;
}

export function toOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    payload: row.payload,
    createdAt: row.created_at,
    attempts: Number(row.attempts),
    claim: row.claim,
  };
}

export interface PrefsRow {
  email: string | null;
  email_confirmed: string | null;
  /** SQLite: 0/1; PostgreSQL: boolean. */
  email_replies: number | boolean;
  email_delivery: EmailDelivery;
}

export function toPrefs(row: PrefsRow): EmailPreferences {
  return {
    email: row.email,
    emailConfirmed: row.email !== null && row.email === row.email_confirmed,
    emailReplies: Boolean(row.email_replies),
    emailDelivery: row.email_delivery,
  };
}

export interface DueRow extends NotificationRow {
  a_title: string | null;
  a_url: string | null;
  r_id: string;
  r_name: string;
  r_email: string | null;
  r_email_confirmed: string | null;
  r_email_replies: number | boolean;
  r_email_delivery: EmailDelivery;
}

export function toDue(row: DueRow): DueNotification {
  return {
    notification: toNotification(row),
    article: { title: row.a_title, url: row.a_url },
    recipient: {
      id: row.r_id,
      name: row.r_name,
      email: row.r_email,
      emailConfirmed: row.r_email !== null && row.r_email === row.r_email_confirmed,
      emailReplies: Boolean(row.r_email_replies),
      emailDelivery: row.r_email_delivery,
    },
  };
}
