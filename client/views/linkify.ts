/**
 * Turns a comment body (plain text) into DOM nodes where web addresses become links. Only http and
 * https links are made, with rel="nofollow ugc noopener": user content must not pass page rank,
 * nor get a handle on this window.
 */
import { h } from "./dom.js";

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that usually ends a sentence rather than an address. */
const TRAILING = new Set([".", ",", ";", ":", "!", "?", "'", '"', ")", "]"]);

const count = (text: string, char: string): number => text.split(char).length - 1;

/**
 * The address inside a matched run of text: sentence punctuation is cut from the end one character
 * at a time, but a `)` that closes a `(` of the address itself stays (Wikipedia-style links), so
 * ".../Foo_(bar)." links to ".../Foo_(bar)" and "(see https://a.example/x)" to ".../x".
 */
export function trimAddress(raw: string): string {
  let end = raw.length;
  while (end > 0 && TRAILING.has(raw[end - 1] ?? "")) {
    const head = raw.slice(0, end);
    if (raw[end - 1] === ")" && count(head, "(") >= count(head, ")")) break;
    end -= 1;
  }
  return raw.slice(0, end);
}

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
    const raw = trimAddress(match[0]);
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
