/** The only reader of the environment: parses it once and fails fast with every bad key named. */
import { type Config, envSchema } from "./config.schema.js";

/** Thrown with one line naming each bad variable; main.ts prints it and exits non-zero. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Values that may hold credentials (secrets, URLs with passwords) are never printed. */
const neverEcho = /SECRET|URL|PASSWORD|TOKEN/;

/** The bad value, quoted and escaped so the error stays one line; nothing for sensitive keys. */
function echo(key: string, value: string | undefined): string {
  if (value === undefined || neverEcho.test(key)) return "";
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return ` (got ${JSON.stringify(shown)})`;
}

/** Builds the Config from an environment (process.env in main.ts, a plain object in tests). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as a blank line in an .env file or compose file does.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "environment");
      return `${key} ${issue.message}${echo(key, present[key])}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const db = e.DATABASE_URL;
  return {
    port: e.PORT,
    host: e.HOST,
    database: db.startsWith("sqlite:")
      ? { kind: "sqlite", path: db.slice("sqlite:".length) }
      : { kind: "postgres", url: db },
    redisUrl: e.REDIS_URL ?? null,
    tokenSecret: e.TOKEN_SECRET ?? null,
    logLevel: e.LOG_LEVEL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    ssoSecret: e.SSO_SECRET ?? null,
    ssoMaxAgeSeconds: e.SSO_MAX_AGE_SECONDS,
    editWindowMs: e.EDIT_WINDOW_SECONDS * 1000,
    rateLimits: {
      commentsPerUserPerMinute: e.RATE_LIMIT_COMMENTS,
      commentsPerIpPerMinute: e.RATE_LIMIT_COMMENTS_PER_IP,
      sessionsPerIpPerHour: e.RATE_LIMIT_SESSIONS_PER_IP,
      votesPerUserPerMinute: e.RATE_LIMIT_VOTES,
      subscriptionsPerUserPerMinute: e.RATE_LIMIT_SUBSCRIPTIONS,
      readUnitsPerIpPerMinute: e.READ_BUDGET_PER_IP,
      readUnitsPerSocketPerMinute: e.READ_BUDGET_PER_SOCKET,
    },
    firstPageCacheBytes: e.FIRST_PAGE_CACHE_BYTES,
    readGate: {
      concurrency: e.READ_GATE_CONCURRENCY === 0 ? null : e.READ_GATE_CONCURRENCY,
      queue: e.READ_GATE_QUEUE,
    },
    production: e.NODE_ENV === "production",
    trustProxy: e.TRUST_PROXY,
    guestsAllowed: e.GUESTS_ALLOWED,
    moderation: {
      mode: e.MODERATION_MODE,
      bannedWords: e.BANNED_WORDS,
      bannedWordsAction: e.BANNED_WORDS_ACTION,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    accountDeletion: e.ACCOUNT_DELETION,
    maxSocketsPerIp: e.MAX_SOCKETS_PER_IP,
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
    presenceIntervalMs: e.PRESENCE_INTERVAL_MS,
    metrics: { token: e.METRICS_TOKEN ?? null, port: e.METRICS_PORT ?? null },
    httpTimeouts: {
      headersMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, "") ?? null,
      delayMs: e.EMAIL_DELAY_SECONDS * 1000,
    },
    webhooks: { urls: e.WEBHOOK_URLS, secret: e.WEBHOOK_SECRET ?? null },
    outbox: {
      pollMs: e.OUTBOX_POLL_MS,
      leaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    },
  };
}
