/**
 * The article as the last post saw it, per instance, so that a post need not read the article
 * before writing (one round trip of four on PostgreSQL; docs/performance.md, scenario (i)). Its
 * settings change rarely (a moderator closes, reopens or switches pre-moderation), and a cached
 * entry is only a guess: the post's write checks it under the article's lock (NewComment.expect)
 * and, if it no longer holds, nothing is written and the post reads the article afresh. So an
 * entry made stale by another instance costs one retry, never a comment on a closed article or
 * in the wrong mode. The page URL (whether to claim a page) is not checked that way: entries
 * live `ttlMs` at most, so a URL a moderator cleared is claimed again once its entry expires.
 */
import type { ArticleRecord } from "../store/store.js";

/** Articles kept; past it the oldest entry goes (one a post, bounded memory). */
const defaultMaxEntries = 10_000;
/** How long an entry is trusted for what the write does not check (the page URL). */
const defaultTtlMs = 10_000;

/** A per-instance cache of articles for the post path; see the file's comment. */
export function createArticleSettingsCache(
  maxEntries = defaultMaxEntries,
  ttlMs = defaultTtlMs,
  now: () => number = () => performance.now(),
) {
  const entries = new Map<string, { article: ArticleRecord; at: number }>();
  return {
    /** The cached article, if seen within ttlMs. */
    get(articleId: string): ArticleRecord | undefined {
      const entry = entries.get(articleId);
      if (!entry) return undefined;
      if (now() - entry.at > ttlMs) {
        entries.delete(articleId);
        return undefined;
      }
      return entry.article;
    },
    /** Keeps `article` as just seen (read, or returned by a write under its lock). */
    set(article: ArticleRecord): void {
      entries.delete(article.articleId);
      entries.set(article.articleId, { article, at: now() });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    /** Forgets an article (its settings changed, or a write found the entry stale). */
    drop(articleId: string): void {
      entries.delete(articleId);
    },
  };
}
