/**
 * A forked process holding many readers. Each reader is one raw Socket.IO connection that joined
 * one article; of everything the server sends it looks only at `comment:created` frames, and of
 * those only at the stamp in the body (`~p<phase>t<micros>~`), found by a byte search with no
 * JSON parsing. Latency (receive time minus send stamp) goes into one HdrHistogram per worker.
 */
import * as hdr from "hdr-histogram-js";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { EioSocket } from "./eio-client.js";
import { commentCreatedAt, readStamp } from "./frame-scan.js";
import {
  histogramRequest,
  nowMicros,
  type ReaderCommand,
  type ReaderConnect,
  type ReaderReply,
} from "./messages.js";

interface Reader {
  socket: EioSocket;
  /** Global index over all workers: picks the article (and instance) for this reader. */
  g: number;
  articleId: string;
  received: number;
  closed: boolean;
}

/**
 * At most this many handshakes in flight per worker, so that all workers together stay under the
 * server's accept backlog (511 in Node): a dropped SYN costs a 1 s retransmit.
 */
const CONNECT_CONCURRENCY = 64;

const readers: Reader[] = [];
let phase = -1;
let histogram = hdr.build(histogramRequest);
let deliveries = 0;
let lastReceiveAt = 0;
let phaseStartedAt = 0;
let phaseCpu = process.cpuUsage();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

function send(reply: ReaderReply): void {
  process.send?.(reply);
}

/** Reads the decimal number starting at `i`; returns [value, index after it]. */
function onEvent(reader: Reader, frame: Buffer): void {
  const payloadAt = commentCreatedAt(frame);
  if (payloadAt < 0) return;
  const stamp = readStamp(frame, payloadAt);
  if (stamp === null || stamp.phase !== phase) return;
  const sentAt = stamp.sentAt;
  const now = nowMicros();
  histogram.recordValue(Math.max(1, now - sentAt));
  reader.received += 1;
  deliveries += 1;
  lastReceiveAt = now;
}

async function openReader(cmd: ReaderConnect, g: number): Promise<Reader> {
  const articleId = cmd.articleIds[g % cmd.articleIds.length]!;
  const baseUrl = cmd.baseUrls[g % cmd.baseUrls.length]!;
  const reader: Reader = { g, articleId, received: 0, closed: false } as Reader;
  reader.socket = new EioSocket({
    baseUrl,
    localAddress: cmd.localAddress,
    onEvent: (frame) => onEvent(reader, frame),
    onClose: () => {
      reader.closed = true;
    },
  });
  await reader.socket.ready;
  const answer = await reader.socket.request("article:join", { articleId });
  if (!answer.startsWith('[{"ok":true')) {
    reader.socket.close();
    throw new Error(`join refused: ${answer.slice(0, 200)}`);
  }
  return reader;
}

async function connectAll(cmd: ReaderConnect): Promise<void> {
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async (): Promise<void> => {
    while (next < cmd.count) {
      const g = cmd.offset + next;
      next += 1;
      try {
        readers.push(await openReader(cmd, g));
      } catch (err) {
        failed += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, cmd.count) }, lane));
  send({ type: "connected", connected: readers.length, failed, firstError });
}

/** Moves every reader from its article to `articleIds[g % n]` (leave, then join, each acked). */
async function rejoin(articleIds: string[]): Promise<void> {
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async (): Promise<void> => {
    while (next < readers.length) {
      const reader = readers[next]!;
      next += 1;
      // A reader the server cut (a ping timeout under saturation) would wait for its acks forever.
      if (reader.closed) {
        failed += 1;
        firstError ??= "reader closed by the server before the move";
        continue;
      }
      const articleId = articleIds[reader.g % articleIds.length]!;
      await reader.socket.request("article:leave", { articleId: reader.articleId });
      const answer = await reader.socket.request("article:join", { articleId });
      if (answer.startsWith('[{"ok":true')) reader.articleId = articleId;
      else {
        failed += 1;
        firstError ??= answer.slice(0, 200);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, lane));
  send({ type: "connected", connected: readers.length - failed, failed, firstError });
}

function startPhase(n: number): void {
  phase = n;
  histogram = hdr.build(histogramRequest);
  deliveries = 0;
  lastReceiveAt = 0;
  for (const r of readers) r.received = 0;
  phaseStartedAt = Date.now();
  phaseCpu = process.cpuUsage();
  loopDelay.reset();
  send({ type: "phase-ready" });
}

function missing(expected: Record<string, number>): number {
  let lost = 0;
  for (const r of readers) lost += Math.max(0, (expected[r.articleId] ?? 0) - r.received);
  return lost;
}

/** Waits (polling, as a load tool may) until every reader has its expected count, or the deadline. */
async function finish(expected: Record<string, number>, drainMs: number): Promise<void> {
  const deadline = Date.now() + drainMs;
  while (missing(expected) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const cpu = process.cpuUsage(phaseCpu);
  let extra = 0;
  for (const r of readers) extra += Math.max(0, r.received - (expected[r.articleId] ?? 0));
  send({
    type: "result",
    histogram: hdr.encodeIntoCompressedBase64(histogram),
    deliveries,
    lost: missing(expected),
    extra,
    dropped: readers.filter((r) => r.closed).length,
    lastReceiveAt: lastReceiveAt / 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: Date.now() - phaseStartedAt,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  });
}

loopDelay.enable();
// The coordinator is gone (ended or killed): so is the load.
process.on("disconnect", () => process.exit(0));
process.on("message", (cmd: ReaderCommand) => {
  if (cmd.type === "connect") void connectAll(cmd);
  else if (cmd.type === "rejoin") void rejoin(cmd.articleIds);
  else if (cmd.type === "phase") startPhase(cmd.phase);
  else if (cmd.type === "finish") void finish(cmd.expected, cmd.drainMs);
  else {
    for (const r of readers) r.socket.close();
    process.exit(0);
  }
});
