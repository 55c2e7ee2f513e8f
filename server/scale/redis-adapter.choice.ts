/**
 * Which `@socket.io/redis-adapter` carries events between instances. Both were measured on
 * these machines (docs/scaling.md); "classic" is the default for the reasons given there.
 * - classic (`createAdapter`): every instance pattern-subscribes to all rooms' channels; a
 *   broadcast is delivered locally at once and published without waiting.
 * - sharded (`createShardedAdapter`, dynamic subscriptions, Redis 7 SPUBLISH/SSUBSCRIBE): one
 *   channel per room, subscribed only where a reader is; a broadcast is delivered locally only
 *   after its publish is answered. The way past one Redis (Redis Cluster).
 */
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import type { ServerOptions } from "socket.io";
import type { RedisClient } from "./redis-clients.js";

/** The two adapters Parley knows how to run. */
export type AdapterKind = "classic" | "sharded";

/** The default, as measured (docs/scaling.md). */
export const defaultAdapterKind: AdapterKind = "classic";

/** The adapter factory for Socket.IO; `channelPrefix` keeps deployments on one Redis apart. */
export function redisAdapter(
  kind: AdapterKind,
  pub: RedisClient,
  sub: RedisClient,
  channelPrefix: string,
): ServerOptions["adapter"] {
  return kind === "sharded"
    ? createShardedAdapter(pub, sub, { channelPrefix, subscriptionMode: "dynamic" })
    : createAdapter(pub, sub, { key: channelPrefix });
}
