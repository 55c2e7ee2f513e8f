/**
 * The presence board on Redis. Each article has a hash `<prefix>:presence:<articleId>` of
 * instance id -> that instance's connections; each instance beats in a sorted set
 * `<prefix>:presence-instances` (score: the time of its last round). A total sums the fields of
 * instances that beat within `staleAfterMs`, so a crashed instance's readers drop out within
 * seconds without anyone cleaning up after it; its fields are deleted lazily by whoever reads them.
 *
 * One round is one pipeline: a heartbeat, the live instances, and per article of the round an
 * HSET (or HDEL) of this instance's count and an HGETALL. The tracker bounds the articles per
 * round, so the Redis work per interval is bounded however many sockets join.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { PresenceBoard } from "../realtime/presence-board.js";
import type { RedisClient } from "./redis-clients.js";
import type { RedisNames } from "./redis-names.js";

/** An article's hash outlives its last write this long (an article nobody reads goes away). */
const HASH_TTL_MS = 5 * 60_000;
/** How long a stop waits for its goodbye (ZREM) before going anyway. */
const CLOSE_WAIT_MS = 500;

export interface RedisPresenceOptions {
  /** An instance that has not beaten this long is counted as gone. */
  staleAfterMs: number;
  /** This instance's field name; default a random UUID (a restart is a new instance). */
  instanceId?: string;
  now?: () => number;
}

const fieldsSchema = z.record(z.string(), z.string());
const idsSchema = z.array(z.string());

/** Creates the board; it uses `pub` (commands) only. */
export function redisPresenceBoard(
  pub: RedisClient,
  names: RedisNames,
  options: RedisPresenceOptions,
): PresenceBoard {
  const id = options.instanceId ?? randomUUID();
  const now = options.now ?? Date.now;
  // Fields of gone instances seen in the last round, deleted in the next one (bounded by it).
  let stale: { key: string; field: string }[] = [];

  return {
    async sync({ local }) {
      const at = now();
      const pipeline = pub.multi();
      pipeline.zAdd(names.presenceInstances, { score: at, value: id });
      pipeline.zRemRangeByScore(names.presenceInstances, "-inf", at - 10 * options.staleAfterMs);
      pipeline.zRangeByScore(names.presenceInstances, at - options.staleAfterMs, "+inf");
      let commands = 3;
      for (const { key, field } of stale) {
        pipeline.hDel(key, field);
        commands++;
      }
      stale = [];
      // Where each article's HGETALL reply will be.
      const read: { articleId: string; reply: number }[] = [];
      for (const [articleId, readers] of local) {
        const key = names.presence(articleId);
        if (readers === 0) {
          pipeline.hDel(key, id);
          commands++;
          continue;
        }
        pipeline.hSet(key, id, String(readers));
        pipeline.pExpire(key, HASH_TTL_MS);
        pipeline.hGetAll(key);
        commands += 3;
        read.push({ articleId, reply: commands - 1 });
      }
      const replies: unknown[] = await pipeline.execAsPipeline();
      const live = new Set(idsSchema.parse(replies[2]));
      live.add(id);
      const totals = new Map<string, number>();
      read.forEach(({ articleId, reply }) => {
        let total = 0;
        for (const [field, value] of Object.entries(fieldsSchema.parse(replies[reply] ?? {}))) {
          if (live.has(field)) total += Number(value) || 0;
          else stale.push({ key: names.presence(articleId), field });
        }
        totals.set(articleId, total);
      });
      return totals;
    },
    async close() {
      // Best effort, and never long: a Redis that is away or slow lets the heartbeat run out
      // instead, and a stop must not wait on it.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        pub.zRem(names.presenceInstances, id).catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
      ]);
      clearTimeout(timer);
    },
  };
}
