/**
 * Sends one webhook: a POST of the stored body, signed per Standard Webhooks at send time, with
 * a timeout, never following a redirect (a 3xx is a failure: the URL configured is the one that
 * must answer). Only a 2xx counts as delivered.
 */
import type { OutboxItem } from "../store/outbox-store.js";
import { signWebhook, webhookKey } from "./webhook-signature.js";

export type WebhookSender = (item: OutboxItem) => Promise<void>;

export function createWebhookSender(options: {
  secret: string;
  timeoutMs: number;
  nowSeconds: () => number;
}): WebhookSender {
  const key = webhookKey(options.secret);
  return async function sendWebhook(item) {
    const headers = signWebhook(key, item.id, options.nowSeconds(), item.payload);
    const response = await fetch(item.target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Parley-Webhooks/1",
        ...headers,
      },
      body: item.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // The body is not needed; reading it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status > 299) {
      throw new Error(`webhook answered ${response.status}`);
    }
  };
}
