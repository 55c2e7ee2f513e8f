/**
 * Rate limits shared by every instance through Redis (rate-limiter-flexible's RateLimiterRedis
 * over node-redis). While Redis is unreachable each limiter falls back at once to an in-memory
 * insurance limiter with the same points, so limits keep working (per instance, not shared)
 * instead of failing every post.
 */
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { LimiterFactory } from "../domain/rate-limits.js";
import type { RedisClient } from "./redis-clients.js";
import type { RedisNames } from "./redis-names.js";

export function redisLimiterFactory(client: RedisClient, names: RedisNames): LimiterFactory {
  return ({ keyPrefix, points, duration }) =>
    new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      // Straight to the insurance limiter while disconnected, rather than waiting on Redis.
      rejectIfRedisNotReady: true,
      keyPrefix: names.rateLimit(keyPrefix),
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
}
