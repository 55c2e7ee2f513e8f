/**
 * Webhook messages for comment changes and moderation decisions, as outbox rows built inside the
 * change's transaction (so a webhook exists exactly when its change committed). Bodies follow the
 * Standard Webhooks shape `{ type, timestamp, data }`; the signature is added at send time.
 */
import { stripPrivate } from "../store/rows.js";
import type { NewOutboxMessage, OutboxBuilder } from "../store/outbox-store.js";
import type { CommentRecord } from "../store/store.js";
import { newId } from "../core/ids.js";

export type WebhookType =
  "comment.created" | "comment.updated" | "comment.removed" | "moderation.decided";

/** Extra fields of a moderation decision's `data`. */
export interface DecisionData {
  action: "approve" | "reject" | "remove";
  moderatorId: string;
  reason: string | null;
}

export interface WebhookOutbox {
  /** Rows for these events about one comment; undefined when no webhook URL is configured. */
  build(
    events: { type: WebhookType; decision?: DecisionData }[],
    at: string,
  ): OutboxBuilder | undefined;
}

export function createWebhookOutbox(urls: string[]): WebhookOutbox {
  return {
    build(events, at) {
      if (urls.length === 0 || events.length === 0) return undefined;
      return (comment: CommentRecord): NewOutboxMessage[] =>
        events.flatMap(({ type, decision }) => {
          const data = decision
            ? { ...decision, comment: stripPrivate(comment) }
            : { comment: stripPrivate(comment) };
          // One body for every URL, one row (and one webhook-id) per URL: each receiver retries
          // on its own schedule.
          const payload = JSON.stringify({ type, timestamp: at, data });
          return urls.map((target) => ({
            id: `msg_${newId()}`,
            kind: "webhook" as const,
            target,
            payload,
            createdAt: at,
          }));
        });
    },
  };
}

/** No webhooks: what services get when none are configured (and in unit tests). */
export const noWebhooks: WebhookOutbox = { build: () => undefined };
