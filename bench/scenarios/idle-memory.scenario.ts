/**
 * Scenario (d): memory per idle connection. The server's RSS is read from /proc once it has
 * settled, then again after `readers` readers have connected and joined an article and the
 * server has settled again; the difference over the number of readers is the cost of one.
 */
import { ReaderFleet } from "../load/fleet.js";
import { procStats } from "../servers/processes.js";
import { deploy, type ParleyMode, type TargetKind } from "../servers/targets.js";

export interface IdleMemoryMetrics {
  readers: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  kibPerConnection: number;
  connectSeconds: number;
}

const MiB = 1024 * 1024;

/** Median RSS of a few samples, a settle interval apart: RSS wobbles as the GC runs. */
async function settledRss(pid: number, samples: number, gapMs: number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    values.push(procStats(pid).rssBytes);
  }
  values.sort((x, y) => x - y);
  return values[Math.floor(values.length / 2)]!;
}

/** Connects `readers` idle readers (each joins one of 100 articles) and measures the RSS delta. */
export async function runIdleMemory(
  kind: TargetKind,
  readers: number,
  workers: number,
  parleyMode: ParleyMode,
): Promise<IdleMemoryMetrics> {
  const deployment = await deploy(kind, {
    instances: 1,
    parleyMode,
    databaseUrl: "sqlite::memory:",
  });
  const fleet = new ReaderFleet();
  try {
    const { pid, baseUrl } = deployment.instances[0]!;
    // Warm the server's paths once (a join, an HTTP request) so lazy start-up allocations
    // are not charged to the connections.
    const warm = new ReaderFleet();
    await warm.connect({
      workers: 1,
      readers: 10,
      baseUrls: [baseUrl],
      articleIds: ["bench-warm"],
    });
    await warm.close();
    const before = await settledRss(pid, 3, 300);
    const started = Date.now();
    const articleIds = Array.from({ length: 100 }, (_, i) => `bench-idle-${i}`);
    await fleet.connect({ workers, readers, baseUrls: [baseUrl], articleIds });
    const connectSeconds = (Date.now() - started) / 1000;
    const after = await settledRss(pid, 5, 400);
    return {
      readers,
      rssBeforeMiB: before / MiB,
      rssAfterMiB: after / MiB,
      kibPerConnection: (after - before) / 1024 / readers,
      connectSeconds,
    };
  } finally {
    await fleet.close();
    await deployment.stop();
  }
}
