/**
 * The editors' picks a first page of threads carries, read once per article per couple of
 * seconds rather than once per page view: every embed load asks for a first page, and the
 * anonymous ones are otherwise served from memory (first-page.cache.ts). Local pins, unpins,
 * edits and votes drop the article's entry at once; another instance's are seen within
 * `maxAgeMs`, as its new comments are by the first-page cache.
 */
import type { PinnedComment } from "../../shared/schemas.js";
import { stripPrivate } from "../store/rows.js";
import type { Store } from "../store/store.js";
import type { DomainEvents } from "./domain-events.js";

/** An article's pins and their JSON size (charged to the page's byte bound). */
export interface PinnedList {
  pinned: PinnedComment[];
  bytes: number;
}

/** Articles whose pins are kept at most; the oldest go first. Each entry is at most a few comments. */
const MAX_ARTICLES = 5_000;

/** Reads an article's pins, cached briefly. */
export function createPinnedReader(
  store: Pick<Store, "listPins">,
  events: DomainEvents,
  options: { maxAgeMs: number } = { maxAgeMs: 2_000 },
) {
  const entries = new Map<string, { list: PinnedList; storedAt: number }>();
  const drop = (articleId: string) => void entries.delete(articleId);
  events.on("comment.pinned", ({ comment }) => drop(comment.articleId));
  events.on("comment.unpinned", ({ articleId }) => drop(articleId));
  events.on("comment.updated", ({ comment }) => drop(comment.articleId));
  events.on("comment.voted", ({ articleId }) => drop(articleId));

  return {
    async pinned(articleId: string): Promise<PinnedList> {
      const now = performance.now();
      const entry = entries.get(articleId);
      if (entry && now - entry.storedAt <= options.maxAgeMs) return entry.list;
      const pinned = (await store.listPins(articleId)).map(({ comment, pinnedAt }) => ({
        comment: stripPrivate(comment),
        pinnedAt,
      }));
      const list = { pinned, bytes: Buffer.byteLength(JSON.stringify(pinned)) };
      entries.delete(articleId);
      entries.set(articleId, { list, storedAt: now });
      if (entries.size > MAX_ARTICLES) entries.delete(entries.keys().next().value!);
      return list;
    },
  };
}

/** What the comment service asks of it. */
export type PinnedReader = ReturnType<typeof createPinnedReader>;
