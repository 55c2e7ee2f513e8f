/**
 * The IPC protocol between the rolling-restart scenario and its reconnecting readers
 * (rejoin-reader-worker.ts). Unlike the fan-out readers, these keep what the embed keeps: the
 * seqs they hold, so that after a reconnect they rejoin with `after` = the last seq held, and
 * drop (and count) anything they already have.
 */

/** Opens `count` readers; reader g joins `articleId` on `baseUrls[g % n]`, without `after`. */
export interface RejoinConnect {
  type: "connect";
  baseUrls: string[];
  articleId: string;
  offset: number;
  count: number;
  localAddress: string;
}

/** Where reconnecting readers may go from now on (an instance came back on another port). */
export interface RejoinUrls {
  type: "urls";
  baseUrls: string[];
}

/** Live deliveries are counted from now on under `window` (e.g. before, storm, after). */
export interface RejoinWindow {
  type: "window";
  window: string;
}

/** Asks how many readers are not yet back and caught up (answered with RejoinStatus). */
export interface RejoinStatusAsk {
  type: "status";
}

/** Waits until every reader holds every seq up to `finalSeq` (or `waitMs`), then reports. */
export interface RejoinReport {
  type: "report";
  finalSeq: number;
  waitMs: number;
}

export type RejoinCommand =
  RejoinConnect | RejoinUrls | RejoinWindow | RejoinStatusAsk | RejoinReport | { type: "close" };

export interface RejoinConnected {
  type: "connected";
  connected: number;
  failed: number;
  firstError: string | null;
}

export interface RejoinStatus {
  type: "status";
  /** Readers whose connection dropped at least once. */
  moved: number;
  /** Of those, readers connected again, joined and caught up (the join with `after` answered in full). */
  caughtUp: number;
  /** Latest epoch ms at which a moved reader finished catching up. */
  lastCaughtUpAt: number;
  /** Latest epoch ms at which a moved reader's new connection was up (before its join). */
  lastConnectedAt: number;
}

/** One worker's account of the run. */
export interface RejoinResult {
  type: "result";
  /** Live post-to-receive latency (µs, HdrHistogram base64) by `<window>:<stayed|moved>`. */
  histograms: Record<string, string>;
  /** Sum over readers of seqs in (their first join's lastSeq, finalSeq] they do not hold. */
  lost: number;
  /** Comments received whose seq the reader already held (live and catch-up overlap): dropped. */
  duplicatesSent: number;
  /** The same seq received with another comment id: a reader would show two comments. */
  conflicts: number;
  /** Reconnections made, and connect attempts refused (the instance was down). */
  reconnects: number;
  refusedAttempts: number;
  /** Joins answered `ok: false` (retried), and the first such answer. */
  joinsRefused: number;
  firstJoinError: string | null;
  /** Catch-up comments received in join answers. */
  caughtUpComments: number;
  /** Readers not connected and caught up when the report was asked. */
  unsettled: number;
}

export type RejoinReply = RejoinConnected | RejoinStatus | RejoinResult;
