/**
 * Byte-bounded reads, shared by both SQL stores so they cut pages at the same place.
 *
 * Two steps. The SQL keeps a running estimate of the JSON each row adds (its body's UTF-8 bytes
 * plus `rowOverheadBytes`) and stops returning rows just past the budget, so a hostile thread of
 * 5,000-character replies is never loaded whole. Then the functions below measure each comment's
 * real JSON and cut exactly, since escaping can make the JSON larger than the estimate.
 */
import { limits } from "../../shared/limits.js";
import type { Comment } from "../../shared/schemas.js";
import { type CommentRow, stripPrivate, toComment } from "./rows.js";
import type { CommentRecord, StoredThread, ThreadCursor } from "./store.js";

/** Room kept for a response's envelope (articleId, counts, cursors) outside the listed comments. */
const envelopeBytes = 2 * 1024;
/** Default budget of a page's comments: the contract's response bound less the envelope. */
export const defaultMaxBytes = limits.responseMaxBytes - envelopeBytes;
/** Replies of one thread inside a threads page: one long thread cannot take the whole page. */
export const threadRepliesMaxBytes = 32 * 1024;
/** The estimated JSON of a comment besides its body (ids, author, dates, keys). */
export const rowOverheadBytes = 400;
/** A thread's own keys and replies cursor around its comments, at most. */
const threadOverheadBytes = 256;

/** A row with the SQL's running estimate: bytes up to and including this row. */
export interface EstimatedRow extends CommentRow {
  est_bytes: number | string;
}

/**
 * A reply row: also its rank and how many replies its thread has after the asked seq (or, where
 * the SQL reads only a page, how many of them it read: one more than a page says more follow).
 */
export interface ReplyRow extends EstimatedRow {
  reply_total: number | string;
  reply_rank: number | string;
}

/** The UTF-8 size of a value's JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/** Changes in seq order, cut at `limit` rows or `maxBytes`; `hasMore` whenever anything is left. */
export function cutChanges(
  rows: EstimatedRow[],
  limit: number,
  maxBytes: number,
): { changes: Comment[]; hasMore: boolean; bytes: number } {
  const changes: Comment[] = [];
  let bytes = 2;
  for (const row of rows) {
    if (changes.length >= limit) return { changes, hasMore: true, bytes };
    const comment = stripPrivate(toComment(row));
    const size = jsonBytes(comment) + 1;
    // Always at least one, so paging progresses (one comment is far below any budget).
    if (changes.length > 0 && (Number(row.est_bytes) > maxBytes || bytes + size > maxBytes)) {
      return { changes, hasMore: true, bytes };
    }
    changes.push(comment);
    bytes += size;
  }
  return { changes, hasMore: false, bytes };
}

/** One thread's replies after `after` (its rows in created order), cut by count and bytes. */
export function cutReplies(
  rows: ReplyRow[],
  after: number,
  limit: number,
  maxBytes: number,
  total = rows.length > 0 ? Number(rows[0]!.reply_total) : 0,
): { replies: Comment[]; repliesAfter: number | null; moreReplies: number; bytes: number } {
  const replies: Comment[] = [];
  let bytes = 2;
  let last = after;
  for (const row of rows) {
    if (replies.length >= limit || Number(row.est_bytes) > maxBytes) break;
    const record = toComment(row);
    const comment = stripPrivate(record);
    const size = jsonBytes(comment) + 1;
    if (bytes + size > maxBytes) break;
    replies.push(comment);
    bytes += size;
    last = record.createdSeq;
  }
  const moreReplies = total - replies.length;
  return { replies, repliesAfter: moreReplies > 0 ? last : null, moreReplies, bytes };
}

/**
 * A threads page: roots in order (`roots` may hold one more than `limit`, which says a next page
 * exists), each with its first replies, stopping at the first root that no longer fits.
 */
export function cutThreads(
  roots: CommentRecord[],
  repliesOf: (rootId: string) => ReplyRow[],
  totalOf: (rootId: string) => number,
  options: { limit: number; repliesLimit: number; maxBytes: number },
): { threads: StoredThread[]; nextCursor: ThreadCursor | null; bytes: number } {
  const threads: StoredThread[] = [];
  let bytes = 2;
  let last: CommentRecord | undefined;
  let cut = roots.length > options.limit;
  for (const root of roots.slice(0, options.limit)) {
    const comment = stripPrivate(root);
    const rootBytes = jsonBytes(comment) + threadOverheadBytes;
    if (threads.length > 0 && bytes + rootBytes > options.maxBytes) {
      cut = true;
      break;
    }
    const budget = Math.min(threadRepliesMaxBytes, options.maxBytes - bytes - rootBytes);
    const r = cutReplies(
      repliesOf(root.id),
      root.createdSeq,
      options.repliesLimit,
      budget,
      totalOf(root.id),
    );
    threads.push({
      comment,
      replies: r.replies,
      moreReplies: r.moreReplies,
      repliesAfter: r.repliesAfter,
    });
    bytes += rootBytes + r.bytes;
    last = root;
  }
  return {
    threads,
    nextCursor: cut && last ? { createdSeq: last.createdSeq, score: last.score } : null,
    bytes,
  };
}

/** Reply counts by root, from rows of `{ root_id, n }`. */
export function countsByRoot(
  rows: { root_id: string; n: number | string }[],
): (rootId: string) => number {
  const counts = new Map(rows.map((r) => [r.root_id, Number(r.n)]));
  return (rootId) => counts.get(rootId) ?? 0;
}

/** Groups reply rows by their thread's root, keeping their order. */
export function groupByRoot(rows: ReplyRow[]): (rootId: string) => ReplyRow[] {
  const byRoot = new Map<string, ReplyRow[]>();
  for (const row of rows) {
    const list = byRoot.get(row.root_id ?? "");
    if (list) list.push(row);
    else byRoot.set(row.root_id ?? "", [row]);
  }
  return (rootId) => byRoot.get(rootId) ?? [];
}
