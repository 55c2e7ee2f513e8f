/**
 * Scenario (f): under attack. One Parley (SQLite, a 256 MB heap, default read budgets) serves an
 * article of 2,000 hostile comments (5,000 characters each that JSON escapes to six bytes: about
 * 60 MB of JSON, a 500-reply thread among them) to attackers while honest readers follow another
 * article and a probe polls /healthz. Attacks, all at once: parallel `GET /changes?after=0&limit=500`
 * loops, first pages in every sort x limit, replies pages, and sockets re-joining with
 * `after: 0` as fast as their acks come back. Figures: the probe's p99, the server's peak heap,
 * and honest deliveries lost (must be 0). Parley only: the bare ceiling has no API to attack.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { io, type Socket } from "socket.io-client";
import { benchMetricsToken, deploy, type ParleyMode } from "../servers/targets.js";

export interface AttackMetrics {
  probeP50Ms: number;
  probeP99Ms: number;
  probes: number;
  peakHeapMiB: number;
  /** The server's own worst event-loop delay (prom-client's, reset at each /metrics sample). */
  serverLagMaxMs: number;
  posted: number;
  lost: number;
  /** Attack requests answered 429 / rate_limited (budgets), 503 / unavailable (read gate full), and served. */
  refused: number;
  busy: number;
  served: number;
}

const hostileArticle = "bench-hostile";
const honestArticle = "bench-honest";
const HONEST_READERS = 50;
const HTTP_ATTACKERS = 16;
const SOCKET_ATTACKERS = 8;

async function seedHostile(path: string): Promise<void> {
  const { createSqliteStore } = await import("../../server/store/sqlite/sqlite-store.js");
  const { newId } = await import("../../server/core/ids.js");
  const store = createSqliteStore(path);
  await store.migrate();
  const author = await store.createGuest({
    id: newId(),
    name: "Hostile",
    email: null,
    createdAt: new Date().toISOString(),
  });
  const body = "\u0001".repeat(5000);
  let root: string | null = null;
  for (let i = 0; i < 2000; i += 1) {
    const { comment } = await store.insertComment({
      id: newId(),
      articleId: hostileArticle,
      parentId: i > 0 && i <= 500 ? root : null,
      authorId: author.id,
      body,
      status: "published",
      clientKey: null,
      createdAt: new Date().toISOString(),
    });
    if (i === 0) root = comment.id;
  }
  await store.close();
}

/** The probe thread: GET /healthz every 50 ms until told to stop, posting each latency in ms. */
const probeSource = `
const { parentPort, workerData } = require("node:worker_threads");
let running = true;
parentPort.on("message", () => (running = false));
(async () => {
  // One unmeasured request first: loading fetch in a fresh thread is not the server's latency.
  await fetch(workerData).then((r) => r.arrayBuffer());
  parentPort.postMessage("ready");
  while (running) {
    const t0 = performance.now();
    await fetch(workerData).then((r) => r.arrayBuffer());
    parentPort.postMessage(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  process.exit(0);
})();
`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function connect(baseUrl: string): Promise<Socket> {
  const socket = io(baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

export async function runAttack(parleyMode: ParleyMode, measureMs: number): Promise<AttackMetrics> {
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-attack-"));
  const dbPath = join(dir, "parley.db");
  await seedHostile(dbPath);
  const deployment = await deploy("parley", {
    instances: 1,
    parleyMode,
    databaseUrl: `sqlite:${dbPath}`,
    nodeArgs: ["--max-old-space-size=256"],
    // What is measured here is the read budgets and the read gate: the flood guard would cut the
    // re-joining sockets first, so it is off as it was when these figures were first taken.
    env: { SOCKET_EVENTS_PER_SECOND: "0" },
  });
  const sockets: Socket[] = [];
  try {
    const { baseUrl } = deployment.instances[0]!;
    let running = true;
    let refused = 0;
    let busy = 0;
    let served = 0;
    const count = (status: number) => {
      if (status === 429) refused += 1;
      else if (status === 503) busy += 1;
      else served += 1;
    };

    // Honest readers on their own article.
    let received = 0;
    for (let i = 0; i < HONEST_READERS; i += 1) {
      const socket = await connect(baseUrl);
      socket.on("comment:created", () => (received += 1));
      await socket.timeout(10_000).emitWithAck("article:join", { articleId: honestArticle });
      sockets.push(socket);
    }
    const first = await fetch(`${baseUrl}/api/articles/${hostileArticle}/comments?sort=oldest`);
    const rootId = ((await first.json()) as { threads: { comment: { id: string } }[] }).threads[0]
      ?.comment.id;

    const paths = [
      () => `/api/articles/${hostileArticle}/changes?after=0&limit=500`,
      () =>
        `/api/articles/${hostileArticle}/comments?sort=${["newest", "oldest", "top"][Math.floor(Math.random() * 3)]}&limit=${1 + Math.floor(Math.random() * 100)}`,
      () => `/api/comments/${rootId ?? "x"}/replies?limit=100`,
    ];
    const httpAttacker = async (n: number) => {
      while (running) {
        const res = await fetch(baseUrl + paths[n % paths.length]!()).catch(() => null);
        if (res) {
          count(res.status);
          await res.arrayBuffer();
        }
      }
    };
    const socketAttacker = async () => {
      const socket = await connect(baseUrl);
      sockets.push(socket);
      while (running && socket.connected) {
        const answer = (await socket
          .timeout(10_000)
          .emitWithAck("article:join", { articleId: hostileArticle, after: 0 })
          .catch(() => ({ ok: false }))) as { ok: boolean; error?: { code: string } };
        count(answer.ok ? 200 : answer.error?.code === "unavailable" ? 503 : 429);
      }
    };
    // The probe runs on a thread of its own: this thread's loop is busy parsing 256 KiB answers,
    // and time spent waiting for it is the bench's latency, not the server's.
    const probeLatencies: number[] = [];
    const prober = new Worker(probeSource, { eval: true, workerData: `${baseUrl}/healthz` });
    await new Promise((ready) => prober.once("message", ready));
    prober.on("message", (ms: number) => probeLatencies.push(ms));
    const probe = async () => {
      while (running) await new Promise((r) => setTimeout(r, 50));
      const stopped = new Promise((r) => prober.once("exit", r));
      prober.postMessage("stop");
      await stopped;
    };
    let peakHeap = 0;
    let lagMax = 0;
    const gauge = (text: string, name: string) =>
      Number(
        text
          .split("\n")
          .find((l) => l.startsWith(`${name} `))
          ?.split(" ")[1] ?? 0,
      );
    const heap = async () => {
      while (running) {
        const text = await (
          await fetch(`${baseUrl}/metrics`, {
            headers: { authorization: `Bearer ${benchMetricsToken}` },
          })
        ).text();
        peakHeap = Math.max(peakHeap, gauge(text, "nodejs_heap_size_used_bytes"));
        lagMax = Math.max(lagMax, gauge(text, "nodejs_eventloop_lag_max_seconds"));
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const [token] = await deployment.tokens(1);
    let posted = 0;
    const poster = async () => {
      while (running) {
        const res = await fetch(`${baseUrl}/api/articles/${honestArticle}/comments`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: baseUrl,
            authorization: `Bearer ${token ?? ""}`,
          },
          body: JSON.stringify({ body: `Honest comment ${posted}` }),
        });
        if (res.status === 201) posted += 1;
        await new Promise((r) => setTimeout(r, 200));
      }
    };

    const tasks = [
      ...Array.from({ length: HTTP_ATTACKERS }, (_, i) => httpAttacker(i)),
      ...Array.from({ length: SOCKET_ATTACKERS }, () => socketAttacker()),
      probe(),
      heap(),
      poster(),
    ];
    await new Promise((r) => setTimeout(r, measureMs));
    running = false;
    await Promise.all(tasks);
    // Deliveries still in flight get a moment to land before the count.
    const deadline = Date.now() + 10_000;
    while (received < posted * HONEST_READERS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    probeLatencies.sort((a, b) => a - b);
    return {
      probeP50Ms: percentile(probeLatencies, 0.5),
      probeP99Ms: percentile(probeLatencies, 0.99),
      probes: probeLatencies.length,
      peakHeapMiB: peakHeap / 2 ** 20,
      serverLagMaxMs: lagMax * 1000,
      posted,
      lost: posted * HONEST_READERS - received,
      refused,
      busy,
      served,
    };
  } finally {
    for (const socket of sockets) socket.close();
    await deployment.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
