/**
 * The IPC protocol between the bench coordinator (bench/run.ts) and its forked load workers.
 * Each phase of load tags every post body with its phase number, so frames from an earlier phase
 * still in flight are never counted in a later one.
 */

/** Opens `count` readers; reader g (global index `offset + i`) joins `articleIds[g % n]` on `baseUrls[g % m]`. */
export interface ReaderConnect {
  type: "connect";
  baseUrls: string[];
  articleIds: string[];
  offset: number;
  count: number;
  localAddress: string;
}

/** Start counting a new phase: reset counters and the latency histogram. */
export interface ReaderPhase {
  type: "phase";
  phase: number;
}

/** Posting is over: wait until each reader saw `expected[articleId]` posts, or `drainMs` passes. */
export interface ReaderFinish {
  type: "finish";
  expected: Record<string, number>;
  drainMs: number;
}

/** Moves reader g to `articleIds[g % n]`: leaves its article and joins that one. */
export interface ReaderRejoin {
  type: "rejoin";
  articleIds: string[];
}

export type ReaderCommand =
  ReaderConnect | ReaderRejoin | ReaderPhase | ReaderFinish | { type: "close" };

/** Answer to connect and to rejoin. */
export interface ReaderConnected {
  type: "connected";
  connected: number;
  failed: number;
  firstError: string | null;
}

/** One worker's share of a phase's outcome. */
export interface ReaderResult {
  type: "result";
  /** Post-to-receive latency in microseconds, HdrHistogram compressed base64. */
  histogram: string;
  deliveries: number;
  /** Sum over readers of (expected - received) where positive. */
  lost: number;
  /** Sum over readers of (received - expected) where positive: duplicates or strays. */
  extra: number;
  /** Readers whose connection closed during the phase. */
  dropped: number;
  /** Wall-clock ms (epoch) of the last delivery counted. */
  lastReceiveAt: number;
  /** CPU the worker spent during the phase, in ms, and the phase's wall time. */
  cpuMs: number;
  wallMs: number;
  /** Event-loop delay p99 in ms during the phase: a busy generator shows here first. */
  loopDelayP99Ms: number;
}

export type ReaderReply = ReaderConnected | { type: "phase-ready" } | ReaderResult;

/** Opens one poster connection per token (null: no auth, for the bare server). */
export interface PosterConnect {
  type: "connect";
  baseUrls: string[];
  tokens: (string | null)[];
}

/** Posts `ratePerSec` comments for `durationMs`, round-robin over articles and posters. */
export interface PosterRun {
  type: "run";
  phase: number;
  articleIds: string[];
  ratePerSec: number;
  durationMs: number;
  /** How long to wait for outstanding acks at the end. */
  ackTimeoutMs: number;
}

export type PosterCommand = PosterConnect | PosterRun | { type: "close" };

export interface PosterResult {
  type: "done";
  sent: number;
  acked: number;
  failed: number;
  firstFailure: string | null;
  /** Acks that said `rate_limited` (the flood guard or a rate limit refused an honest post). */
  refused: number;
  /** Poster connections closed by the end of the run (the flood guard cuts a flooder). */
  disconnected: number;
  /** Acknowledged posts per article: what every reader of it must receive. */
  expected: Record<string, number>;
  /** Post-to-ack latency in microseconds, HdrHistogram compressed base64. */
  ackHistogram: string;
  firstSendAt: number;
  lastSendAt: number;
}

export type PosterReply = { type: "connected"; connected: number } | PosterResult;

/** Microseconds since the epoch, comparable across processes on one machine. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** The stamp a post body carries: `~p<phase>t<sendMicros>~`. */
export function stamp(phase: number): string {
  return `~p${phase}t${nowMicros()}~`;
}

/** Histograms from 1 µs to 10 minutes at 3 significant digits. */
export const histogramRequest = {
  lowestDiscernibleValue: 1,
  highestTrackableValue: 600_000_000,
  numberOfSignificantValueDigits: 3,
} as const;
