/**
 * The article id an import gives: it must be what the site's pages put in
 * `data-parley-article`. The --article-id flag picks the rule; docs/import.md has examples.
 *   id    the source's post id (WordPress `42`; Disqus thread identifier)
 *   slug  the post's slug (WordPress post_name, else the URL's last path segment)
 *   path  the URL's path without its outer slashes, `/` becoming `:` (`2024:05:hello-world`)
 * Characters an article id cannot hold become `_`; the front page's empty path is `index`.
 */
import { articleIdPattern } from "../../shared/limits.js";
import type { SourceArticle } from "./source.js";

export const articleIdRules = ["id", "slug", "path"] as const;
export type ArticleIdRule = (typeof articleIdRules)[number];

/** Replaces what an article id cannot hold; null when nothing usable or too long (128). */
function sanitizeArticleId(raw: string): string | null {
  const id = raw.replace(/[^A-Za-z0-9._~:-]/g, "_");
  return articleIdPattern.test(id) ? id : null;
}

function urlPath(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname.replace(/^\/+|\/+$/g, "");
  } catch {
    return null;
  }
}

/** The article id by `rule`, or null when the source lacks what the rule needs. */
export function articleIdFor(rule: ArticleIdRule, article: SourceArticle): string | null {
  let raw: string | null;
  if (rule === "id") raw = article.postId;
  else if (rule === "slug") {
    raw = article.slug || (urlPath(article.url)?.split("/").pop() ?? null);
  } else {
    const path = urlPath(article.url);
    raw = path === null ? null : path === "" ? "index" : path.replaceAll("/", ":");
  }
  return raw ? sanitizeArticleId(raw) : null;
}
