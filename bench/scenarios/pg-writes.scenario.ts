/**
 * Scenario (i), writes on PostgreSQL: accepted comments per second with two Parley instances on
 * one PostgreSQL database and Redis, rate limits off, autocannon POSTing over HTTP with 50
 * connections (25 per instance; each load in a process of its own), closed loop. Two layouts: every post to one article (the hot
 * case: each post takes that article's row lock for its seq, so posts to it commit one at a time)
 * and posts spread over 10 articles. Parley only: the bare ceiling writes nothing.
 *
 * Where the time goes: server CPU per post (both instances, from /proc), and PostgreSQL's own CPU
 * per post (its backends serving this database, found in pg_stat_activity, from /proc too). The
 * pool is pg's default, 10 connections per instance.
 */
import pg from "pg";
import { autocannonInChild } from "../load/autocannon-child.js";
import { cpuMsOf } from "../servers/processes.js";
import { createPgDatabase, startRedis } from "../servers/services.js";
import { deploy, type ParleyMode } from "../servers/targets.js";

/** One layout's figures. */
interface WriteLoad {
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  serverCpuUsPerPost: number;
  pgCpuUsPerPost: number;
}

/** What one run of (i) measured. */
export interface PgWritesMetrics {
  hotPostsPerSec: number;
  hotP50Ms: number;
  hotP99Ms: number;
  hotServerCpuUsPerPost: number;
  hotPgCpuUsPerPost: number;
  spreadPostsPerSec: number;
  spreadP99Ms: number;
  spreadServerCpuUsPerPost: number;
  spreadPgCpuUsPerPost: number;
  failures: number;
  /**
   * Comments in the database after the run, and 201s seen (warm-up included): a post still in
   * flight when autocannon stops may commit unseen, so stored may exceed accepted by up to the
   * connections, never fall below it.
   */
  stored: number;
  accepted: number;
  poolSize: number;
}

const CONNECTIONS = 50;
const SPREAD_ARTICLES = 10;

/** Pids of PostgreSQL backends connected to `database` (their CPU is the database's share). */
async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1",
      [database],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** CPU ms of the pids still alive (a backend may end between two reads). */
function liveCpuMs(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += cpuMsOf([pid]);
    } catch {
      // gone: its CPU so far is lost to the sum, which only undercounts PostgreSQL
    }
  }
  return sum;
}

async function load(
  targets: { url: string; token: string; origin: string }[],
  durationSec: number,
  serverPids: number[],
  pgPids: () => Promise<number[]>,
): Promise<WriteLoad & { created: number }> {
  const pgBefore = await pgPids();
  const serverBefore = cpuMsOf(serverPids);
  const pgCpuBefore = liveCpuMs(pgBefore);
  const results = await Promise.all(
    targets.map((t) =>
      autocannonInChild({
        url: t.url,
        method: "POST",
        connections: Math.max(1, Math.round(CONNECTIONS / targets.length)),
        duration: durationSec,
        headers: {
          "content-type": "application/json",
          origin: t.origin,
          authorization: `Bearer ${t.token}`,
        },
        body: JSON.stringify({ body: "A comment posted by autocannon, as a reader would post." }),
      }),
    ),
  );
  const serverCpu = cpuMsOf(serverPids) - serverBefore;
  // Backends the pool opened during the run count from zero: their whole life is this load.
  const pgAfter = await pgPids();
  const pgCpu =
    liveCpuMs(pgAfter) - pgCpuBefore + liveCpuMs(pgBefore.filter((p) => !pgAfter.includes(p)));
  const created = results.reduce((sum, r) => sum + r["2xx"], 0);
  const duration = Math.max(...results.map((r) => r.duration));
  const weighted = (pick: (r: (typeof results)[number]) => number) =>
    results.reduce((sum, r) => sum + pick(r) * r["2xx"], 0) / Math.max(1, created);
  return {
    created,
    perSec: created / Math.max(0.001, duration),
    p50Ms: weighted((r) => r.latency.p50),
    // The worst of the loads' p99s: a merged p99 would need their histograms.
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    failures: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    serverCpuUsPerPost: created > 0 ? (serverCpu * 1000) / created : 0,
    pgCpuUsPerPost: created > 0 ? (pgCpu * 1000) / created : 0,
  };
}

/** Runs (i): a warm-up, the hot article, then the spread layout, on one fresh deployment. */
export async function runPgWrites(
  durationSec: number,
  parleyMode: ParleyMode,
): Promise<PgWritesMetrics> {
  const redis = await startRedis();
  const db = await createPgDatabase("writes");
  const adminUrl = new URL(db.url);
  const database = adminUrl.pathname.slice(1);
  adminUrl.pathname = "/postgres";
  const deployment = await deploy("parley", {
    instances: 2,
    parleyMode,
    redisUrl: redis.url,
    databaseUrl: db.url,
  });
  try {
    const serverPids = deployment.instances.map((i) => i.pid);
    const tokens = await deployment.tokens(2);
    const targetsFor = (articles: string[]) =>
      articles.map((articleId, i) => {
        const { baseUrl } = deployment.instances[i % deployment.instances.length]!;
        return {
          url: `${baseUrl}/api/articles/${articleId}/comments`,
          token: tokens[i % tokens.length]!,
          origin: baseUrl,
        };
      });
    const pgPids = () => backendPids(adminUrl.toString(), database);
    const hotTargets = targetsFor(["bench-write-hot", "bench-write-hot"]);
    const warm = await load(hotTargets, 2, serverPids, pgPids);
    const hot = await load(hotTargets, durationSec, serverPids, pgPids);
    const spreadIds = Array.from({ length: SPREAD_ARTICLES }, (_, i) => `bench-write-${i}`);
    const spread = await load(targetsFor(spreadIds), durationSec, serverPids, pgPids);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    let stored = 0;
    try {
      const { rows } = await check.query<{ n: string }>("SELECT count(*) AS n FROM comments");
      stored = Number(rows[0]?.n ?? 0);
    } finally {
      await check.end();
    }
    return {
      hotPostsPerSec: hot.perSec,
      hotP50Ms: hot.p50Ms,
      hotP99Ms: hot.p99Ms,
      hotServerCpuUsPerPost: hot.serverCpuUsPerPost,
      hotPgCpuUsPerPost: hot.pgCpuUsPerPost,
      spreadPostsPerSec: spread.perSec,
      spreadP99Ms: spread.p99Ms,
      spreadServerCpuUsPerPost: spread.serverCpuUsPerPost,
      spreadPgCpuUsPerPost: spread.pgCpuUsPerPost,
      failures: hot.failures + spread.failures,
      stored,
      accepted: warm.created + hot.created + spread.created,
      poolSize: 10,
    };
  } finally {
    await deployment.stop();
    await db.stop();
    await redis.stop();
  }
}
