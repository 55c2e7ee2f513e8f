/**
 * Parley's whole configuration as one zod schema over the environment. Every key has its default
 * and unit here; the README's configuration table is checked against this file by a test.
 */
import { z } from "zod";
import { compileTrust, type TrustProxy } from "../http/client-ip.js";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
/** A whole number written in plain decimal digits: " ", "0x10" and "1e3" are mistakes, not numbers. */
const digits = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, "must be a whole number")
  .transform(Number);
const count = (max = 1_000_000) => digits.pipe(z.number().int().min(0).max(max));

/** Comma-separated list, blanks dropped. */
const list = z.string().transform((s) =>
  s
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean),
);

/** An absolute http: or https: URL. */
function isHttpUrl(u: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(u).protocol);
  } catch {
    return false;
  }
}

const origins = list.pipe(
  z.array(
    z.string().refine((o) => {
      try {
        return new URL(o).origin === o;
      } catch {
        return false;
      }
    }, "each origin must look like https://news.example (scheme, host, optional port; no path)"),
  ),
);

/**
 * TRUST_PROXY: `false`/`0` trusts no proxy; a hop count trusts that many proxies in front of
 * Parley (`true`, as earlier versions took it, is one hop); otherwise comma-separated addresses,
 * CIDRs or proxy-addr names (`loopback`, `linklocal`, `uniquelocal`) of the trusted proxies.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === "false") return false;
    if (value === "true") return { hops: 1 };
    if (/^\d{1,3}$/.test(value)) return Number(value) === 0 ? false : { hops: Number(value) };
    const addresses = value
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    try {
      compileTrust({ addresses });
      return { addresses };
    } catch {
      ctx.addIssue({
        code: "custom",
        message:
          "must be false, a hop count, or comma-separated proxy addresses/CIDRs (loopback, 10.0.0.0/8, ...)",
      });
      return z.NEVER;
    }
  });

/** Milliseconds, from 1 ms to 10 minutes. */
const timeoutMs = digits.pipe(z.number().int().min(1).max(600_000));
const validTimeout = (ms: number) => Number.isInteger(ms) && ms >= 1 && ms <= 600_000;

export const envSchema = z
  .object({
    /** Listen port. */
    PORT: digits.pipe(z.number().int().min(0).max(65535)).default(3000),
    /** Listen address. */
    HOST: z.string().min(1).default("0.0.0.0"),
    /** `sqlite:<path>`, `sqlite::memory:` or `postgres://...`. */
    DATABASE_URL: z
      .string()
      .regex(
        /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
        "must be sqlite:<path>, sqlite::memory: or postgres://...",
      )
      .default("sqlite:./data/parley.db"),
    /** When set, instances fan out through Redis and share rate limits. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, "must be redis://... or rediss://...")
      .optional(),
    /** Signs session tokens; required in production; at least 32 characters. */
    TOKEN_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    /** Origins whose pages may embed Parley; the server's own origin is always allowed. */
    ALLOWED_ORIGINS: origins.default([]),
    /** HS256 secret of the host site's single sign-on tokens; unset: single sign-on off. */
    SSO_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /**
     * Seconds a host token is accepted after its `iat`, whatever its `exp` says (default a day);
     * a socket signed in with it drops to anonymous then too.
     */
    SSO_MAX_AGE_SECONDS: digits
      .pipe(
        z
          .number()
          .int()
          .min(1)
          .max(365 * 24 * 3600),
      )
      .default(24 * 3600),
    /** Seconds an author may edit a comment after posting it. */
    EDIT_WINDOW_SECONDS: count(10 * 365 * 24 * 3600).default(900),
    /** Comments per user per minute; 0: no limit. */
    RATE_LIMIT_COMMENTS: count().default(10),
    /** Comments per client IP per minute; 0: no limit. */
    RATE_LIMIT_COMMENTS_PER_IP: count().default(60),
    /** Guest sessions per client IP per hour; 0: no limit. */
    RATE_LIMIT_SESSIONS_PER_IP: count().default(30),
    /** Votes and reports per user per minute (each is a write and a live event); 0: no limit. */
    RATE_LIMIT_VOTES: count().default(60),
    /**
     * Read units per client IP per minute: every read that reaches the store (a threads page not
     * served from the cache, a join with `after`, a changes or replies page) costs 1 plus 1 per
     * 32 KiB it returns; 0: no limit.
     */
    READ_BUDGET_PER_IP: count().default(600),
    /** The same budget per socket (joins with `after`); 0: no limit. */
    READ_BUDGET_PER_SOCKET: count().default(120),
    /**
     * Store reads for clients (thread pages, catch-up, replies) running at once on an instance;
     * 0: by store (SQLite 1, PostgreSQL 4).
     */
    READ_GATE_CONCURRENCY: count(64).default(0),
    /** Client reads waiting for the read gate; past it: 503 `unavailable` + Retry-After. */
    READ_GATE_QUEUE: count(100_000).default(64),
    /** Bytes of anonymous first pages kept in memory (entries weighed at 3x their JSON). */
    FIRST_PAGE_CACHE_BYTES: count(4 * 1024 * 1024 * 1024).default(16 * 1024 * 1024),
    /**
     * What deleting an account does to the person's comments: `remove` erases their words (each
     * becomes a removed placeholder that keeps replies in place); `anonymize` keeps the words
     * under the name "Deleted user". Either way name, email, sessions, subscriptions and
     * notifications go.
     */
    ACCOUNT_DELETION: z.enum(["anonymize", "remove"]).default("remove"),
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Which proxies' X-Forwarded-For to believe: false, a hop count, or addresses/CIDRs. */
    TRUST_PROXY: trustProxy.default(false),
    /** Whether guests may create sessions and comment. */
    GUESTS_ALLOWED: bool.default(true),
    /** Site-wide moderation: `post` publishes then reviews on report; `pre` holds every comment. */
    MODERATION_MODE: z.enum(["post", "pre"]).default("post"),
    /** Comma-separated banned words (whole words, case- and accent-insensitive). */
    BANNED_WORDS: list.default([]),
    /** What a banned word does to a comment: hold it for review, or reject it. */
    BANNED_WORDS_ACTION: z.enum(["hold", "reject"]).default("hold"),
    /** Milliseconds for the whole shutdown (requests, sockets, Redis, store); past it, exit 1. */
    SHUTDOWN_TIMEOUT_MS: count(600_000).default(10_000),
    /** Concurrent Socket.IO connections per client IP; 0: no limit. */
    MAX_SOCKETS_PER_IP: count().default(50),
    /** Events a socket may send per second before it is told and then disconnected; 0: no limit. */
    SOCKET_EVENTS_PER_SECOND: count().default(20),
    /**
     * Milliseconds between presence rounds ("N reading now"): at most one `presence:updated` per
     * article per round, and with Redis one pipeline per round. 0 turns presence off.
     */
    PRESENCE_INTERVAL_MS: count(60_000).default(1_000),
    /** "Notify of" changes (subscription writes) per user per minute; 0: no limit. */
    RATE_LIMIT_SUBSCRIPTIONS: count().default(30),
    /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** When set, /metrics is served on this port (a second listener) and not on PORT. */
    METRICS_PORT: digits.pipe(z.number().int().min(0).max(65535)).optional(),
    /** Milliseconds a client may take to send a request's headers (slow-loris bound). */
    HTTP_HEADERS_TIMEOUT_MS: timeoutMs.default(10_000),
    /** Milliseconds a client may take to send a whole request, body included. */
    HTTP_REQUEST_TIMEOUT_MS: timeoutMs.default(30_000),
    /** Milliseconds an idle keep-alive connection stays open waiting for the next request. */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: timeoutMs.default(5_000),
    /** smtp(s)://user:pass@host:port of the mail relay; unset: no email (dev: captured at /dev/mail). */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, "must be smtp://... or smtps://...")
      .optional(),
    /** The From of every message Parley sends. */
    MAIL_FROM: z.string().min(3).max(254).default("Parley <parley@localhost>"),
    /** The public base URL of this server: links in messages (confirm, unsubscribe) start with it. */
    PUBLIC_URL: z
      .string()
      .refine((u) => /^https?:\/\/[^/]+/.test(u) && URL.canParse(u), "must be an http(s) URL")
      .optional(),
    /** Seconds a notification must stay unread before it is mailed (seen in the bell: no email). */
    EMAIL_DELAY_SECONDS: count(7 * 24 * 3600).default(300),
    /** Comma-separated http(s) URLs that receive signed webhooks; unset: no webhooks. */
    WEBHOOK_URLS: list
      .pipe(z.array(z.string().refine(isHttpUrl, "each URL must be http(s)")))
      .default([]),
    /** `whsec_` + base64 (Standard Webhooks): the key that signs webhooks. */
    WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, "must be whsec_ followed by base64 (16+ bytes)")
      .optional(),
    /** Milliseconds between two looks at the outbox (and at notifications due for email). */
    OUTBOX_POLL_MS: count(3_600_000).default(1000),
    /** Seconds an instance holds a claimed outbox message; after it, another instance may send it. */
    OUTBOX_LEASE_SECONDS: count(3600).default(60),
    /** Attempts before an outbox message is dead-lettered. */
    OUTBOX_MAX_ATTEMPTS: count(100).default(8),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.TOKEN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TOKEN_SECRET"],
        message: "is required when NODE_ENV=production",
      });
    }
    // Node refuses a headers timeout longer than the request timeout it is part of. (zod runs
    // this even when a value failed its own check: compare only two valid values.)
    const headersMs = env.HTTP_HEADERS_TIMEOUT_MS;
    const requestMs = env.HTTP_REQUEST_TIMEOUT_MS;
    if (validTimeout(headersMs) && validTimeout(requestMs) && headersMs > requestMs) {
      ctx.addIssue({
        code: "custom",
        path: ["HTTP_HEADERS_TIMEOUT_MS"],
        message: "must not exceed HTTP_REQUEST_TIMEOUT_MS",
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
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
    if (env.OUTBOX_LEASE_SECONDS < 1) {
      ctx.addIssue({ code: "custom", path: ["OUTBOX_LEASE_SECONDS"], message: "must be >= 1" });
    }
    // One secret for both would let a host's token pass as a Parley session of any user.
    if (env.SSO_SECRET !== undefined && env.SSO_SECRET === env.TOKEN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SSO_SECRET"],
        message: "must differ from TOKEN_SECRET",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** The typed configuration every part receives; built from the environment only in main.ts. */
export interface Config {
  port: number;
  host: string;
  database: { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };
  redisUrl: string | null;
  /** Resolved by main.ts: from the environment, or generated once and kept in the data folder. */
  tokenSecret: string | null;
  logLevel: Env["LOG_LEVEL"];
  allowedOrigins: string[];
  ssoSecret: string | null;
  /** Seconds a host token lives at most after its `iat`. */
  ssoMaxAgeSeconds: number;
  editWindowMs: number;
  rateLimits: {
    commentsPerUserPerMinute: number;
    commentsPerIpPerMinute: number;
    sessionsPerIpPerHour: number;
    votesPerUserPerMinute: number;
    subscriptionsPerUserPerMinute: number;
    readUnitsPerIpPerMinute: number;
    readUnitsPerSocketPerMinute: number;
  };
  firstPageCacheBytes: number;
  /** The read gate (server/domain/read-gate.ts); concurrency null: chosen by the store. */
  readGate: { concurrency: number | null; queue: number };
  production: boolean;
  trustProxy: TrustProxy;
  guestsAllowed: boolean;
  moderation: { mode: "post" | "pre"; bannedWords: string[]; bannedWordsAction: "hold" | "reject" };
  shutdownTimeoutMs: number;
  /** ACCOUNT_DELETION */
  accountDeletion: "anonymize" | "remove";
  maxSocketsPerIp: number;
  socketEventsPerSecond: number;
  /** PRESENCE_INTERVAL_MS; 0: presence is off (no events, no `readers` in the join ack). */
  presenceIntervalMs: number;
  metrics: {
    /** Bearer token /metrics requires; null: none (see `port` and `production`). */
    token: string | null;
    /** A separate listener for /metrics only; null: served on the main port. */
    port: number | null;
  };
  /** Node HTTP server timeouts, so slow clients cannot hold connections. */
  httpTimeouts: { headersMs: number; requestMs: number; keepAliveMs: number };
  mail: MailConfig;
  webhooks: { urls: string[]; secret: string | null };
  outbox: { pollMs: number; leaseMs: number; maxAttempts: number };
}

/** Email settings; `smtpUrl` null means no relay (in development, messages are captured). */
export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  /** Base of links in messages; null: http://localhost:<port>. */
  publicUrl: string | null;
  delayMs: number;
}
