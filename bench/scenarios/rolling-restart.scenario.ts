/**
 * Scenario (h), the rolling restart: two Parley instances (PostgreSQL + Redis), 2,000 readers of
 * one article split between them, a comment every 200 ms posted through the instance that stays
 * up. Instance B is stopped gracefully (SIGTERM: it disconnects its sockets and drains) and
 * started again. Its readers come back as the embed does (rejoin-reader-worker.ts): reconnect to
 * an instance that is up, rejoin with `after` = the last seq held, drop what they already hold.
 *
 * Figures: the time from the SIGTERM until every reader of B is connected and caught up; lost
 * comments (every reader must hold every seq after its first join) and comments shown twice
 * (must be 0), and duplicates the server sent (dropped by the reader); the survivor's live p99 to
 * its own readers before the storm and during it; and what the storm cost the survivor: joins,
 * how many of them shared a catch-up read (parley_reads_shared_total), read-gate refusals, CPU.
 * Parley only: the bare ceiling has no catch-up to measure.
 */
import { RejoinFleet } from "../load/rejoin-fleet.js";
import * as hdr from "hdr-histogram-js";
import { PosterFleet } from "../load/fleet.js";
import { cpuMsOf, stopChild, waitFor } from "../servers/processes.js";
import { createPgDatabase, startRedis } from "../servers/services.js";
import { benchMetricsToken, deploy, type Deployment, type ParleyMode } from "../servers/targets.js";

/** What one run of (h) measured. */
export interface RollingRestartMetrics {
  readers: number;
  catchUpSeconds: number;
  /** From the SIGTERM until the last reader of B had a connection again (before its join). */
  reconnectSeconds: number;
  shutdownSeconds: number;
  restartSeconds: number;
  lost: number;
  duplicatesShown: number;
  duplicatesSent: number;
  survivorP99BeforeMs: number;
  survivorP99StormMs: number;
  survivorP99AfterMs: number;
  movedP99StormMs: number;
  stormJoins: number;
  stormReadsShared: number;
  stormArticleReadsShared: number;
  stormGateRefused: number;
  joinsRefused: number;
  reconnects: number;
  refusedAttempts: number;
  caughtUpComments: number;
  survivorCpuBefore: number;
  survivorCpuStorm: number;
  posted: number;
  acked: number;
  finalSeq: number;
  ackP99Ms: number;
}

const articleId = "bench-roll";

/** Counters of one instance's /metrics, summed over their labels when `label` is not given. */
async function counters(baseUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${benchMetricsToken}` },
  });
  const text = await res.text();
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const match = /^(parley_[a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (match) out[`${match[1]}${match[2] ?? ""}`] = Number(match[3]);
  }
  return out;
}

const p99 = (h: hdr.Histogram | undefined): number => (h ? h.getValueAtPercentile(99) / 1000 : 0);

async function deployOne(
  parleyMode: ParleyMode,
  redisUrl: string,
  databaseUrl: string,
): Promise<Deployment> {
  return deploy("parley", {
    instances: 1,
    parleyMode,
    redisUrl,
    databaseUrl,
    // Every reader shares one of two source addresses; behind real NATs 1,000 readers do not.
    env: { READ_BUDGET_PER_IP: "0" },
  });
}

/** Runs (h): `beforeMs` of steady state, the restart, then posting to `totalMs`. */
export async function runRollingRestart(
  parleyMode: ParleyMode,
  readers: number,
  beforeMs: number,
  totalMs: number,
): Promise<RollingRestartMetrics> {
  const redis = await startRedis();
  const db = await createPgDatabase("roll");
  const cleanups: (() => Promise<void> | void)[] = [() => redis.stop(), () => db.stop()];
  try {
    const a = await deployOne(parleyMode, redis.url, db.url);
    cleanups.push(() => a.stop());
    let b = await deployOne(parleyMode, redis.url, db.url);
    cleanups.push(() => b.stop());
    const survivor = a.instances[0]!;
    const fleet = new RejoinFleet();
    const posters = new PosterFleet();
    cleanups.push(
      () => fleet.close(),
      () => posters.close(),
    );
    await fleet.connect(2, readers, [survivor.baseUrl, b.instances[0]!.baseUrl], articleId);
    await posters.connect([survivor.baseUrl], await a.tokens(8));

    fleet.tell({ type: "window", window: "before" });
    const cpu0 = cpuMsOf([survivor.pid]);
    const t0 = Date.now();
    const posting = posters.run({
      phase: 1,
      articleIds: [articleId],
      ratePerSec: 5,
      durationMs: totalMs,
      ackTimeoutMs: 60_000,
    });
    await new Promise((resolve) => setTimeout(resolve, beforeMs));

    const counters0 = await counters(survivor.baseUrl);
    const cpu1 = cpuMsOf([survivor.pid]);
    const stopAt = Date.now();
    fleet.tell({ type: "window", window: "storm" });
    await stopChild(b.instances[0]!.child, 10_000);
    const shutdownSeconds = (Date.now() - stopAt) / 1000;
    const restartedAt = Date.now();
    b = await deployOne(parleyMode, redis.url, db.url);
    const restartSeconds = (Date.now() - restartedAt) / 1000;
    fleet.tell({ type: "urls", baseUrls: [survivor.baseUrl, b.instances[0]!.baseUrl] });
    const moving = Math.floor(readers / 2);
    let lastCaughtUpAt = 0;
    let lastConnectedAt = 0;
    await waitFor(
      "every reader of the stopped instance to reconnect and catch up",
      async () => {
        const status = await fleet.status();
        lastCaughtUpAt = status.lastCaughtUpAt;
        lastConnectedAt = status.lastConnectedAt;
        return status.moved >= moving && status.caughtUp === status.moved;
      },
      120_000,
    );
    const stormEnd = Date.now();
    const cpu2 = cpuMsOf([survivor.pid]);
    const counters1 = await counters(survivor.baseUrl);
    fleet.tell({ type: "window", window: "after" });

    const posted = await posting;
    const page = await fetch(`${survivor.baseUrl}/api/articles/${articleId}/comments?limit=1`);
    const finalSeq = ((await page.json()) as { lastSeq: number }).lastSeq;
    const seen = await fleet.report(finalSeq, 60_000);
    const delta = (name: string) => (counters1[name] ?? 0) - (counters0[name] ?? 0);
    if (seen.firstJoinError) console.log(`  (h) a join was refused: ${seen.firstJoinError}`);
    return {
      readers,
      catchUpSeconds: (lastCaughtUpAt - stopAt) / 1000,
      reconnectSeconds: (lastConnectedAt - stopAt) / 1000,
      shutdownSeconds,
      restartSeconds,
      lost: seen.lost,
      duplicatesShown: seen.conflicts,
      duplicatesSent: seen.duplicatesSent,
      survivorP99BeforeMs: p99(seen.histograms.get("before:stayed")),
      survivorP99StormMs: p99(seen.histograms.get("storm:stayed")),
      survivorP99AfterMs: p99(seen.histograms.get("after:stayed")),
      movedP99StormMs: p99(seen.histograms.get("storm:moved")),
      stormJoins: delta("parley_rooms_joined_total"),
      stormReadsShared: delta('parley_reads_shared_total{read="changes"}'),
      stormArticleReadsShared: delta('parley_reads_shared_total{read="article"}'),
      stormGateRefused: delta("parley_read_gate_refused_total"),
      joinsRefused: seen.joinsRefused,
      reconnects: seen.reconnects,
      refusedAttempts: seen.refusedAttempts,
      caughtUpComments: seen.caughtUpComments,
      survivorCpuBefore: (cpu1 - cpu0) / Math.max(1, stopAt - t0),
      survivorCpuStorm: (cpu2 - cpu1) / Math.max(1, stormEnd - stopAt),
      posted: posted.sent,
      acked: posted.acked,
      finalSeq,
      ackP99Ms: hdr.decodeFromCompressedBase64(posted.ackHistogram).getValueAtPercentile(99) / 1000,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
