/**
 * Email and webhooks wired from the configuration: the email service (preferences, confirm,
 * unsubscribe), the webhook outbox builder the comment services write with, and the outbox worker
 * that sends. createParley calls this once; nothing here reads the environment.
 */
import type { Logger } from "pino";
import type { Config } from "../config/config.schema.js";
import type { Clock } from "../domain/clock.js";
import { createEmailService } from "../domain/email.service.js";
import { fromLimiter, type LimiterFactory, memoryLimiter } from "../domain/rate-limits.js";
import { createWebhookOutbox } from "../domain/webhook.events.js";
import type { Metrics } from "../metrics.js";
import type { Store } from "../store/store.js";
import { createLinkTokens } from "./link-tokens.js";
import type { MailLinks } from "./mail-render.js";
import { captureSender, smtpSender } from "./mail-senders.js";
import { startOutboxWorker } from "./outbox.worker.js";
import { createWebhookSender } from "./webhook-sender.js";

export interface MailPartsDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  tokenSecret: string;
  /** The port bound, once known: links default to http://localhost:<port>. */
  port: () => number;
  limiterFactory?: LimiterFactory;
}

export function createMailParts(deps: MailPartsDeps) {
  const { config, store, clock, logger } = deps;
  const links = (): MailLinks => {
    const base = config.mail.publicUrl ?? `http://localhost:${deps.port()}`;
    return { base, host: new URL(base).hostname };
  };
  const tokens = createLinkTokens(deps.tokenSecret);
  // No relay: production sends nothing; development captures (log + /dev/mail).
  const capture = config.mail.smtpUrl === null && !config.production ? captureSender(logger) : null;
  // Any one send must end well within the lease, or a slow relay would let a second instance
  // take over a message still being sent.
  const sendTimeoutMs = Math.max(1000, Math.floor(config.outbox.leaseMs / 3));
  const send = config.mail.smtpUrl
    ? smtpSender(config.mail.smtpUrl, config.mail.from, sendTimeoutMs)
    : capture?.sender;
  const make = deps.limiterFactory ?? memoryLimiter;
  const email = createEmailService({
    store,
    clock,
    tokens,
    links,
    enabled: send !== undefined,
    confirmationsPerUser: fromLimiter(
      make({ keyPrefix: "rl:confirm:user", points: 3, duration: 3600 }),
      "confirmation emails",
    ),
    confirmationsPerAddress: fromLimiter(
      make({ keyPrefix: "rl:confirm:address", points: 5, duration: 3600 }),
      "confirmation emails to this address",
    ),
  });
  const webhooks = createWebhookOutbox(config.webhooks.secret ? config.webhooks.urls : []);
  const webhookSender = config.webhooks.secret
    ? createWebhookSender({
        secret: config.webhooks.secret,
        timeoutMs: Math.min(10_000, sendTimeoutMs),
        nowSeconds: () => Math.floor(clock.now().getTime() / 1000),
      })
    : null;

  return {
    email,
    webhooks,
    capture,
    /** Starts the outbox worker (after the store is migrated and the server listens). */
    startWorker: () =>
      startOutboxWorker({
        store,
        clock,
        logger,
        metrics: deps.metrics,
        pollMs: config.outbox.pollMs,
        leaseMs: config.outbox.leaseMs,
        maxAttempts: config.outbox.maxAttempts,
        mail: send ? { send, delayMs: config.mail.delayMs, tokens, links } : null,
        webhook: webhookSender,
      }),
  };
}
