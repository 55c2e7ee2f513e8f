/**
 * The rate-limit port and its in-memory implementation (rate-limiter-flexible). With Redis the
 * same port is served by Redis-backed limiters so every instance shares the counts.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Config } from "../config/config.schema.js";
import { AppError } from "../core/app-error.js";
import { ipBucket } from "./ip-bucket.js";

/**
 * One limit: `consume(key, points = 1)` resolves while under it and throws AppError("rate_limited")
 * past it (the points are counted either way).
 */
export interface RateLimit {
  consume(key: string, points?: number): Promise<void>;
}

/** Every limit Parley applies, by what it counts. */
export interface RateLimits {
  commentsPerUser: RateLimit;
  commentsPerIp: RateLimit;
  sessionsPerIp: RateLimit;
  /** Votes and reports, together, per user. */
  votesPerUser: RateLimit;
  /** "Notify of" changes per user: each is a write, and `all` makes every later post write more. */
  subscriptionsPerUser: RateLimit;
  /**
   * Reads that reach the store (uncached threads pages, joins with `after`, changes and replies
   * pages), in cost units, per client IP.
   */
  readsPerIp: RateLimit;
  /** The same, per socket; always in memory, as a socket lives on one instance. */
  readsPerSocket: RateLimit;
}

/** A limit of 0 means "no limit", as the configuration table says. */
const unlimited: RateLimit = { consume: () => Promise.resolve() };

/** Wraps a rate-limiter-flexible limiter so callers only ever see the contract's error. */
export function fromLimiter(limiter: RateLimiterAbstract, what: string): RateLimit {
  return {
    async consume(key, points = 1) {
      try {
        await limiter.consume(key, points);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          throw new AppError(
            "rate_limited",
            `Too many ${what}; try again in ${retryAfterSeconds} s`,
            {
              retryAfterSeconds,
            },
          );
        }
        throw rejection;
      }
    },
  };
}

/** Counts a per-address limit by the address's bucket: IPv6 by its /64 (ip-bucket.ts). */
function perAddress(limit: RateLimit): RateLimit {
  return limit === unlimited ? limit : { consume: (ip) => limit.consume(ipBucket(ip)) };
}

/** Factory for one limiter given points per duration; each implementation supplies its own. */
export type LimiterFactory = (opts: {
  keyPrefix: string;
  points: number;
  duration: number;
}) => RateLimiterAbstract;

export const memoryLimiter: LimiterFactory = (opts) => new RateLimiterMemory(opts);

/** Builds every limit from the configuration with the given limiter factory. */
export function createRateLimits(config: Config, make: LimiterFactory = memoryLimiter): RateLimits {
  const limit = (keyPrefix: string, points: number, duration: number, what: string) =>
    points === 0 ? unlimited : fromLimiter(make({ keyPrefix, points, duration }), what);
  const r = config.rateLimits;
  return {
    commentsPerUser: limit("rl:comments:user", r.commentsPerUserPerMinute, 60, "comments"),
    commentsPerIp: perAddress(
      limit("rl:comments:ip", r.commentsPerIpPerMinute, 60, "comments from this address"),
    ),
    sessionsPerIp: perAddress(
      limit("rl:sessions:ip", r.sessionsPerIpPerHour, 3600, "sessions from this address"),
    ),
    votesPerUser: limit("rl:votes:user", r.votesPerUserPerMinute, 60, "votes and reports"),
    subscriptionsPerUser: limit(
      "rl:subscriptions:user",
      r.subscriptionsPerUserPerMinute,
      60,
      "subscription changes",
    ),
    readsPerIp: limit("rl:reads:ip", r.readUnitsPerIpPerMinute, 60, "reads from this address"),
    readsPerSocket:
      r.readUnitsPerSocketPerMinute === 0
        ? unlimited
        : fromLimiter(
            memoryLimiter({
              keyPrefix: "rl:reads:socket",
              points: r.readUnitsPerSocketPerMinute,
              duration: 60,
            }),
            "reads on this connection",
          ),
  };
}
