/**
 * The outbox and email part of the Store port: outgoing messages (mail, webhooks) kept as rows so
 * that they are written with what caused them and survive any process; email preferences; and
 * the one transaction that turns a user's due notifications into a message.
 */
import type { Notification } from "../../shared/schemas.js";
import type { CommentRecord } from "./store.js";

export type OutboxKind = "email" | "webhook";
export type EmailDelivery = "instant" | "hourly" | "daily" | "off";

/** One message to send: an email (target: address) or a webhook (target: URL). */
export interface NewOutboxMessage {
  id: string;
  kind: OutboxKind;
  target: string;
  /** JSON text, opaque to the store. */
  payload: string;
  createdAt: string;
}

/**
 * Builds the outbox rows caused by a comment change, called inside the change's transaction with
 * the comment as committed (seq and all). Pure and synchronous: SQLite transactions are.
 */
export type OutboxBuilder = (comment: CommentRecord) => NewOutboxMessage[];

/** A claimed message: this instance may send it until `lockedUntil`. */
export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  target: string;
  payload: string;
  createdAt: string;
  /** Including this one. */
  attempts: number;
  claim: string;
}

export interface OutboxClaim {
  now: string;
  /** The lease: until then no other instance takes these messages. */
  lockedUntil: string;
  /** Random per claim: only its holder can settle the messages. */
  claim: string;
  limit: number;
}

/** Messages not yet sent nor dead, and dead ones, by kind: for /metrics. */
export interface OutboxStats {
  pending: Record<OutboxKind, number>;
  dead: Record<OutboxKind, number>;
}

/** A user's email settings as stored. */
export interface EmailPreferences {
  email: string | null;
  /** True when `email` was confirmed (link followed, or verified by the host). */
  emailConfirmed: boolean;
  emailReplies: boolean;
  emailDelivery: EmailDelivery;
}

/** One unread, un-mailed notification whose delay has passed, with what an email needs. */
export interface DueNotification {
  notification: Notification;
  article: { title: string | null; url: string | null };
  recipient: {
    id: string;
    name: string;
    email: string | null;
    emailConfirmed: boolean;
    emailReplies: boolean;
    emailDelivery: EmailDelivery;
  };
}

/** What the mailer decided for a batch of due notifications. */
export interface MailDecision {
  outbox: NewOutboxMessage[];
  /** Notifications handled (mailed, or never to be): not looked at again. */
  handled: string[];
  /** Users who were just mailed: hourly and daily digests count from now. */
  mailedUsers: string[];
}

export interface DueQuery {
  now: string;
  /** Notifications created at or before this are due (now - EMAIL_DELAY_SECONDS). */
  createdBefore: string;
  /** Hourly / daily users last mailed at or before these may be mailed again. */
  hourlyBefore: string;
  dailyBefore: string;
  limit: number;
}

export interface OutboxStore {
  /** Writes messages in a transaction of their own (when nothing else is being written). */
  enqueueOutbox(messages: NewOutboxMessage[]): Promise<void>;
  /**
   * Claims up to `limit` due messages (not sent, not dead, next attempt due, lease free or run
   * out), counting an attempt on each. Concurrent claimers never get the same message.
   */
  claimOutbox(claim: OutboxClaim): Promise<OutboxItem[]>;
  /** Marks a claimed message sent; false when the claim was lost (another instance took it). */
  completeOutbox(id: string, claim: string, sentAt: string): Promise<boolean>;
  /** Records a failed attempt: retried at `retryAt`, or dead-lettered when it is null. */
  failOutbox(
    id: string,
    claim: string,
    error: string,
    retryAt: string | null,
    at: string,
  ): Promise<void>;
  outboxStats(): Promise<OutboxStats>;

  /**
   * One transaction: takes the due notifications (locked against other instances), asks
   * `decide` what to send, writes its outbox rows and marks the handled notifications mailed.
   * Returns how many notifications were handled.
   */
  mailDueNotifications(
    query: DueQuery,
    decide: (due: DueNotification[]) => MailDecision,
  ): Promise<number>;

  getEmailPreferences(userId: string): Promise<EmailPreferences | null>;
  /** Sets what is given; a new address is unconfirmed unless `confirmed`. */
  setEmailPreferences(
    userId: string,
    prefs: {
      email?: string | null;
      confirmed?: boolean;
      emailReplies?: boolean;
      emailDelivery?: EmailDelivery;
    },
  ): Promise<EmailPreferences>;
  /** Confirms `email` if it is still the user's address; false otherwise. */
  confirmEmail(userId: string, email: string): Promise<boolean>;
  /** Users by handle (at most the few asked), for mentions. */
  findUsersByHandles(handles: string[]): Promise<{ id: string; handle: string }[]>;
}
