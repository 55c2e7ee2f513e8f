/**
 * Parley's whole configuration as one zod schema over the environment: one entry per setting, with
 * its variable, doc line, default and unit (`settings` below). The environment schema and the
 * typed `Config` both come from it; the README's table is checked against it by a test. A new
 * setting is one entry here plus its README row.
 */
import { z } from "zod";
import {
  bool,
  count,
  databaseOf,
  digits,
  isHttpUrl,
  list,
  orNull,
  origins,
  portNumber,
  timeoutMs,
  trustProxy,
  validTimeout,
} from "./env-values.js";
import { envShape, setting, valueOf } from "./setting.js";

/**
 * Every setting, in the shape of the Config each part receives (see `Config` below). Each entry:
 * the doc line (with its unit), then the variable, its validation and default, and any
 * conversion to the Config's unit.
 */
const settings = {
  /** Listen port (PORT). */
  port: setting("PORT", portNumber.default(3000)),
  /** Listen address (HOST). */
  host: setting("HOST", z.string().min(1).default("0.0.0.0")),
  /** DATABASE_URL: `sqlite:<path>`, `sqlite::memory:` or `postgres://...`. */
  database: setting(
    "DATABASE_URL",
    z
      .string()
      .regex(
        /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
        "must be sqlite:<path>, sqlite::memory: or postgres://...",
      )
      .default("sqlite:./data/parley.db")
      .transform(databaseOf),
  ),
  /** REDIS_URL: when set, instances fan out through Redis and share rate limits. */
  redisUrl: setting(
    "REDIS_URL",
    z
      .string()
      .regex(/^rediss?:\/\/.+/, "must be redis://... or rediss://...")
      .optional()
      .transform(orNull),
  ),
  /**
   * TOKEN_SECRET signs session tokens; at least 32 characters; required in production. When
   * unset elsewhere, main.ts generates one once and keeps it in the data folder.
   */
  tokenSecret: setting(
    "TOKEN_SECRET",
    z.string().min(32, "must be at least 32 characters").optional().transform(orNull),
  ),
  /** LOG_LEVEL of pino. */
  logLevel: setting(
    "LOG_LEVEL",
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  /** ALLOWED_ORIGINS: origins whose pages may embed Parley; the server's own is always allowed. */
  allowedOrigins: setting("ALLOWED_ORIGINS", origins.default([])),
  /** SSO_SECRET: HS256 secret of the host site's single sign-on tokens; null: single sign-on off. */
  ssoSecret: setting(
    "SSO_SECRET",
    z.string().min(32, "must be at least 32 characters").optional().transform(orNull),
  ),
  /**
   * SSO_MAX_AGE_SECONDS: seconds a host token is accepted after its `iat`, whatever its `exp`
   * says (default a day); a socket signed in with it drops to anonymous then too.
   */
  ssoMaxAgeSeconds: setting(
    "SSO_MAX_AGE_SECONDS",
    digits
      .pipe(
        z
          .number()
          .int()
          .min(1)
          .max(365 * 24 * 3600),
      )
      .default(24 * 3600),
  ),
  /** Milliseconds an author may edit a comment after posting it (EDIT_WINDOW_SECONDS, seconds). */
  editWindowMs: setting(
    "EDIT_WINDOW_SECONDS",
    count(10 * 365 * 24 * 3600)
      .default(900)
      .transform((seconds) => seconds * 1000),
  ),
  /** Write and read rates; 0 in any of them: no limit. */
  rateLimits: {
    /** Comments per user per minute (RATE_LIMIT_COMMENTS). */
    commentsPerUserPerMinute: setting("RATE_LIMIT_COMMENTS", count().default(10)),
    /** Comments per client IP per minute (RATE_LIMIT_COMMENTS_PER_IP). */
    commentsPerIpPerMinute: setting("RATE_LIMIT_COMMENTS_PER_IP", count().default(60)),
    /** Guest sessions per client IP per hour (RATE_LIMIT_SESSIONS_PER_IP). */
    sessionsPerIpPerHour: setting("RATE_LIMIT_SESSIONS_PER_IP", count().default(30)),
    /** Votes and reports per user per minute, each a write and a live event (RATE_LIMIT_VOTES). */
    votesPerUserPerMinute: setting("RATE_LIMIT_VOTES", count().default(60)),
    /** "Notify of" changes (subscription writes) per user per minute (RATE_LIMIT_SUBSCRIPTIONS). */
    subscriptionsPerUserPerMinute: setting("RATE_LIMIT_SUBSCRIPTIONS", count().default(30)),
    /**
     * Read units per client IP per minute (READ_BUDGET_PER_IP): every read that reaches the store
     * (a threads page not served from the cache, a join with `after`, a changes or replies page)
     * costs 1 plus 1 per 32 KiB it returns.
     */
    readUnitsPerIpPerMinute: setting("READ_BUDGET_PER_IP", count().default(600)),
    /** The same budget per socket, for joins with `after` (READ_BUDGET_PER_SOCKET). */
    readUnitsPerSocketPerMinute: setting("READ_BUDGET_PER_SOCKET", count().default(120)),
  },
  /** Bytes of anonymous first pages kept in memory, entries weighed at 3x their JSON. */
  firstPageCacheBytes: setting(
    "FIRST_PAGE_CACHE_BYTES",
    count(4 * 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  ),
  /** The read gate (server/domain/read-gate.ts) in front of store reads for clients. */
  readGate: {
    /**
     * Store reads for clients (thread pages, catch-up, replies) running at once on an instance
     * (READ_GATE_CONCURRENCY); 0 there, null here: by store (SQLite 1, PostgreSQL 4).
     */
    concurrency: setting(
      "READ_GATE_CONCURRENCY",
      count(64)
        .default(0)
        .transform((n) => (n === 0 ? null : n)),
    ),
    /** Client reads waiting for the gate; past it: 503 `unavailable` + Retry-After. */
    queue: setting("READ_GATE_QUEUE", count(100_000).default(64)),
  },
  /** Whether NODE_ENV is `production` (`development` and `test` are the others). */
  production: setting(
    "NODE_ENV",
    z
      .enum(["development", "production", "test"])
      .default("development")
      .transform((env) => env === "production"),
  ),
  /** Which proxies' X-Forwarded-For to believe: false, a hop count, or addresses/CIDRs. */
  trustProxy: setting("TRUST_PROXY", trustProxy.default(false)),
  /** Whether guests may create sessions and comment (GUESTS_ALLOWED). */
  guestsAllowed: setting("GUESTS_ALLOWED", bool.default(true)),
  /** Site-wide moderation. */
  moderation: {
    /** MODERATION_MODE: `post` publishes then reviews on report; `pre` holds every comment. */
    mode: setting("MODERATION_MODE", z.enum(["post", "pre"]).default("post")),
    /** BANNED_WORDS, comma-separated: whole words, case- and accent-insensitive. */
    bannedWords: setting("BANNED_WORDS", list.default([])),
    /** What a banned word does to a comment: hold it for review, or reject it. */
    bannedWordsAction: setting("BANNED_WORDS_ACTION", z.enum(["hold", "reject"]).default("hold")),
  },
  /** Milliseconds for the whole shutdown (requests, sockets, Redis, store); past it, exit 1. */
  shutdownTimeoutMs: setting("SHUTDOWN_TIMEOUT_MS", count(600_000).default(10_000)),
  /**
   * ACCOUNT_DELETION, what deleting an account does to the person's comments: `remove` erases
   * their words (each becomes a removed placeholder that keeps replies in place); `anonymize`
   * keeps the words under the name "Deleted user". Either way name, email, sessions,
   * subscriptions and notifications go.
   */
  accountDeletion: setting("ACCOUNT_DELETION", z.enum(["anonymize", "remove"]).default("remove")),
  /** Concurrent Socket.IO connections per client IP (MAX_SOCKETS_PER_IP); 0: no limit. */
  maxSocketsPerIp: setting("MAX_SOCKETS_PER_IP", count().default(50)),
  /** Events a socket may send per second before it is told and then disconnected; 0: no limit. */
  socketEventsPerSecond: setting("SOCKET_EVENTS_PER_SECOND", count().default(20)),
  /**
   * Milliseconds between presence rounds ("N reading now", PRESENCE_INTERVAL_MS): at most one
   * `presence:updated` per article per round, and with Redis one pipeline per round; 0: presence
   * is off (no events, no `readers` in the join ack).
   */
  presenceIntervalMs: setting("PRESENCE_INTERVAL_MS", count(60_000).default(1_000)),
  /** Who may read /metrics, and where. */
  metrics: {
    /** METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`. */
    token: setting(
      "METRICS_TOKEN",
      z.string().min(16, "must be at least 16 characters").optional().transform(orNull),
    ),
    /** METRICS_PORT: when set, /metrics is served on this port (a second listener), not on PORT. */
    port: setting("METRICS_PORT", portNumber.optional().transform(orNull)),
  },
  /** Node HTTP server timeouts, so slow clients cannot hold connections. */
  httpTimeouts: {
    /** Milliseconds a client may take to send a request's headers (slow-loris bound). */
    headersMs: setting("HTTP_HEADERS_TIMEOUT_MS", timeoutMs.default(10_000)),
    /** Milliseconds a client may take to send a whole request, body included. */
    requestMs: setting("HTTP_REQUEST_TIMEOUT_MS", timeoutMs.default(30_000)),
    /** Milliseconds an idle keep-alive connection stays open waiting for the next request. */
    keepAliveMs: setting("HTTP_KEEP_ALIVE_TIMEOUT_MS", timeoutMs.default(5_000)),
  },
  /** Email; `smtpUrl` null means no relay (in development, messages are captured). */
  mail: {
    /** SMTP_URL, smtp(s)://user:pass@host:port of the mail relay; null: no email (dev: /dev/mail). */
    smtpUrl: setting(
      "SMTP_URL",
      z
        .string()
        .regex(/^smtps?:\/\/.+/, "must be smtp://... or smtps://...")
        .optional()
        .transform(orNull),
    ),
    /** MAIL_FROM: the From of every message Parley sends. */
    from: setting("MAIL_FROM", z.string().min(3).max(254).default("Parley <parley@localhost>")),
    /**
     * PUBLIC_URL, the public base URL of this server (without trailing slashes): links in
     * messages (confirm, unsubscribe) start with it; null: http://localhost:<port>.
     */
    publicUrl: setting(
      "PUBLIC_URL",
      z
        .string()
        .refine((u) => /^https?:\/\/[^/]+/.test(u) && URL.canParse(u), "must be an http(s) URL")
        .optional()
        .transform((url) => url?.replace(/\/+$/, "") ?? null),
    ),
    /** Milliseconds a notification must stay unread before it is mailed (EMAIL_DELAY_SECONDS). */
    delayMs: setting(
      "EMAIL_DELAY_SECONDS",
      count(7 * 24 * 3600)
        .default(300)
        .transform((seconds) => seconds * 1000),
    ),
  },
  /** Signed webhooks (Standard Webhooks). */
  webhooks: {
    /** WEBHOOK_URLS, comma-separated http(s) URLs that receive webhooks; empty: no webhooks. */
    urls: setting(
      "WEBHOOK_URLS",
      list.pipe(z.array(z.string().refine(isHttpUrl, "each URL must be http(s)"))).default([]),
    ),
    /** WEBHOOK_SECRET, `whsec_` + base64: the key that signs webhooks. */
    secret: setting(
      "WEBHOOK_SECRET",
      z
        .string()
        .regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, "must be whsec_ followed by base64 (16+ bytes)")
        .optional()
        .transform(orNull),
    ),
  },
  /** The outbox of mail and webhooks. */
  outbox: {
    /** Milliseconds between two looks at the outbox (and at notifications due for email). */
    pollMs: setting("OUTBOX_POLL_MS", count(3_600_000).default(1000)),
    /**
     * Milliseconds an instance holds a claimed message (OUTBOX_LEASE_SECONDS, seconds, 1 to an
     * hour); after it, another instance may send it.
     */
    leaseMs: setting(
      "OUTBOX_LEASE_SECONDS",
      digits
        .pipe(z.number().int().min(1, "must be >= 1").max(3600))
        .default(60)
        .transform((seconds) => seconds * 1000),
    ),
    /** Attempts before an outbox message is dead-lettered. */
    maxAttempts: setting("OUTBOX_MAX_ATTEMPTS", count(100).default(8)),
  },
};

/**
 * The environment schema: every variable of `settings`, parsed and converted, then the rules
 * between variables. Issues name variables, which is what an operator sets.
 */
export const envSchema = z.object(envShape(settings)).superRefine((env, ctx) => {
  // Values here are already converted to the Config's (NODE_ENV is `production`, unset is null).
  // zod runs this even when a value failed its own check (it then holds what the check saw, such
  // as "staging"), so each rule looks only at values that passed theirs.
  if (env.NODE_ENV === true && env.TOKEN_SECRET === null) {
    ctx.addIssue({
      code: "custom",
      path: ["TOKEN_SECRET"],
      message: "is required when NODE_ENV=production",
    });
  }
  // Node refuses a headers timeout longer than the request timeout it is part of.
  const headersMs = env.HTTP_HEADERS_TIMEOUT_MS;
  const requestMs = env.HTTP_REQUEST_TIMEOUT_MS;
  if (validTimeout(headersMs) && validTimeout(requestMs) && headersMs > requestMs) {
    ctx.addIssue({
      code: "custom",
      path: ["HTTP_HEADERS_TIMEOUT_MS"],
      message: "must not exceed HTTP_REQUEST_TIMEOUT_MS",
    });
  }
  if (env.METRICS_PORT !== null && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    ctx.addIssue({ code: "custom", path: ["METRICS_PORT"], message: "must differ from PORT" });
  }
  // Only once the URLs themselves are good: one bad variable is blamed, not two.
  if (env.WEBHOOK_URLS.length > 0 && env.WEBHOOK_URLS.every(isHttpUrl) && !env.WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["WEBHOOK_SECRET"],
      message: "is required when WEBHOOK_URLS is set",
    });
  }
  // One secret for both would let a host's token pass as a Parley session of any user.
  if (env.SSO_SECRET !== null && env.SSO_SECRET === env.TOKEN_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["SSO_SECRET"],
      message: "must differ from TOKEN_SECRET",
    });
  }
});

/** The environment, parsed, as the Config: `settings`' values in `settings`' shape. */
export const configSchema = envSchema.transform((env) => valueOf(settings, env));

/** The typed configuration every part receives; built from the environment only in main.ts. */
export type Config = z.output<typeof configSchema>;
