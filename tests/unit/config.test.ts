/**
 * server/config/load-config.ts: defaults, one clear line per bad variable, secrets kept out of
 * messages, explicit zeros kept, production rules, ALLOWED_ORIGINS parsing; and the real process
 * refusing to start on a bad PORT.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../server/config/config.schema.js";
import { ConfigError, loadConfig } from "../../server/config/load-config.js";

const root = new URL("../../", import.meta.url).pathname;
const SECRET = "s3cr3t-value-that-is-long-enough-0123456789";

/** The ConfigError `loadConfig(env)` throws; fails the test when it does not throw one. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

/** A bad value for every variable that can have one. */
const badValues: Record<string, string[]> = {
  PORT: ["abc", "65536", "-1", "3000.5"],
  DATABASE_URL: ["mysql://db/parley", "parley.db"],
  REDIS_URL: ["http://cache:6379", "localhost:6379"],
  TOKEN_SECRET: ["too-short"],
  LOG_LEVEL: ["verbose", "INFO"],
  ALLOWED_ORIGINS: ["https://news.example/path", "news.example", "https://a.example,ftp//b"],
  SSO_SECRET: ["too-short"],
  // 0 would refuse every host token; more than a year is no bound at all.
  SSO_MAX_AGE_SECONDS: ["0", "-1", "a day", "1.5", String(365 * 24 * 3600 + 1)],
  EDIT_WINDOW_SECONDS: ["-1", "ninety", "1.5", String(10 * 365 * 24 * 3600 + 1)],
  RATE_LIMIT_COMMENTS: ["-1", "ten", "2.5"],
  RATE_LIMIT_COMMENTS_PER_IP: ["-1", "many"],
  RATE_LIMIT_SESSIONS_PER_IP: ["-1", "many"],
  RATE_LIMIT_VOTES: ["-1", "1.5"],
  READ_BUDGET_PER_IP: ["-1", "lots"],
  READ_BUDGET_PER_SOCKET: ["1e3"],
  FIRST_PAGE_CACHE_BYTES: ["16MB", "-1"],
  READ_GATE_CONCURRENCY: ["65", "one"],
  READ_GATE_QUEUE: ["-1", "1e3"],
  NODE_ENV: ["staging"],
  TRUST_PROXY: ["yes", "TRUE", "10.0.0.300", "10.0.0.0/33", "loopback,nonsense"],
  GUESTS_ALLOWED: ["no"],
  MODERATION_MODE: ["strict"],
  ACCOUNT_DELETION: ["erase", "Remove"],
  BANNED_WORDS_ACTION: ["delete"],
  SHUTDOWN_TIMEOUT_MS: ["-1", "soon", "600001"],
  MAX_SOCKETS_PER_IP: ["-5", "lots"],
  SOCKET_EVENTS_PER_SECOND: ["fast"],
  PRESENCE_INTERVAL_MS: ["1s", "-1", "60001"],
  RATE_LIMIT_SUBSCRIPTIONS: ["-1", "often"],
  METRICS_TOKEN: ["short"],
  METRICS_PORT: ["65536", "metrics"],
  HTTP_HEADERS_TIMEOUT_MS: ["0", "600001", "ten"],
  HTTP_REQUEST_TIMEOUT_MS: ["0", "1.5"],
  HTTP_KEEP_ALIVE_TIMEOUT_MS: ["0", "-1"],
  SMTP_URL: ["mail.example:25", "http://mail.example"],
  MAIL_FROM: ["x"],
  PUBLIC_URL: ["news.example", "ftp://news.example"],
  EMAIL_DELAY_SECONDS: ["-1", "5m"],
  WEBHOOK_URLS: ["file:///etc/passwd", "javascript:alert(1)"],
  WEBHOOK_SECRET: ["plain-secret", "whsec_!!"],
  OUTBOX_POLL_MS: ["fast"],
  OUTBOX_LEASE_SECONDS: ["0"],
  OUTBOX_MAX_ATTEMPTS: ["-3"],
};
/** Any non-empty text is a valid host name or banned-words list. */
const noBadValue = ["HOST", "BANNED_WORDS"];

describe("loadConfig defaults", () => {
  it("gives the documented defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      database: { kind: "sqlite", path: "./data/parley.db" },
      redisUrl: null,
      tokenSecret: null,
      logLevel: "info",
      allowedOrigins: [],
      ssoSecret: null,
      editWindowMs: 900_000,
      rateLimits: {
        commentsPerUserPerMinute: 10,
        commentsPerIpPerMinute: 60,
        sessionsPerIpPerHour: 30,
      },
      production: false,
      trustProxy: false,
      guestsAllowed: true,
      moderation: { mode: "post", bannedWords: [], bannedWordsAction: "hold" },
      shutdownTimeoutMs: 10_000,
      maxSocketsPerIp: 50,
      socketEventsPerSecond: 20,
      mail: { smtpUrl: null, publicUrl: null, delayMs: 300_000 },
      webhooks: { urls: [], secret: null },
      outbox: { pollMs: 1000, leaseMs: 60_000, maxAttempts: 8 },
    });
  });

  it("refuses webhook URLs without a secret to sign them", () => {
    expect(() => loadConfig({ WEBHOOK_URLS: "https://hooks.example/in" })).toThrow(
      /WEBHOOK_SECRET is required when WEBHOOK_URLS is set/,
    );
  });

  it("treats an empty string as unset, as a blank line in an .env file does", () => {
    expect(loadConfig({ PORT: "", RATE_LIMIT_COMMENTS: "", REDIS_URL: "" })).toMatchObject({
      port: 3000,
      redisUrl: null,
      rateLimits: { commentsPerUserPerMinute: 10 },
    });
  });

  it("reads each kind of database URL", () => {
    expect(loadConfig({ DATABASE_URL: "sqlite::memory:" }).database).toEqual({
      kind: "sqlite",
      path: ":memory:",
    });
    expect(loadConfig({ DATABASE_URL: "sqlite:/var/lib/parley/p.db" }).database).toEqual({
      kind: "sqlite",
      path: "/var/lib/parley/p.db",
    });
    for (const url of ["postgres://u@db:5432/parley", "postgresql://u@db/parley"]) {
      expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: "postgres", url });
    }
  });

  it("converts units: EDIT_WINDOW_SECONDS becomes milliseconds", () => {
    expect(loadConfig({ EDIT_WINDOW_SECONDS: "60" }).editWindowMs).toBe(60_000);
  });
});

describe("loadConfig: bad values", () => {
  it("has a bad-value case for every variable of the schema", () => {
    expect([...Object.keys(badValues), ...noBadValue].sort()).toEqual(
      Object.keys(envSchema.shape).sort(),
    );
  });

  for (const [key, values] of Object.entries(badValues)) {
    for (const value of values) {
      it(`${key}=${JSON.stringify(value)} fails with one line naming ${key}`, () => {
        const error = configError({ [key]: value });
        expect(error.message.split("\n")).toHaveLength(1);
        expect(error.message).toContain(key);
        // Only the bad variable is blamed.
        for (const other of Object.keys(badValues)) {
          if (other !== key && !key.includes(other)) expect(error.message).not.toContain(other);
        }
      });
    }
  }

  it("names every bad variable at once, still on one line", () => {
    const error = configError({ PORT: "abc", LOG_LEVEL: "loud", RATE_LIMIT_COMMENTS: "-3" });
    expect(error.message.split("\n")).toHaveLength(1);
    for (const key of ["PORT", "LOG_LEVEL", "RATE_LIMIT_COMMENTS"]) {
      expect(error.message).toContain(key);
    }
  });

  it("never echoes a secret, bad or good", () => {
    for (const key of ["TOKEN_SECRET", "SSO_SECRET"]) {
      const bad = "short-secret-xyz";
      const error = configError({ [key]: bad });
      expect(error.message).toContain(key);
      expect(error.message).not.toContain(bad);
      // A good secret next to another bad variable is not echoed either.
      const other = configError({ [key]: SECRET, PORT: "abc" });
      expect(other.message).not.toContain(SECRET);
    }
  });

  // URLs may carry passwords: load-config.ts never echoes a value for a key naming a URL or secret.
  it("never echoes a password inside a malformed DATABASE_URL or REDIS_URL", () => {
    const db = configError({ DATABASE_URL: "postgres:/parley:hunter2@db/parley" });
    const redis = configError({ REDIS_URL: "redis:/:hunter2@cache:6379" });
    expect(db.message).not.toContain("hunter2");
    expect(redis.message).not.toContain("hunter2");
  });

  // The echoed value is escaped, so a value holding a newline cannot split the one line.
  it("stays one line when the bad value holds a newline", () => {
    expect(configError({ PORT: "30\n00" }).message.split("\n")).toHaveLength(1);
  });

  // A blank-looking value is a mistake, not 0: it must not switch a rate limit off.
  it("does not read a white-space value as 0", () => {
    expect(() => loadConfig({ RATE_LIMIT_COMMENTS: " " })).toThrow(ConfigError);
  });
});

describe("loadConfig: explicit values", () => {
  it("keeps an explicit 0 for every rate limit (no limit), never the default", () => {
    const config = loadConfig({
      RATE_LIMIT_COMMENTS: "0",
      RATE_LIMIT_COMMENTS_PER_IP: "0",
      RATE_LIMIT_SESSIONS_PER_IP: "0",
      RATE_LIMIT_VOTES: "0",
      RATE_LIMIT_SUBSCRIPTIONS: "0",
      READ_BUDGET_PER_IP: "0",
      READ_BUDGET_PER_SOCKET: "0",
      MAX_SOCKETS_PER_IP: "0",
      SOCKET_EVENTS_PER_SECOND: "0",
      PRESENCE_INTERVAL_MS: "0",
      EDIT_WINDOW_SECONDS: "0",
      PORT: "0",
    });
    expect(config.rateLimits).toEqual({
      commentsPerUserPerMinute: 0,
      commentsPerIpPerMinute: 0,
      sessionsPerIpPerHour: 0,
      votesPerUserPerMinute: 0,
      subscriptionsPerUserPerMinute: 0,
      readUnitsPerIpPerMinute: 0,
      readUnitsPerSocketPerMinute: 0,
    });
    expect(config).toMatchObject({
      maxSocketsPerIp: 0,
      socketEventsPerSecond: 0,
      presenceIntervalMs: 0,
      editWindowMs: 0,
      port: 0,
    });
  });

  it("reads TRUST_PROXY as off, a hop count, or trusted proxy addresses", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
    // Earlier versions took a boolean: `true` and `1` now mean the one balancer in front.
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toEqual({ hops: 1 });
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::1" }).trustProxy).toEqual({
      addresses: ["loopback", "10.0.0.0/8", "fd00::1"],
    });
  });

  it("reads the metrics guard and the HTTP timeouts, and keeps them consistent", () => {
    expect(loadConfig({})).toMatchObject({
      metrics: { token: null, port: null },
      httpTimeouts: { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 },
    });
    const config = loadConfig({
      METRICS_TOKEN: "m".repeat(20),
      METRICS_PORT: "9100",
      HTTP_HEADERS_TIMEOUT_MS: "2000",
      HTTP_REQUEST_TIMEOUT_MS: "4000",
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "1000",
    });
    expect(config).toMatchObject({
      metrics: { token: "m".repeat(20), port: 9100 },
      httpTimeouts: { headersMs: 2000, requestMs: 4000, keepAliveMs: 1000 },
    });
    expect(
      configError({ HTTP_HEADERS_TIMEOUT_MS: "5000", HTTP_REQUEST_TIMEOUT_MS: "4000" }).message,
    ).toContain("HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS");
    expect(configError({ PORT: "3000", METRICS_PORT: "3000" }).message).toContain("METRICS_PORT");
  });

  it("refuses NODE_ENV=production without TOKEN_SECRET, naming TOKEN_SECRET", () => {
    const error = configError({ NODE_ENV: "production" });
    expect(error.message).toContain("TOKEN_SECRET");
    expect(error.message.split("\n")).toHaveLength(1);
    const config = loadConfig({ NODE_ENV: "production", TOKEN_SECRET: SECRET });
    expect(config.production).toBe(true);
    expect(config.tokenSecret).toBe(SECRET);
  });

  it("parses ALLOWED_ORIGINS: commas, spaces and blanks, ports kept", () => {
    expect(
      loadConfig({
        ALLOWED_ORIGINS: " https://news.example , http://localhost:5173,,https://b.example:8443 ",
      }).allowedOrigins,
    ).toEqual(["https://news.example", "http://localhost:5173", "https://b.example:8443"]);
    expect(loadConfig({ ALLOWED_ORIGINS: " , " }).allowedOrigins).toEqual([]);
  });

  it("rejects an origin with a path or a trailing slash, naming ALLOWED_ORIGINS", () => {
    for (const value of ["https://news.example/", "https://news.example/comments", "*"]) {
      expect(configError({ ALLOWED_ORIGINS: value }).message).toContain("ALLOWED_ORIGINS");
    }
  });

  it("parses booleans, lists and choices", () => {
    const config = loadConfig({
      TRUST_PROXY: "true",
      GUESTS_ALLOWED: "false",
      MODERATION_MODE: "pre",
      BANNED_WORDS: "spam, scam ,,eggs",
      BANNED_WORDS_ACTION: "reject",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      trustProxy: { hops: 1 },
      guestsAllowed: false,
      moderation: {
        mode: "pre",
        bannedWords: ["spam", "scam", "eggs"],
        bannedWordsAction: "reject",
      },
      logLevel: "debug",
    });
  });
});

describe("server/main.ts with a bad PORT", () => {
  it("exits non-zero with exactly one stderr line naming PORT", async () => {
    const child = spawn("npx", ["tsx", "server/main.ts"], {
      cwd: root,
      // A clean environment, so nothing else in the caller's can be the bad value.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: "abc" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    const lines = stderr.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(1);
    expect(stderr.endsWith("\n")).toBe(true);
    expect(lines[0]).toContain("PORT");
    expect(lines[0]).toContain("abc");
  });
});
