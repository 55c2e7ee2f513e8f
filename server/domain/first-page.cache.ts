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
 */
import type { Sort } from "../../shared/schemas.js";
import type { ThreadList } from "../store/store.js";
import type { DomainEvents } from "./domain-events.js";

interface Entry {
  lastSeq: number;
  storedAt: number;
  list: ThreadList;
}

export interface FirstPageCache {
  get(
    articleId: string,
    sort: Sort,
    limit: number,
    lastSeq: number,
    now: number,
  ): ThreadList | null;
  set(
    articleId: string,
    sort: Sort,
    limit: number,
    lastSeq: number,
    now: number,
    list: ThreadList,
  ): void;
}

/** Bounded: past `maxEntries` the oldest entry goes. */
export function createFirstPageCache(
  events: DomainEvents,
  options: { maxAgeMs: number; maxEntries: number },
): FirstPageCache {
  const entries = new Map<string, Entry>();
  const byArticle = new Map<string, Set<string>>();
  const keyOf = (articleId: string, sort: Sort, limit: number) => `${articleId}\n${sort}\n${limit}`;

  function drop(articleId: string): void {
    for (const key of byArticle.get(articleId) ?? []) entries.delete(key);
    byArticle.delete(articleId);
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
      return entry.list;
    },
    set(articleId, sort, limit, lastSeq, now, list) {
      const key = keyOf(articleId, sort, limit);
      if (!entries.has(key) && entries.size >= options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) {
          entries.delete(oldest);
          const article = oldest.slice(0, oldest.indexOf("\n"));
          byArticle.get(article)?.delete(oldest);
          if (byArticle.get(article)?.size === 0) byArticle.delete(article);
        }
      }
      entries.set(key, { lastSeq, storedAt: now, list });
      const keys = byArticle.get(articleId) ?? new Set<string>();
      keys.add(key);
      byArticle.set(articleId, keys);
    },
  };
}
