/** server/domain/first-page.cache.ts: when a cached first page may be served, and when not. */
import { describe, expect, it } from "vitest";
import { DomainEvents } from "../../server/domain/domain-events.js";
import { createFirstPageCache } from "../../server/domain/first-page.cache.js";
import type { CommentRecord, ThreadList } from "../../server/store/store.js";

const list = (): ThreadList => ({ threads: [], nextCursor: null });

function setup(maxEntries = 10) {
  const events = new DomainEvents((error) => {
    throw error;
  });
  const cache = createFirstPageCache(events, { maxAgeMs: 2_000, maxEntries });
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

  it("holds at most maxEntries pages, forgetting the oldest", () => {
    const { cache } = setup(2);
    cache.set("a", "newest", 20, 1, 0, list());
    cache.set("b", "newest", 20, 1, 0, list());
    cache.set("c", "newest", 20, 1, 0, list());
    expect(cache.get("a", "newest", 20, 1, 0)).toBeNull();
    expect(cache.get("b", "newest", 20, 1, 0)).not.toBeNull();
    expect(cache.get("c", "newest", 20, 1, 0)).not.toBeNull();
  });
});
