/**
 * Every Redis key and channel name Parley uses, built here from one prefix, so that several
 * deployments (or test files) can share one Redis without hearing each other.
 */

/** Names derived from one prefix. */
export interface RedisNames {
  /** Prefix of the Socket.IO adapter's pub/sub channels. */
  adapterChannel: string;
  /** The key prefix of one rate limit, e.g. `parley:rl:comments:user`. */
  rateLimit(name: string): string;
  /** An article's presence hash: instance id -> its connections to the article. */
  presence(articleId: string): string;
  /** Sorted set of instances by the time of their last presence round (their heartbeat). */
  presenceInstances: string;
}

/** Default prefix of every key and channel. */
const defaultRedisPrefix = "parley";

export function redisNames(prefix: string = defaultRedisPrefix): RedisNames {
  return {
    adapterChannel: `${prefix}:socket.io`,
    rateLimit: (name) => `${prefix}:${name}`,
    presence: (articleId) => `${prefix}:presence:${articleId}`,
    presenceInstances: `${prefix}:presence-instances`,
  };
}
