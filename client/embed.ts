/**
 * The Parley embed. A host page adds
 * `<div data-parley-article="ID"></div><script src="https://HOST/embed.js" async></script>`
 * and every such element becomes a live comment section served by HOST.
 */
import { articleIdPattern } from "../shared/limits.js";
import { findServerOrigin } from "./net/server-origin.js";
import { mountWidget } from "./mount-widget.js";

const origin = findServerOrigin();

function mountAll(): void {
  for (const host of document.querySelectorAll<HTMLElement>("[data-parley-article]")) {
    const articleId = host.dataset.parleyArticle ?? "";
    if (host.dataset.parleyMounted || !articleIdPattern.test(articleId)) continue;
    host.dataset.parleyMounted = "true";
    mountWidget(host, articleId, origin);
  }
}

// The script is async: the placeholder may still be parsing when it runs.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
