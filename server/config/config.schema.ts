/**
 * Parley's whole configuration as one zod schema over the environment. Every key has its default
 * and unit here; the README's configuration table is checked against this file by a test.
 */
import { z } from "zod";

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
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Take the client IP from X-Forwarded-For (only behind a trusted load balancer). */
    TRUST_PROXY: bool.default(false),
    /** Whether guests may create sessions and comment. */
    GUESTS_ALLOWED: bool.default(true),
    /** Site-wide moderation: `post` publishes then reviews on report; `pre` holds every comment. */
    MODERATION_MODE: z.enum(["post", "pre"]).default("post"),
    /** Comma-separated banned words (whole words, case- and accent-insensitive). */
    BANNED_WORDS: list.default([]),
    /** What a banned word does to a comment: hold it for review, or reject it. */
    BANNED_WORDS_ACTION: z.enum(["hold", "reject"]).default("hold"),
    /** Milliseconds a shutdown waits for sockets and requests before exiting anyway. */
    SHUTDOWN_TIMEOUT_MS: count(600_000).default(10_000),
    /** Concurrent Socket.IO connections per client IP; 0: no limit. */
    MAX_SOCKETS_PER_IP: count().default(50),
    /** Events a socket may send per second before it is told and then disconnected; 0: no limit. */
    SOCKET_EVENTS_PER_SECOND: count().default(20),
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
  editWindowMs: number;
  rateLimits: {
    commentsPerUserPerMinute: number;
    commentsPerIpPerMinute: number;
    sessionsPerIpPerHour: number;
    votesPerUserPerMinute: number;
  };
  production: boolean;
  trustProxy: boolean;
  guestsAllowed: boolean;
  moderation: { mode: "post" | "pre"; bannedWords: string[]; bannedWordsAction: "hold" | "reject" };
  shutdownTimeoutMs: number;
  maxSocketsPerIp: number;
  socketEventsPerSecond: number;
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
