/** server/domain/first-page.cache.ts: when a cached first page may be served, and when not. */
import { describe, expect, it } from "vitest";
import { DomainEvents } from "../../server/domain/domain-events.js";
import {
  type CachedPage,
  createFirstPageCache,
  entryWeight,
} from "../../server/domain/first-page.cache.js";
import type { CommentRecord } from "../../server/store/store.js";

const list = (bytes = 100): CachedPage => ({ threads: [], nextCursor: null, bytes });

function setup(maxBytes = 1_000_000) {
  const events = new DomainEvents((error) => {
    throw error;
  });
  const cache = createFirstPageCache(events, { maxAgeMs: 2_000, maxBytes });
  return { events, cache };
}

describe("first-page cache", () => {
  it("serves a page only for the same article state, sort and size, while fresh", () => {
    const { cache } = setup();
    const page = list();
    cache.set("a", "newest", 20, 7, 1_000, page);
    expect(cache.get("a", "newest", 20, 7, 2_500)).toBe(page);
    expect(cache.get("a", "newest", 20, 8, 2_500)).toBeNull(); // the article changed
    expect(cache.get("a", "oldest", 20, 7, 2_500)).toBeNull();
    expect(cache.get("a", "newest", 10, 7, 2_500)).toBeNull();
    expect(cache.get("b", "newest", 20, 7, 2_500)).toBeNull();
    expect(cache.get("a", "newest", 20, 7, 3_001)).toBeNull(); // too old (votes take no seq)
  });

  it("drops an article's pages on its comment and vote events, and only that article's", () => {
    const { events, cache } = setup();
    cache.set("a", "newest", 20, 7, 0, list());
    cache.set("a", "top", 20, 7, 0, list());
    cache.set("b", "newest", 20, 3, 0, list());
    events.emit("comment.voted", { articleId: "a", commentId: "c1", score: 2 });
    expect(cache.get("a", "newest", 20, 7, 0)).toBeNull();
    expect(cache.get("a", "top", 20, 7, 0)).toBeNull();
    expect(cache.get("b", "newest", 20, 3, 0)).not.toBeNull();
    const comment = { articleId: "b" } as CommentRecord;
    events.emit("comment.updated", {
      comment,
      previousStatus: "published",
      article: {
        articleId: "b",
        commentCount: 1,
        lastSeq: 3,
        moderation: null,
        closedAt: null,
        title: null,
        url: null,
      },
      notifications: [],
    });
    expect(cache.get("b", "newest", 20, 3, 0)).toBeNull();
  });

  it("holds at most maxBytes of pages, forgetting the oldest", () => {
    const { cache } = setup(2 * entryWeight(list(1_000)));
    cache.set("a", "newest", 20, 1, 0, list(1_000));
    cache.set("b", "newest", 20, 1, 0, list(1_000));
    cache.set("c", "newest", 20, 1, 0, list(1_000));
    expect(cache.get("a", "newest", 20, 1, 0)).toBeNull();
    expect(cache.get("b", "newest", 20, 1, 0)).not.toBeNull();
    expect(cache.get("c", "newest", 20, 1, 0)).not.toBeNull();
    // One heavy page pushes out as many small ones as it needs, and no more.
    cache.set("d", "newest", 20, 1, 0, list(600));
    expect(cache.get("b", "newest", 20, 1, 0)).toBeNull();
    expect(cache.get("c", "newest", 20, 1, 0)).not.toBeNull();
    expect(cache.weight()).toBeLessThanOrEqual(2 * entryWeight(list(1_000)));
  });

  it("stays under its byte bound whatever is asked: many sort x limit variants of a big page", () => {
    const maxBytes = 1_000_000;
    const { cache } = setup(maxBytes);
    for (const sort of ["newest", "oldest", "top"] as const) {
      for (let limit = 1; limit <= 100; limit++) {
        cache.set("hostile", sort, limit, 1, 0, list(60_000));
        expect(cache.weight()).toBeLessThanOrEqual(maxBytes);
      }
    }
    // The newest variants are still served; the weight counts what is held, not what was asked.
    expect(cache.get("hostile", "top", 100, 1, 0)).not.toBeNull();
    expect(cache.weight()).toBeGreaterThan(maxBytes / 2);
  });

  it("keeps no page heavier than the whole bound, and replacing a page does not count it twice", () => {
    const { cache } = setup(10_000);
    cache.set("a", "newest", 20, 1, 0, list(100_000));
    expect(cache.get("a", "newest", 20, 1, 0)).toBeNull();
    expect(cache.weight()).toBe(0);
    cache.set("a", "newest", 20, 1, 0, list(1_000));
    cache.set("a", "newest", 20, 2, 0, list(1_000));
    expect(cache.weight()).toBe(entryWeight(list(1_000)));
    expect(cache.get("a", "newest", 20, 2, 0)).not.toBeNull();
  });
});
