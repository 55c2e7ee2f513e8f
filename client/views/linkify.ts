/**
 * Finds the web addresses in a comment body (plain text) for the markup parser (./markup.parser.ts),
 * which turns them into links. Only http and https addresses count; pure, so it runs in Node too.
 */

const URL_PATTERN = /https?:\/\/[^\s<>"]+/gi;
/** A letter or digit glued before `http` makes it part of a word ("xhttps://"), not an address. */
const GLUED = /[\p{L}\p{N}]/u;
/**
 * Punctuation that usually ends a sentence rather than an address, and the markup markers that
 * close around one (`**https://a.example**`). `_` is not one of them: addresses use it.
 */
const TRAILING = new Set([".", ",", ";", ":", "!", "?", "'", '"', ")", "]", "*", "|", "`"]);

const count = (text: string, char: string): number => text.split(char).length - 1;

/**
 * The address inside a matched run of text: sentence punctuation is cut from the end one character
 * at a time, but a `)` that closes a `(` of the address itself stays (Wikipedia-style links), so
 * ".../Foo_(bar)." links to ".../Foo_(bar)" and "(see https://a.example/x)" to ".../x".
 */
export function trimAddress(raw: string): string {
  // Counted once, then kept up to date: linear even for an address ending in 5,000 `)`.
  const opened = count(raw, "(");
  let closed = count(raw, ")");
  let end = raw.length;
  while (end > 0 && TRAILING.has(raw[end - 1] ?? "")) {
    if (raw[end - 1] === ")") {
      if (opened >= closed) break;
      closed -= 1;
    }
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

/** A link found in plain text: where its address starts and ends, and its safe href. */
export interface FoundLink {
  start: number;
  end: number;
  href: string;
}

/** The http(s) addresses in plain text, in order; one linear regex pass, nothing parsed as HTML. */
export function findLinks(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = trimAddress(match[0]);
    const href = safeHttpUrl(raw);
    // `_` may come before one: `_https://a.example_b_` links the whole address, underscores too.
    if (href && !GLUED.test(text[match.index - 1] ?? ""))
      found.push({ start: match.index, end: match.index + raw.length, href });
  }
  return found;
}
