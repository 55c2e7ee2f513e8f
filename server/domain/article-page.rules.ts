/**
 * Which page an article may claim: a URL on the server's own origin or on an ALLOWED_ORIGINS one,
 * cleaned (shared/article-page.ts). Pure: the caller says which origins it trusts.
 */
import { cleanPageTitle, cleanPageUrl } from "../../shared/article-page.js";
import type { ArticlePage } from "../store/store.js";

/** What a client sent as its page, already shape-checked (anything else was dropped as null). */
export interface PageClaim {
  url: string;
  title?: string | null | undefined;
}

/**
 * The page to keep, or null when it must be ignored (bad scheme, foreign origin, too long): a bad
 * page never fails the join or post that carried it; the article just keeps no page yet.
 */
export function verifyPage(
  claim: PageClaim | null | undefined,
  trustedOrigins: ReadonlySet<string>,
): ArticlePage | null {
  if (!claim) return null;
  const url = cleanPageUrl(claim.url);
  if (!url || !trustedOrigins.has(url.origin)) return null;
  return { url: url.href, title: cleanPageTitle(claim.title) };
}

/**
 * The origins a request may claim pages on: the configured ones, plus the server's own. With
 * PUBLIC_URL set, the server's own origin is that one. Without it (development) it is the origin
 * the request names (its Host), which a client other than a browser can make up: production sets
 * PUBLIC_URL (docs/security.md).
 */
export function trustedOriginsFor(
  allowed: readonly string[],
  host: string | undefined,
  publicOrigin: string | null = null,
): Set<string> {
  const origins = new Set(allowed);
  if (publicOrigin !== null) {
    origins.add(publicOrigin);
  } else if (host !== undefined && /^[A-Za-z0-9.:[\]-]{1,300}$/.test(host)) {
    origins.add(`http://${host}`);
    origins.add(`https://${host}`);
  }
  return origins;
}
