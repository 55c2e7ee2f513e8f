/**
 * `npx tsx bench/presence-ab.ts [--quick] [--reps=N]`: what presence ("N reading now") costs.
 * Scenario (c)'s deployment (2 Parley instances, PostgreSQL, Redis, 2,000 readers of one article)
 * runs twice per repetition, presence on (PRESENCE_INTERVAL_MS=1000) and off (=0), alternating
 * which goes first. Measured on the servers (both instances' CPU):
 *   - join: 2,000 readers connect and join, plus 3 s for the rounds to settle, per reader;
 *   - idle: the steady state with nobody arriving, per second (the rounds' fixed cost);
 *   - churn: every reader moves to another article (2,000 leaves and joins) plus 3 s, per reader;
 *   - post: 5 posts/s, as (c): CPU per delivery and delivery latency.
 * Never part of `npm test`; the figures of one run on a busy machine are indicative only.
 */
import { parseArgs } from "node:util";
import { PosterFleet, ReaderFleet } from "./load/fleet.js";
import { type FanoutTiming, runPhase } from "./scenarios/fanout.scenario.js";
import { cpuMsOf, machineTicks } from "./servers/processes.js";
import { createPgDatabase, startRedis } from "./servers/services.js";
import { deploy, killAllServers, parleyEntry } from "./servers/targets.js";

const READERS = 2_000;
const SETTLE_MS = 3_000;

interface Figures {
  joinUsPerReader: number;
  idleMsPerSec: number;
  churnUsPerReader: number;
  postUsPerDelivery: number;
  p50Ms: number;
  p99Ms: number;
  lost: number;
  machineBusy: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runOnce(presence: boolean, measureMs: number, timing: FanoutTiming) {
  const cleanups: (() => Promise<void> | void)[] = [];
  const readers = new ReaderFleet();
  const posters = new PosterFleet();
  try {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const db = await createPgDatabase("presence");
    cleanups.push(() => db.stop());
    const deployment = await deploy("parley", {
      instances: 2,
      parleyMode: timing.parleyMode,
      redisUrl: redis.url,
      databaseUrl: db.url,
      env: { PRESENCE_INTERVAL_MS: presence ? "1000" : "0" },
    });
    cleanups.push(() => deployment.stop());
    cleanups.push(
      () => readers.close(),
      () => posters.close(),
    );
    const pids = deployment.instances.map((i) => i.pid);
    const baseUrls = deployment.instances.map((i) => i.baseUrl);
    const machine0 = machineTicks();

    let cpu = cpuMsOf(pids);
    await readers.connect({ workers: 2, readers: READERS, baseUrls, articleIds: ["bench-0"] });
    await sleep(SETTLE_MS);
    const joinMs = cpuMsOf(pids) - cpu;

    cpu = cpuMsOf(pids);
    await sleep(measureMs);
    const idleMs = cpuMsOf(pids) - cpu;

    cpu = cpuMsOf(pids);
    await readers.rejoin(["bench-1"]);
    await sleep(SETTLE_MS);
    const churnMs = cpuMsOf(pids) - cpu;

    await posters.connect(baseUrls, await deployment.tokens(timing.posters));
    const post = await runPhase(readers, posters, pids, 0, 5, measureMs, ["bench-1"], timing);
    const machine1 = machineTicks();
    return {
      joinUsPerReader: (joinMs * 1000) / READERS,
      idleMsPerSec: idleMs / (measureMs / 1000),
      churnUsPerReader: (churnMs * 1000) / READERS,
      postUsPerDelivery: post.cpuUsPerDelivery,
      p50Ms: post.p50Ms,
      p99Ms: post.p99Ms,
      lost: post.lost,
      machineBusy: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total),
    } satisfies Figures;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/** The middle value; for an even count, the mean of the middle two. */
function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  process.on("SIGINT", () => {
    killAllServers();
    process.exit(130);
  });
  const { values } = parseArgs({
    options: { quick: { type: "boolean" }, reps: { type: "string" } },
  });
  const reps = Number(values.reps ?? (values.quick ? 1 : 3));
  const measureMs = values.quick ? 3_000 : 15_000;
  const parleyMode = parleyEntry("dist") ? "dist" : "tsx";
  const timing: FanoutTiming = {
    warmupMs: 0,
    measureMs,
    drainMs: 60_000,
    readerWorkers: 2,
    posters: 8,
    parleyMode,
  };
  const runs: Record<"on" | "off", Figures[]> = { on: [], off: [] };
  for (let rep = 0; rep < reps; rep += 1) {
    const order: ("on" | "off")[] = rep % 2 === 0 ? ["on", "off"] : ["off", "on"];
    for (const variant of order) {
      const figures = await runOnce(variant === "on", measureMs, timing);
      runs[variant].push(figures);
      console.log(`rep ${rep + 1} presence ${variant}: ${JSON.stringify(figures)}`);
    }
  }
  console.log(`\npresence A/B, ${READERS} readers on 2 instances, Parley ${parleyMode}, medians:`);
  const keys = Object.keys(runs.on[0] ?? {}) as (keyof Figures)[];
  for (const key of keys) {
    const on = median(runs.on.map((f) => f[key]));
    const off = median(runs.off.map((f) => f[key]));
    console.log(
      `  ${key.padEnd(18)} on ${on.toFixed(2).padStart(10)}  off ${off.toFixed(2).padStart(10)}`,
    );
  }
  process.exit(0);
}

void main();
