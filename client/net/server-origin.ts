/**
 * Finds the Parley server's origin from the embed's own script tag, so a host page needs no
 * configuration beyond `<script src="https://HOST/embed.js" async>`.
 */

/** The origin that served embed.js; falls back to the page's own origin. */
export function findServerOrigin(doc: Document = document): string {
  // `currentScript` is null for async scripts once they run after parsing, so search as well.
  const current = doc.currentScript;
  const script =
    current instanceof HTMLScriptElement && /\/embed\.js(\?|#|$)/.test(current.src)
      ? current
      : doc.querySelector<HTMLScriptElement>('script[src$="/embed.js"], script[src*="/embed.js?"]');
  try {
    if (script?.src) return new URL(script.src, doc.baseURI).origin;
  } catch {
    // A malformed src: fall through to the page's origin.
  }
  return doc.defaultView?.location.origin ?? "";
}
