/**
 * Fan-out scenarios (a), (b), (c) and the saturating rate: readers join articles, posters post at
 * a fixed rate, and every reader must receive every acknowledged post. One deployment runs all of
 * a spec's phases on the same connections (e.g. (a) at 5 posts/s, then 50 posts/s to saturate).
 */
import * as hdrLib from "hdr-histogram-js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PosterFleet, ReaderFleet } from "../load/fleet.js";
import { cpuMsOf, machineTicks } from "../servers/processes.js";
import { createPgDatabase, type Service, startRedis } from "../servers/services.js";
import { deploy, type ParleyMode, type TargetKind } from "../servers/targets.js";

/** One rate to hold over `articles` articles (readers spread evenly); `key` names the result. */
export interface FanoutPhase {
  key: string;
  ratePerSec: number;
  articles: number;
}

export interface FanoutSpec {
  readers: number;
  instances: number;
  /** Scenario (c): PostgreSQL for Parley and Redis fan-out for both. */
  shared: boolean;
  phases: FanoutPhase[];
}

export interface FanoutTiming {
  warmupMs: number;
  measureMs: number;
  /** How long readers may take to catch up once posting stops, before the rest counts as lost. */
  drainMs: number;
  readerWorkers: number;
  posters: number;
  parleyMode: ParleyMode;
}

/** The figures of one measured phase on one target. */
export interface PhaseMetrics {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  deliveries: number;
  deliveriesPerSec: number;
  lost: number;
  extra: number;
  dropped: number;
  sent: number;
  acked: number;
  failed: number;
  firstFailure: string | null;
  /** Honest posts refused `rate_limited`, and poster connections cut: both must be 0. */
  refused: number;
  disconnected: number;
  ackP50Ms: number;
  ackP99Ms: number;
  serverCpuMs: number;
  cpuUsPerDelivery: number;
  /** Busiest reader worker's share of a core, and its event-loop delay p99: generator health. */
  generatorBusy: number;
  generatorLoopP99Ms: number;
  /** Share of all the machine's CPUs busy during the phase (other work on the box included). */
  machineBusy: number;
}

const ms = (micros: number): number => micros / 1000;

/** Posts at `rate` for `durationMs` and measures what the readers got (also used by scale.scenario). */
export async function runPhase(
  readers: ReaderFleet,
  posters: PosterFleet,
  pids: number[],
  phase: number,
  rate: number,
  durationMs: number,
  articleIds: string[],
  timing: FanoutTiming,
): Promise<PhaseMetrics> {
  await readers.phase(phase);
  const machineBefore = machineTicks();
  const cpuBefore = cpuMsOf(pids);
  const posted = await posters.run({
    phase,
    articleIds,
    ratePerSec: rate,
    durationMs,
    ackTimeoutMs: timing.drainMs,
  });
  const seen = await readers.finish(posted.expected, timing.drainMs);
  const serverCpuMs = cpuMsOf(pids) - cpuBefore;
  const machineAfter = machineTicks();
  const machineBusy =
    (machineAfter.busy - machineBefore.busy) /
    Math.max(1, machineAfter.total - machineBefore.total);
  const hdr = seen.histogram;
  const acks = hdrLib.decodeFromCompressedBase64(posted.ackHistogram);
  const spanSec = Math.max(0.001, (seen.lastReceiveAt - posted.firstSendAt) / 1000);
  return {
    p50Ms: ms(hdr.getValueAtPercentile(50)),
    p90Ms: ms(hdr.getValueAtPercentile(90)),
    p99Ms: ms(hdr.getValueAtPercentile(99)),
    maxMs: ms(hdr.maxValue),
    deliveries: seen.deliveries,
    deliveriesPerSec: seen.deliveries / spanSec,
    lost: seen.lost,
    extra: seen.extra,
    dropped: seen.dropped,
    sent: posted.sent,
    acked: posted.acked,
    failed: posted.failed,
    firstFailure: posted.firstFailure,
    refused: posted.refused,
    disconnected: posted.disconnected,
    ackP50Ms: ms(acks.getValueAtPercentile(50)),
    ackP99Ms: ms(acks.getValueAtPercentile(99)),
    serverCpuMs,
    cpuUsPerDelivery: seen.deliveries > 0 ? (serverCpuMs * 1000) / seen.deliveries : 0,
    generatorBusy: seen.maxWorkerBusy,
    generatorLoopP99Ms: seen.maxLoopDelayP99Ms,
    machineBusy,
  };
}

/** Runs every phase of `spec` against a fresh deployment of `kind`; results keyed by phase key. */
export async function runFanout(
  kind: TargetKind,
  spec: FanoutSpec,
  timing: FanoutTiming,
): Promise<Record<string, PhaseMetrics>> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const readers = new ReaderFleet();
  const posters = new PosterFleet();
  try {
    let redis: Service | undefined;
    let databaseUrl: string | undefined;
    if (spec.shared) {
      redis = await startRedis();
      cleanups.push(() => redis!.stop());
      if (kind === "parley") {
        const db = await createPgDatabase("fanout");
        cleanups.push(() => db.stop());
        databaseUrl = db.url;
      }
    } else if (kind === "parley") {
      const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      databaseUrl = `sqlite:${join(dir, "parley.db")}`;
    }
    const deployment = await deploy(kind, {
      instances: spec.instances,
      parleyMode: timing.parleyMode,
      ...(redis ? { redisUrl: redis.url } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
    });
    cleanups.push(() => deployment.stop());
    const baseUrls = deployment.instances.map((i) => i.baseUrl);
    const pids = deployment.instances.map((i) => i.pid);
    const articlesOf = (n: number): string[] => Array.from({ length: n }, (_, i) => `bench-${i}`);
    let articleIds = articlesOf(spec.phases[0]?.articles ?? 1);
    cleanups.push(
      () => readers.close(),
      () => posters.close(),
    );
    await readers.connect({
      workers: timing.readerWorkers,
      readers: spec.readers,
      baseUrls,
      articleIds,
    });
    await posters.connect(baseUrls, await deployment.tokens(timing.posters));

    const results: Record<string, PhaseMetrics> = {};
    let phase = 0;
    for (const p of spec.phases) {
      // The same connections serve every phase: a new layout only moves readers between rooms.
      if (p.articles !== articleIds.length) {
        articleIds = articlesOf(p.articles);
        try {
          await readers.rejoin(articleIds);
        } catch (err) {
          // Readers cut in an earlier phase (see its `dropped`): keep what was measured.
          console.log(
            `  ${p.key} ${kind}: not run, ${err instanceof Error ? err.message : String(err)}`,
          );
          break;
        }
      }
      const args = [articleIds, timing] as const;
      // Warm the fresh server once; later phases run on an already warm one.
      if (timing.warmupMs > 0 && phase === 0) {
        await runPhase(readers, posters, pids, phase++, p.ratePerSec, timing.warmupMs, ...args);
      }
      results[p.key] = await runPhase(
        readers,
        posters,
        pids,
        phase++,
        p.ratePerSec,
        timing.measureMs,
        ...args,
      );
    }
    return results;
  } finally {
    // Clients first, then servers, then the services they use.
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
