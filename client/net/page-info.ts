/**
 * The page the embed runs on, as the server is told it (`page: { url, title }`): the host's
 * `data-parley-url` / `data-parley-title` when given, else the page's `<link rel="canonical">` and
 * `document.title`, else its own address. The server keeps it only if it verifies.
 */
import { cleanPageTitle, cleanPageUrl } from "../../shared/article-page.js";

/** What the embed says of its page. */
export interface PageInfo {
  url: string;
  title: string | null;
}

/** Reads the page for the embed mounted on `host`; null when nothing usable is found. */
export function readPage(host: HTMLElement): PageInfo | null {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  const candidates = [host.dataset.parleyUrl, canonical, window.location.href];
  for (const candidate of candidates) {
    if (!candidate) continue;
    // Relative data-parley-url values are read against the page, as a link would be.
    let absolute: string;
    try {
      absolute = new URL(candidate, window.location.href).href;
    } catch {
      continue;
    }
    const url = cleanPageUrl(absolute);
    if (url) {
      return { url: url.href, title: cleanPageTitle(host.dataset.parleyTitle ?? document.title) };
    }
  }
  return null;
}
