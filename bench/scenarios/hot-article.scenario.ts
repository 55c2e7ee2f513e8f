/**
 * Scenario (g), the hot article at scale: 10,000 readers on one article over two instances with
 * PostgreSQL and Redis (the ceiling: two bare Socket.IO servers on the Redis adapter, as (c)),
 * and every reader must receive every acknowledged post. Two rates on the same connections: 2
 * posts/s (20,000 deliveries/s, about twice (a)'s and (c)'s, the figure with the target) and then
 * 5 posts/s (50,000 deliveries/s, which saturates the two shared cores: reported as `at5*`).
 * Also reports memory per connection: both instances' RSS after the readers joined, minus
 * before, over the readers.
 *
 * 10,000 sockets need file descriptors: half on each instance, a quarter in each of four reader
 * processes (on 127.0.0.2 to .5, about 28,000 loopback ports each). `fileLimitCheck` says what
 * is missing before anything starts, rather than failing half way with EMFILE.
 */
import { readFileSync } from "node:fs";
import { PosterFleet, ReaderFleet } from "../load/fleet.js";
import { procStats } from "../servers/processes.js";
import { createPgDatabase, type Service, startRedis } from "../servers/services.js";
import { deploy, type TargetKind } from "../servers/targets.js";
import { type FanoutTiming, type PhaseMetrics, runPhase } from "./fanout.scenario.js";

/** What one run of (g) measured: the phase's figures plus memory and connect time. */
export interface HotArticleMetrics extends Omit<PhaseMetrics, "firstFailure"> {
  readers: number;
  kibPerConnection: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  connectSeconds: number;
  firstFailure: string | null;
  at5P50Ms: number;
  at5P99Ms: number;
  at5DeliveriesPerSec: number;
  at5Lost: number;
  at5CpuUsPerDelivery: number;
}

const MiB = 1024 * 1024;
const articleId = "bench-hot";

/**
 * The limit on open files of this process. Node raises its soft limit to the hard one as it
 * starts (and so do the children), so this is in effect the hard limit `ulimit -Hn` shows.
 */
function openFileLimit(): number {
  const line = /Max open files\s+(\d+|unlimited)/.exec(readFileSync("/proc/self/limits", "utf8"));
  return line?.[1] === "unlimited" || !line ? Infinity : Number(line[1]);
}

/**
 * Throws, naming the fix, when a process of the run would hold more sockets than the open-file
 * limit allows: a server instance holds its readers plus a margin (PostgreSQL, Redis, files).
 */
function fileLimitCheck(readers: number, instances: number, workers: number): void {
  const need = Math.max(Math.ceil(readers / instances), Math.ceil(readers / workers)) + 512;
  const have = openFileLimit();
  if (have < need) {
    throw new Error(
      `open-file limit ${have} < ${need} needed per process: run \`ulimit -n ${need}\` first ` +
        `(or \`prlimit --nofile=${need}:${need} npm run bench ...\`; raising the hard limit needs root)`,
    );
  }
}

/** Median RSS of a few samples of each pid, summed: RSS wobbles as the GC runs. */
async function settledRss(pids: number[]): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    samples.push(pids.reduce((sum, pid) => sum + procStats(pid).rssBytes, 0));
  }
  samples.sort((x, y) => x - y);
  return samples[2]!;
}

/** Runs (g) against a fresh two-instance deployment of `kind`. */
export async function runHotArticle(
  kind: TargetKind,
  readersWanted: number,
  timing: FanoutTiming,
): Promise<HotArticleMetrics> {
  const workers = 4;
  fileLimitCheck(readersWanted, 2, workers);
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const redis: Service = await startRedis();
    cleanups.push(() => redis.stop());
    let databaseUrl: string | undefined;
    if (kind === "parley") {
      const db = await createPgDatabase("hot");
      cleanups.push(() => db.stop());
      databaseUrl = db.url;
    }
    const deployment = await deploy(kind, {
      instances: 2,
      parleyMode: timing.parleyMode,
      redisUrl: redis.url,
      ...(databaseUrl ? { databaseUrl } : {}),
    });
    cleanups.push(() => deployment.stop());
    const baseUrls = deployment.instances.map((i) => i.baseUrl);
    const pids = deployment.instances.map((i) => i.pid);
    const readers = new ReaderFleet();
    const posters = new PosterFleet();
    cleanups.push(
      () => readers.close(),
      () => posters.close(),
    );
    // Warm both instances' join path so lazy start-up allocations are not charged to readers.
    const warm = new ReaderFleet();
    await warm.connect({ workers: 1, readers: 20, baseUrls, articleIds: ["bench-warm"] });
    await warm.close();
    const before = await settledRss(pids);
    const started = Date.now();
    await readers.connect({ workers, readers: readersWanted, baseUrls, articleIds: [articleId] });
    const connectSeconds = (Date.now() - started) / 1000;
    const after = await settledRss(pids);
    await posters.connect(baseUrls, await deployment.tokens(timing.posters));
    const phase = (n: number, rate: number, ms: number) =>
      runPhase(readers, posters, pids, n, rate, ms, [articleId], timing);
    if (timing.warmupMs > 0) await phase(0, 2, timing.warmupMs);
    const measured = await phase(1, 2, timing.measureMs);
    const at5 = await phase(2, 5, timing.measureMs);
    return {
      ...measured,
      firstFailure: measured.firstFailure ?? at5.firstFailure,
      at5P50Ms: at5.p50Ms,
      at5P99Ms: at5.p99Ms,
      at5DeliveriesPerSec: at5.deliveriesPerSec,
      at5Lost: at5.lost,
      at5CpuUsPerDelivery: at5.cpuUsPerDelivery,
      readers: readersWanted,
      kibPerConnection: (after - before) / 1024 / readersWanted,
      rssBeforeMiB: before / MiB,
      rssAfterMiB: after / MiB,
      connectSeconds,
    };
  } finally {
    // Clients first, then servers, then the services they use.
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
