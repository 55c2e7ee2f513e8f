/**
 * A forked process of readers that behave like the embed across a restart: each holds the seqs
 * (and ids) it has, drops a comment it already holds, and when its connection closes it comes
 * back as socket.io-client would (first try after 250-750 ms, then doubling up to 5 s, with
 * jitter), to the next instance in its list, round robin: the instance that went away refuses
 * the connection, so the reader lands on one that is up, as behind a load balancer with health
 * checks. Once connected it rejoins with `after` = the highest seq it holds and repeats while the
 * answer says `hasMore`, as the embed's live-sync does. Live latency is recorded per window.
 */
import * as hdr from "hdr-histogram-js";
import { EioSocket } from "./eio-client.js";
import { commentCreatedAt, readNumber, readStamp } from "./frame-scan.js";
import { histogramRequest, nowMicros } from "./messages.js";
import type { RejoinCommand, RejoinConnect, RejoinReply } from "./rejoin-messages.js";

interface Reader {
  g: number;
  /** Index into the URL list of the instance it is on (or will try next). */
  at: number;
  socket: EioSocket | null;
  held: Map<number, string>;
  maxSeq: number;
  /** lastSeq of its first join: it must hold every seq after it. */
  startSeq: number;
  moved: boolean;
  settled: boolean;
  caughtUpAt: number;
  connectedAt: number;
  attempts: number;
}

const SEQ = Buffer.from('"seq":');
const ID = Buffer.from('"id":"');
const QUOTE = 0x22;
const CONNECT_CONCURRENCY = 64;

const readers: Reader[] = [];
let baseUrls: string[] = [];
let localAddress = "127.0.0.2";
let articleId = "";
let window = "before";
const histograms = new Map<string, hdr.Histogram>();
const counts = {
  duplicatesSent: 0,
  conflicts: 0,
  reconnects: 0,
  refusedAttempts: 0,
  joinsRefused: 0,
  caughtUpComments: 0,
};
let firstJoinError: string | null = null;

function send(reply: RejoinReply): void {
  process.send?.(reply);
}

/** Takes a comment from either source; true when it was new to this reader. */
function accept(reader: Reader, seq: number, id: string): boolean {
  const known = reader.held.get(seq);
  if (known !== undefined) {
    counts.duplicatesSent += 1;
    if (known !== id) counts.conflicts += 1;
    return false;
  }
  reader.held.set(seq, id);
  if (seq > reader.maxSeq) reader.maxSeq = seq;
  return true;
}

function onLive(reader: Reader, frame: Buffer): void {
  const payloadAt = commentCreatedAt(frame);
  if (payloadAt < 0) return;
  const idAt = frame.indexOf(ID, payloadAt);
  const seqAt = frame.indexOf(SEQ, payloadAt);
  if (idAt < 0 || seqAt < 0) return;
  const idEnd = frame.indexOf(QUOTE, idAt + ID.length);
  const [seq] = readNumber(frame, seqAt + SEQ.length);
  accept(reader, seq, frame.toString("latin1", idAt + ID.length, idEnd));
  const stamp = readStamp(frame, payloadAt);
  if (stamp === null) return;
  const sentAt = stamp.sentAt;
  const key = `${window}:${reader.moved ? "moved" : "stayed"}`;
  let histogram = histograms.get(key);
  if (!histogram) histograms.set(key, (histogram = hdr.build(histogramRequest)));
  histogram.recordValue(Math.max(1, nowMicros() - sentAt));
}

interface JoinAnswer {
  ok: boolean;
  lastSeq?: number;
  hasMore?: boolean;
  changes?: { id: string; seq: number }[];
  error?: { code: string };
}

/** Joins (with `after` once it holds something) until the answer is complete. */
async function join(reader: Reader, socket: EioSocket, first: boolean): Promise<void> {
  for (;;) {
    const payload = first ? { articleId } : { articleId, after: reader.maxSeq };
    const raw = await socket.request("article:join", payload);
    const [answer] = JSON.parse(raw) as [JoinAnswer];
    if (!answer.ok) {
      counts.joinsRefused += 1;
      firstJoinError ??= raw.slice(0, 200);
      if (first) throw new Error(`join refused: ${raw.slice(0, 200)}`);
      // The embed retries on its next connect; a bench reader retries after a second.
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1000));
      if (!socket.open) return;
      continue;
    }
    if (first) {
      reader.startSeq = answer.lastSeq ?? 0;
      reader.maxSeq = Math.max(reader.maxSeq, reader.startSeq);
    }
    for (const c of answer.changes ?? []) {
      counts.caughtUpComments += 1;
      accept(reader, c.seq, c.id);
    }
    if (!answer.hasMore || (answer.changes ?? []).length === 0) return;
  }
}

/** Opens a connection to the reader's current instance and joins; rejects when refused. */
async function open(reader: Reader, first: boolean): Promise<void> {
  const socket = new EioSocket({
    baseUrl: baseUrls[reader.at % baseUrls.length]!,
    localAddress,
    onEvent: (frame) => onLive(reader, frame),
    onClose: () => {
      if (reader.socket !== socket) return;
      reader.socket = null;
      reader.moved = true;
      reader.settled = false;
      reader.attempts = 0;
      scheduleReconnect(reader);
    },
  });
  await socket.ready;
  reader.socket = socket;
  reader.connectedAt = Date.now();
  await join(reader, socket, first);
  if (reader.socket === socket && socket.open) {
    reader.settled = true;
    reader.caughtUpAt = Date.now();
  }
}

/** socket.io-client's backoff: 500 ms doubling to 5 s, +-50%; the first try comes sooner. */
function scheduleReconnect(reader: Reader): void {
  const base = Math.min(5000, 500 * 2 ** reader.attempts);
  const delay = base * (0.5 + Math.random());
  setTimeout(() => {
    reader.attempts += 1;
    reader.at += 1;
    open(reader, false).then(
      () => {
        counts.reconnects += 1;
      },
      () => {
        counts.refusedAttempts += 1;
        if (!reader.socket) scheduleReconnect(reader);
      },
    );
  }, delay);
}

async function connectAll(cmd: RejoinConnect): Promise<void> {
  baseUrls = cmd.baseUrls;
  localAddress = cmd.localAddress;
  articleId = cmd.articleId;
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async (): Promise<void> => {
    while (next < cmd.count) {
      const g = cmd.offset + next;
      next += 1;
      const reader: Reader = {
        g,
        at: g,
        socket: null,
        held: new Map(),
        maxSeq: 0,
        startSeq: 0,
        moved: false,
        settled: false,
        caughtUpAt: 0,
        connectedAt: 0,
        attempts: 0,
      };
      try {
        await open(reader, true);
        readers.push(reader);
      } catch (err) {
        failed += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, cmd.count) }, lane));
  send({ type: "connected", connected: readers.length, failed, firstError });
}

function missing(finalSeq: number): number {
  let lost = 0;
  for (const r of readers) {
    for (let seq = r.startSeq + 1; seq <= finalSeq; seq += 1) if (!r.held.has(seq)) lost += 1;
  }
  return lost;
}

async function report(finalSeq: number, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (missing(finalSeq) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const encoded: Record<string, string> = {};
  for (const [key, h] of histograms) encoded[key] = hdr.encodeIntoCompressedBase64(h);
  send({
    type: "result",
    histograms: encoded,
    lost: missing(finalSeq),
    ...counts,
    firstJoinError,
    unsettled: readers.filter((r) => !r.settled).length,
  });
}

// The coordinator is gone (ended or killed): so is the load.
process.on("disconnect", () => process.exit(0));
process.on("message", (cmd: RejoinCommand) => {
  if (cmd.type === "connect") void connectAll(cmd);
  else if (cmd.type === "urls") baseUrls = cmd.baseUrls;
  else if (cmd.type === "window") window = cmd.window;
  else if (cmd.type === "status") {
    const moved = readers.filter((r) => r.moved);
    send({
      type: "status",
      moved: moved.length,
      caughtUp: moved.filter((r) => r.settled).length,
      lastCaughtUpAt: Math.max(0, ...moved.map((r) => r.caughtUpAt)),
      lastConnectedAt: Math.max(0, ...moved.map((r) => r.connectedAt)),
    });
  } else if (cmd.type === "report") void report(cmd.finalSeq, cmd.waitMs);
  else {
    for (const r of readers) r.socket?.close();
    process.exit(0);
  }
});
