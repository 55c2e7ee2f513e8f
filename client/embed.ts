/**
 * The Parley embed. A host page adds
 * `<div data-parley-article="ID"></div><script src="https://HOST/embed.js" async></script>`
 * and every such element becomes a live comment section served by HOST.
 */
import { articleIdPattern } from "../shared/limits.js";
import { findServerOrigin } from "./net/server-origin.js";
import { mountWidget } from "./mount-widget.js";
import { startLanguage, type Language } from "./wiring/language.wiring.js";

const origin = findServerOrigin();
let language: Promise<Language> | null = null;

function mountAll(): void {
  for (const host of document.querySelectorAll<HTMLElement>("[data-parley-article]")) {
    const articleId = host.dataset.parleyArticle ?? "";
    if (host.dataset.parleyMounted || !articleIdPattern.test(articleId)) continue;
    host.dataset.parleyMounted = "true";
    // One language per page (`t()` is page-wide): the first section's `data-parley-locale`, else
    // the page's, else the browser's. Nothing renders before its catalogue: English never flashes.
    language ??= startLanguage([host.dataset.parleyLocale, document.documentElement.lang], origin);
    void language.then((chosen) => mountWidget(host, articleId, origin, chosen));
  }
}

// The script is async: the placeholder may still be parsing when it runs.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
