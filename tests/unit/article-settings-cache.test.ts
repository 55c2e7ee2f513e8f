/**
 * The post path's per-instance article cache: entries expire after their TTL, the oldest goes
 * past the bound, and a dropped article is read again. (That a stale entry never lets a post
 * through is the store's check: tests/contract/store-comments.contract.ts and
 * tests/integration/scale-out-moderation.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { createArticleSettingsCache } from "../../server/domain/article-settings.cache.js";
import type { ArticleRecord } from "../../server/store/store.js";

function article(articleId: string): ArticleRecord {
  return {
    articleId,
    commentCount: 0,
    lastSeq: 0,
    moderation: null,
    closedAt: null,
    title: null,
    url: null,
  };
}

describe("article settings cache", () => {
  it("forgets an entry after its TTL, and on drop", () => {
    let now = 0;
    const cache = createArticleSettingsCache(10, 1_000, () => now);
    cache.set(article("a"));
    now = 1_000;
    expect(cache.get("a")?.articleId).toBe("a");
    now = 1_001;
    expect(cache.get("a")).toBeUndefined();
    cache.set(article("a"));
    cache.drop("a");
    expect(cache.get("a")).toBeUndefined();
  });

  it("keeps at most its bound, dropping the least recently set", () => {
    const cache = createArticleSettingsCache(2, 1_000, () => 0);
    cache.set(article("a"));
    cache.set(article("b"));
    cache.set(article("a")); // set again: now the newest
    cache.set(article("c"));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.articleId).toBe("a");
    expect(cache.get("c")?.articleId).toBe("c");
  });
});
