/**
 * Turns a comment body (plain text) into DOM nodes where web addresses become links. Only http and
 * https links are made, with rel="nofollow ugc noopener": user content must not pass page rank,
 * nor get a handle on this window.
 */
import { h } from "./dom.js";

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that usually ends a sentence rather than an address. */
const TRAILING = /[.,;:!?'")\]]+$/;

/** Returns a safe absolute http(s) URL, or null. */
export function safeHttpUrl(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Builds a fragment of text nodes and links from plain text; nothing is parsed as HTML. */
export function linkify(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let raw = match[0];
    const trailing = TRAILING.exec(raw);
    // Keep a closing parenthesis when the address itself opened one (Wikipedia-style links).
    if (trailing && !(trailing[0] === ")" && raw.includes("("))) {
      raw = raw.slice(0, raw.length - trailing[0].length);
    }
    const href = safeHttpUrl(raw);
    if (!href) continue;
    if (start > last) fragment.append(text.slice(last, start));
    fragment.append(
      h("a", { href, rel: "nofollow ugc noopener", target: "_blank", class: "link" }, raw),
    );
    last = start + raw.length;
  }
  if (last < text.length) fragment.append(text.slice(last));
  return fragment;
}
