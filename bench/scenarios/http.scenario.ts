/**
 * Scenario (e): HTTP with autocannon. `GET` the first page of a 10,000-comment article, then
 * `POST` comments, each for a fixed time with 50 connections. Parley's article is seeded straight
 * into its SQLite file through the store module before the server starts (10,000 REST posts would
 * take longer than the whole quick run); the bare ceiling serves a fixed page of the same shape.
 */
import autocannon, { type Options } from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { procStats } from "../servers/processes.js";
import { deploy, type ParleyMode, type TargetKind } from "../servers/targets.js";

export interface HttpMetrics {
  getPerSec: number;
  getP99Ms: number;
  getBytes: number;
  getCpuUsPerRequest: number;
  postPerSec: number;
  postP99Ms: number;
  postCpuUsPerRequest: number;
  /** Non-2xx answers, errors and timeouts: all must be 0 for the figures to count. */
  failures: number;
  seedSeconds: number;
}

/** The article every GET reads. */
const bigArticleId = "bench-big";
const SEED_COMMENTS = 10_000;

/** Fills `path` (a SQLite file) with a 10,000-comment article: every 4th comment a reply to the latest root. */
async function seed(path: string): Promise<void> {
  const { createSqliteStore } = await import("../../server/store/sqlite/sqlite-store.js");
  const { newId } = await import("../../server/core/ids.js");
  const store = createSqliteStore(path);
  await store.migrate();
  const base = Date.parse("2026-01-01T00:00:00.000Z");
  const author = await store.createGuest({
    id: newId(),
    name: "Seeder",
    email: null,
    createdAt: new Date(base).toISOString(),
  });
  let root: string | null = null;
  for (let i = 0; i < SEED_COMMENTS; i += 1) {
    const reply = i % 4 === 3 && root !== null;
    const { comment } = await store.insertComment({
      id: newId(),
      articleId: bigArticleId,
      parentId: reply ? root : null,
      authorId: author.id,
      body: `Seeded comment ${i}: long enough to look like a real reader's two-line remark on the piece.`,
      status: "published",
      clientKey: null,
      createdAt: new Date(base + i * 1000).toISOString(),
    });
    if (!reply) root = comment.id;
  }
  await store.close();
}

interface LoadResult {
  perSec: number;
  p99Ms: number;
  failures: number;
  /** Server CPU per answered request: steadier than req/s on a shared machine. */
  cpuUsPerRequest: number;
}

async function load(pid: number, options: Options): Promise<LoadResult> {
  const cpuBefore = procStats(pid).cpuMs;
  const result = await autocannon({ connections: 50, ...options });
  const cpuMs = procStats(pid).cpuMs - cpuBefore;
  const answered = result["2xx"] + result.non2xx;
  return {
    perSec: result["2xx"] / Math.max(0.001, result.duration),
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuUsPerRequest: answered > 0 ? (cpuMs * 1000) / answered : 0,
  };
}

/** Runs the GET and POST loads against a fresh deployment of `kind`. */
export async function runHttp(
  kind: TargetKind,
  durationSec: number,
  parleyMode: ParleyMode,
): Promise<HttpMetrics> {
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-http-"));
  const dbPath = join(dir, "parley.db");
  let seedSeconds = 0;
  if (kind === "parley") {
    const started = Date.now();
    await seed(dbPath);
    seedSeconds = (Date.now() - started) / 1000;
  }
  const deployment = await deploy(kind, {
    instances: 1,
    parleyMode,
    databaseUrl: `sqlite:${dbPath}`,
  });
  try {
    const { baseUrl, pid } = deployment.instances[0]!;
    const pageUrl = `${baseUrl}/api/articles/${bigArticleId}/comments`;
    const page = await fetch(pageUrl);
    if (!page.ok) throw new Error(`GET first page: ${page.status}`);
    const getBytes = (await page.arrayBuffer()).byteLength;
    const get = await load(pid, { url: pageUrl, duration: durationSec });
    const [token] = await deployment.tokens(1);
    const headers: Record<string, string> = { "content-type": "application/json", origin: baseUrl };
    if (token) headers.authorization = `Bearer ${token}`;
    const post = await load(pid, {
      url: `${baseUrl}/api/articles/bench-post/comments`,
      method: "POST",
      headers,
      body: JSON.stringify({ body: "A comment posted by autocannon, as a reader would post one." }),
      duration: durationSec,
    });
    return {
      getPerSec: get.perSec,
      getP99Ms: get.p99Ms,
      getBytes,
      getCpuUsPerRequest: get.cpuUsPerRequest,
      postPerSec: post.perSec,
      postP99Ms: post.p99Ms,
      postCpuUsPerRequest: post.cpuUsPerRequest,
      failures: get.failures + post.failures,
      seedSeconds,
    };
  } finally {
    await deployment.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
