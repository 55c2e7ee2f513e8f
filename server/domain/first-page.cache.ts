/**
 * A short-lived cache of the first page of threads as an anonymous reader sees it: the page every
 * embed load asks for, and on a busy article the one query that dominates the read load.
 *
 * A cached page is used only while the article's lastSeq is still the one it was read at (every
 * new comment, edit or removal takes a seq, on any instance, so a stale page is never served after
 * a change), while it is younger than `maxAgeMs` (votes take no seq; local ones also drop the
 * article's pages at once), and never for a signed-in viewer, who may see their own pending
 * comments. A page is a consistent snapshot with its lastSeq, so a reader who joins with
 * `after = lastSeq` misses nothing either way.
 *
 * Bounded by bytes, not entries: one client asking for every `sort` x `limit` of a thread with
 * long replies once filled an entry-bounded cache until the heap ran out.
 */
import type { Sort, Thread } from "../../shared/schemas.js";
import type { ThreadCursor } from "../store/store.js";
import type { DomainEvents } from "./domain-events.js";

/** A first page as the service answers it; `bytes` is the JSON size of its threads. */
export interface CachedPage {
  threads: Thread[];
  nextCursor: ThreadCursor | null;
  bytes: number;
}

/**
 * What an entry is charged: its objects take about twice their JSON on the heap, and the route
 * keeps the JSON string beside them while the page lives, with its brotli and gzip variants (made
 * lazily, together well under the JSON's size); plus the key and bookkeeping.
 */
export function entryWeight(page: CachedPage): number {
  return 4 * page.bytes + 512;
}

interface Entry {
  lastSeq: number;
  storedAt: number;
  page: CachedPage;
  weight: number;
}

export interface FirstPageCache {
  get(
    articleId: string,
    sort: Sort,
    limit: number,
    lastSeq: number,
    now: number,
  ): CachedPage | null;
  set(
    articleId: string,
    sort: Sort,
    limit: number,
    lastSeq: number,
    now: number,
    page: CachedPage,
  ): void;
  /** The weight held now, in bytes (for tests and metrics). */
  weight(): number;
}

/** Bounded: past `maxBytes` of entry weight the oldest entries go; a page heavier than it is not kept. */
export function createFirstPageCache(
  events: DomainEvents,
  options: { maxAgeMs: number; maxBytes: number },
): FirstPageCache {
  const entries = new Map<string, Entry>();
  const byArticle = new Map<string, Set<string>>();
  let total = 0;
  const keyOf = (articleId: string, sort: Sort, limit: number) => `${articleId}\n${sort}\n${limit}`;

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.weight;
    const article = key.slice(0, key.indexOf("\n"));
    byArticle.get(article)?.delete(key);
    if (byArticle.get(article)?.size === 0) byArticle.delete(article);
  }
  function drop(articleId: string): void {
    for (const key of byArticle.get(articleId) ?? []) remove(key);
  }
  events.on("comment.created", ({ comment }) => drop(comment.articleId));
  events.on("comment.updated", ({ comment }) => drop(comment.articleId));
  events.on("comment.voted", ({ articleId }) => drop(articleId));

  return {
    get(articleId, sort, limit, lastSeq, now) {
      const entry = entries.get(keyOf(articleId, sort, limit));
      if (!entry || entry.lastSeq !== lastSeq || now - entry.storedAt > options.maxAgeMs) {
        return null;
      }
      return entry.page;
    },
    set(articleId, sort, limit, lastSeq, now, page) {
      const key = keyOf(articleId, sort, limit);
      remove(key);
      const weight = entryWeight(page);
      if (weight > options.maxBytes) return;
      // Map order is insertion order: the first keys are the oldest.
      for (const oldest of entries.keys()) {
        if (total + weight <= options.maxBytes) break;
        remove(oldest);
      }
      entries.set(key, { lastSeq, storedAt: now, page, weight });
      total += weight;
      const keys = byArticle.get(articleId) ?? new Set<string>();
      keys.add(key);
      byArticle.set(articleId, keys);
    },
    weight: () => total,
  };
}
