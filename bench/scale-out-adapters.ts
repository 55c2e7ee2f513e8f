/**
 * `npx tsx bench/scale-out-adapters.ts [--runs=3]`: the figures behind the choice of Redis adapter
 * in docs/scaling.md. Needs a local PostgreSQL and `redis-server`. For each adapter (classic,
 * sharded) and run: three in-process instances on one fresh database and one private Redis,
 * four readers on each; 300 comments posted at once across the three to one article (burst), then
 * Redis killed while instance 1 keeps posting (outage) and started again (recovery).
 * Never part of `npm test`.
 */
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { parseScriptArgs } from "../server/cli/cli-command.js";
import type { AdapterKind } from "../server/scale/redis-adapter.choice.js";
import type { Comment } from "../shared/schemas.js";
import { api, guest, waitFor } from "../tests/helpers/clients.js";
import { createTestDatabase } from "../tests/helpers/postgres.js";
import { startRedisServer, type TestRedis } from "../tests/helpers/redis-server.js";
import {
  holdsAll,
  type Reader,
  type ScaledInstance,
  startReader,
  startScaledInstance,
} from "../tests/helpers/scale-out.js";

const usage = "usage: npx tsx bench/scale-out-adapters.ts [--runs=N]   (N: 1 to 20, default 3)";
const { values } = parseScriptArgs(usage, {
  args: process.argv.slice(2),
  options: { runs: { type: "string", default: "3" } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
  process.stderr.write(`--runs must be a whole number from 1 to 20\n\n${usage}\n`);
  process.exit(2);
}
const COMMENTS = 300;
const READERS_PER_INSTANCE = 4;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Per reader: when each comment id arrived live. */
function arrivals(reader: Reader): Map<string, number> {
  const at = new Map<string, number>();
  reader.socket.on("comment:created", (c: Comment) => at.set(c.id, performance.now()));
  return at;
}

/** Bytes Redis has sent and commands it has run so far (INFO stats). */
async function redisStats(redis: TestRedis) {
  const client = createClient({ url: redis.url });
  client.on("error", () => undefined);
  await client.connect();
  const info = await client.info("stats");
  client.destroy();
  const field = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? NaN);
  return { out: field("total_net_output_bytes"), commands: field("total_commands_processed") };
}

async function readyzStatus(instance: ScaledInstance): Promise<number> {
  return (await api(instance.url, "GET", "/readyz")).status;
}

async function oneRun(kind: AdapterKind, redis: TestRedis) {
  const db = await createTestDatabase();
  const keyPrefix = `bench-${randomBytes(4).toString("hex")}`;
  const instances = await Promise.all(
    [0, 1, 2].map(() =>
      startScaledInstance({ databaseUrl: db.url, redisUrl: redis.url, keyPrefix, adapter: kind }),
    ),
  );
  const readers: Reader[] = [];
  for (const instance of instances) {
    for (let i = 0; i < READERS_PER_INSTANCE; i++) {
      readers.push(await startReader(instance.url, "bench"));
    }
  }
  const arrived = readers.map(arrivals);
  const posters = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => guest(instances[i % 3]!.url)));

  const before = await redisStats(redis);
  // Burst: 300 at once; delivery lag = arrival at a reader - that post's ack at the poster.
  const ackAt = new Map<string, number>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: COMMENTS }, async (_, i) => {
      const res = await api(instances[i % 3]!.url, "POST", "/api/articles/bench/comments", {
        token: posters[i % 6]!.token,
        body: { body: `bench ${i}` },
      });
      if (res.status !== 201) throw new Error(`post failed: ${res.status}`);
      ackAt.set((res.json as { comment: Comment }).comment.id, performance.now());
    }),
  );
  const ids = [...ackAt.keys()];
  await waitFor("burst delivered", () => readers.every((r) => holdsAll(r, ids)), 60_000);
  const after = await redisStats(redis);
  const redisOutKiB = (after.out - before.out) / 1024;
  const redisCommands = after.commands - before.commands;
  const burstMs = Math.max(...arrived.flatMap((m) => [...m.values()])) - start;
  const lags = arrived.flatMap((m) => [...m].map(([id, t]) => t - (ackAt.get(id) ?? t)));
  const ordered = readers.every((r) => r.liveSeqs.every((s, i, a) => i === 0 || a[i - 1]! < s));
  const duplicates = readers.reduce((n, r) => n + r.duplicates, 0);

  // Outage: instance 1 posts one at a time while Redis is gone; its own readers must stay live.
  const killedAt = performance.now();
  await redis.stop();
  while ((await readyzStatus(instances[0]!)) !== 503);
  const detectMs = performance.now() - killedAt;
  const outagePostMs: number[] = [];
  const outageLocalLagMs: number[] = [];
  const outageIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const sent = performance.now();
    const res = await api(instances[0]!.url, "POST", "/api/articles/bench/comments", {
      token: posters[0]!.token,
      body: { body: `outage ${i}` },
    });
    if (res.status !== 201) throw new Error(`outage post failed: ${res.status}`);
    outagePostMs.push(performance.now() - sent);
    const id = (res.json as { comment: Comment }).comment.id;
    outageIds.push(id);
    const locals = readers.slice(0, READERS_PER_INSTANCE);
    await waitFor("local live delivery", () => locals.every((r) => r.comments.has(id)), 10_000);
    outageLocalLagMs.push(performance.now() - sent);
  }
  await redis.start();
  const backAt = performance.now();
  await waitFor(
    "recovery",
    () => readers.every((r) => holdsAll(r, [...ids, ...outageIds])),
    30_000,
  );
  const recoveryMs = performance.now() - backAt;

  for (const r of readers) r.close();
  await Promise.all(instances.map((i) => i.stop()));
  await db.drop();
  return {
    redisOutKiB,
    redisCommands,
    burstMs,
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
    ordered,
    duplicates,
    detectMs,
    outagePostP50: percentile(outagePostMs, 50),
    outageLocalMax: Math.max(...outageLocalLagMs),
    recoveryMs,
  };
}

const redis = await startRedisServer();
try {
  // Alternating, so that drift on a shared machine hits both adapters alike.
  for (let run = 1; run <= runs; run++) {
    for (const kind of ["classic", "sharded"] as const) {
      const r = await oneRun(kind, redis);
      const f = (n: number) => n.toFixed(0);
      console.log(
        `${kind} run ${run}: Redis sent ${f(r.redisOutKiB)} KiB in ${r.redisCommands} commands; burst ${f(r.burstMs)} ms, lag p50 ${f(r.lagP50)} ms p99 ${f(r.lagP99)} ms, ` +
          `in order ${r.ordered}, duplicates ${r.duplicates}; outage detected in ${f(r.detectMs)} ms, ` +
          `post p50 ${f(r.outagePostP50)} ms, local delivery max ${f(r.outageLocalMax)} ms; ` +
          `recovery ${f(r.recoveryMs)} ms`,
      );
    }
  }
} finally {
  await redis.close();
}
