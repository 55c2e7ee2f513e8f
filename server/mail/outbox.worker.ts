/**
 * The outbox worker, one per instance: every poll it (1) turns notifications still unread after
 * the email delay into messages (mail-digest.ts), and (2) claims due outbox messages and sends
 * them. A claim is a lease: a sender killed mid-send loses nothing, the message is claimed again
 * once the lease runs out. Sending is at least once; the lease (longer than any send may take)
 * and SKIP LOCKED make it once in practice, and a retry keeps its Message-ID / webhook-id so a
 * receiver can drop a duplicate.
 */
import type { Logger } from "pino";
import { Counter, Gauge } from "prom-client";
import type { Clock } from "../domain/clock.js";
import { newId } from "../core/ids.js";
import type { Metrics } from "../metrics.js";
import type { OutboxItem } from "../store/outbox-store.js";
import type { Store } from "../store/store.js";
import type { LinkTokens } from "./link-tokens.js";
import { decideMail } from "./mail-digest.js";
import type { MailLinks } from "./mail-render.js";
import { type MailSender, outgoingMailSchema } from "./outgoing-mail.js";
import type { WebhookSender } from "./webhook-sender.js";

export interface OutboxWorkerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  pollMs: number;
  leaseMs: number;
  maxAttempts: number;
  /** Null: email is off (no relay in production); notifications are never mailed. */
  mail: { send: MailSender; delayMs: number; tokens: LinkTokens; links: () => MailLinks } | null;
  webhook: WebhookSender | null;
}

/** Messages claimed per poll, and due notifications looked at per poll. */
const CLAIM_BATCH = 20;
const DUE_BATCH = 200;
const HOUR_MS = 3600_000;

/** Seconds before retry number `attempt` (1-based): 10 s doubling, at most an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempt - 1), HOUR_MS);
}

export function startOutboxWorker(deps: OutboxWorkerDeps) {
  const { store, clock, logger, metrics } = deps;
  const log = logger.child({ part: "outbox" });
  const sent = new Counter({
    name: "parley_outbox_sent_total",
    help: "Outbox messages (email, webhook) sent by this instance",
    labelNames: ["kind"] as const,
    registers: [metrics.registry],
  });
  const failed = new Counter({
    name: "parley_outbox_failures_total",
    help: "Failed send attempts by this instance (retried later, or dead-lettered)",
    labelNames: ["kind"] as const,
    registers: [metrics.registry],
  });
  for (const [name, key, help] of [
    ["parley_outbox_pending", "pending", "Outbox messages waiting to be sent, in the store"],
    ["parley_outbox_dead", "dead", "Outbox messages dead-lettered after the last attempt"],
  ] as const) {
    new Gauge({
      name,
      help,
      labelNames: ["kind"] as const,
      registers: [metrics.registry],
      async collect() {
        try {
          const stats = await store.outboxStats();
          for (const [kind, n] of Object.entries(stats[key])) this.set({ kind }, n);
        } catch {
          // The store is away: /readyz says so; the gauge keeps its last values.
        }
      },
    });
  }

  async function mailDue(): Promise<void> {
    const mail = deps.mail;
    if (!mail) return;
    const now = clock.now();
    const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
    await store.mailDueNotifications(
      {
        now: now.toISOString(),
        createdBefore: at(mail.delayMs),
        hourlyBefore: at(HOUR_MS),
        dailyBefore: at(24 * HOUR_MS),
        limit: DUE_BATCH,
      },
      (due) => decideMail(due, mail.tokens, mail.links(), now.toISOString()),
    );
  }

  async function deliver(item: OutboxItem): Promise<void> {
    if (item.kind === "email") {
      if (!deps.mail) throw new Error("email is off on this instance");
      await deps.mail.send(outgoingMailSchema.parse(JSON.parse(item.payload)));
    } else {
      if (!deps.webhook) throw new Error("webhooks are off on this instance");
      await deps.webhook(item);
    }
  }

  async function settle(item: OutboxItem): Promise<void> {
    try {
      await deliver(item);
      const kept = await store.completeOutbox(item.id, item.claim, clock.now().toISOString());
      sent.inc({ kind: item.kind });
      if (!kept) log.warn({ id: item.id }, "outbox message sent after its lease ran out");
    } catch (error) {
      failed.inc({ kind: item.kind });
      const now = clock.now().getTime();
      const dead = item.attempts >= deps.maxAttempts;
      const retryAt = dead ? null : new Date(now + backoffMs(item.attempts)).toISOString();
      const message = error instanceof Error ? error.message : String(error);
      log.warn(
        { id: item.id, kind: item.kind, attempts: item.attempts, dead, err: message },
        "outbox send failed",
      );
      await store.failOutbox(item.id, item.claim, message, retryAt, new Date(now).toISOString());
    }
  }

  async function sendDue(): Promise<number> {
    if (!deps.mail && !deps.webhook) return 0;
    const now = clock.now();
    const items = await store.claimOutbox({
      now: now.toISOString(),
      lockedUntil: new Date(now.getTime() + deps.leaseMs).toISOString(),
      claim: newId(),
      limit: CLAIM_BATCH,
    });
    await Promise.all(items.map(settle));
    return items.length;
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function poll(): Promise<void> {
    try {
      await mailDue();
      // A full batch means more may be waiting: go on at once rather than after a poll.
      while (!stopped && (await sendDue()) === CLAIM_BATCH);
    } catch (error) {
      log.error({ err: error }, "outbox poll failed");
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = poll().finally(() => {
        running = null;
        schedule();
      });
    }, deps.pollMs);
  }
  schedule();

  return {
    /** Runs one poll now (tests, and after a write that wants prompt delivery). */
    poll: () => (running ??= poll().finally(() => (running = null))),
    /** Stops polling and waits for a poll in progress (before the store closes). */
    async stop(waitMs: number): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      // A send stalled on a slow relay must not hold the shutdown: its lease runs out and
      // another instance (or the next start) sends it.
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((resolve) => (giveUp = setTimeout(resolve, waitMs))),
      ]);
      clearTimeout(giveUp);
    },
  };
}

export type OutboxWorker = ReturnType<typeof startOutboxWorker>;
