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
    /**
     * What deleting an account does to the person's comments: `remove` erases their words (each
     * becomes a removed placeholder that keeps replies in place); `anonymize` keeps the words
     * under the name "Deleted user". Either way name, email, sessions, subscriptions and
     * notifications go.
     */
    ACCOUNT_DELETION: z.enum(["anonymize", "remove"]).default("remove"),
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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.TOKEN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TOKEN_SECRET"],
        message: "is required when NODE_ENV=production",
      });
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
  /** ACCOUNT_DELETION */
  accountDeletion: "anonymize" | "remove";
  maxSocketsPerIp: number;
  socketEventsPerSecond: number;
}
