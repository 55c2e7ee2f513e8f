/**
 * The small markup a comment body may hold, parsed into a tree of a few allowed kinds (pure: no
 * DOM, so Node tests and fuzzing run it as the browser does). The body itself stays plain text on
 * the wire, in the store and in email; only the embed renders this tree (./markup.view.ts).
 *
 * `**bold**`, `_italic_`, `` `code` ``, `||spoiler||`, lines starting with `>` (consecutive ones
 * are one quote), and bare http(s) addresses. A single `*` stays literal (`2*3*4`, footnotes).
 * Ambiguity is settled by small rules, not backtracking:
 * - a marker opens only before a non-space and closes only after one; `_` also needs no letter,
 *   digit, `_` or `@` on its outer side, so `snake_case_words` and `@some_handle_` stay as typed;
 * - the closer is the first valid one after the opener, inside the span around it; a marker with
 *   no closer, or with nothing between, stays literal; spans never overlap;
 * - markers inside an address or inside code are text; spans nest at most MAX_DEPTH deep.
 * Each closer position is found once per kind (a table built backwards), and each character is
 * visited once, so 5,000 `*` or `**_**_…` parse in linear time.
 */
import { findLinks } from "./linkify.js";

/** A span of inline text with children. */
export interface MarkupSpan {
  kind: "strong" | "em" | "code" | "spoiler" | "blockquote";
  children: MarkupNode[];
}

/** A bare http(s) address: `text` as written, `href` its normalised form. */
export interface MarkupLink {
  kind: "a";
  href: string;
  text: string;
}

/** Text, a span or a link. */
export type MarkupNode = string | MarkupSpan | MarkupLink;

/** How deep spans may nest (`**_||`code`||_**` is 4). */
export const MAX_DEPTH = 4;

const MARKERS = [
  ["**", "strong"],
  ["_", "em"],
  ["`", "code"],
  ["||", "spoiler"],
] as const;

/** What may not stand on the outer side of `_` (inside words, handles and the like). */
const WORDISH = /[\p{L}\p{N}_@]/u;
const isSpace = (char: string | undefined) => !char || /\s/.test(char);

/**
 * Whether `marker` stands at `at` and may open a span (`open`) or close one: a non-space on its
 * inner side, and for `_` neither `_` inside nor a word character or `@` outside.
 */
function fits(text: string, at: number, marker: string, open: boolean): boolean {
  const after = at + marker.length;
  const inner = text[open ? after : at - 1];
  return (
    text.startsWith(marker, at) &&
    !isSpace(inner) &&
    (marker !== "_" || (inner !== "_" && !WORDISH.test(text[open ? at - 1 : after] ?? " ")))
  );
}

/** Inline markup of one run of text (a quote's lines, or the lines between quotes). */
function parseInline(text: string, lenient: boolean): MarkupNode[] {
  const links = findLinks(text);
  const inLink = new Uint8Array(text.length);
  for (const link of links) inLink.fill(1, link.start, link.end);
  // closers[k][i]: the first valid closer of marker k at or after i, or -1.
  const closers = MARKERS.map(([marker]) => {
    const next = new Int32Array(text.length + 1).fill(-1);
    for (let i = text.length - 1; i >= 0; i -= 1) {
      next[i] = !inLink[i] && fits(text, i, marker, false) ? i : next[i + 1]!;
    }
    return next;
  });
  let nextLink = 0;

  const walk = (start: number, end: number, depth: number): MarkupNode[] => {
    const out: MarkupNode[] = [];
    let plain = start;
    let at = start;
    const flush = () => {
      if (plain < at) out.push(text.slice(plain, at));
    };
    scan: while (at < end) {
      while ((links[nextLink]?.start ?? Infinity) < at) nextLink += 1;
      const link = links[nextLink];
      if (link?.start === at) {
        flush();
        out.push({ kind: "a", href: link.href, text: text.slice(at, link.end) });
        plain = at = link.end;
        continue;
      }
      for (const [k, [marker, kind]] of MARKERS.entries()) {
        if (depth >= MAX_DEPTH || !fits(text, at, marker, true)) continue;
        const inner = at + marker.length;
        let close = closers[k]![inner]!;
        if (close < 0 || close + marker.length > end) {
          // A folded preview cuts the text: an open spoiler hides the rest rather than show it.
          close = lenient && kind === "spoiler" ? end : -1;
        }
        if (close <= inner) continue;
        flush();
        const children =
          kind === "code" ? [text.slice(inner, close)] : walk(inner, close, depth + 1);
        out.push({ kind, children });
        plain = at = close + marker.length;
        continue scan;
      }
      at += 1;
    }
    at = Math.min(at, end);
    flush();
    return out;
  };
  return walk(0, text.length, 0);
}

/**
 * Parses a body into markup nodes. `lenient` is for a folded preview, cut mid-text: a spoiler
 * left open there runs to the end of its run, so the cut never reveals what it hides.
 */
export function parseMarkup(body: string, lenient = false): MarkupNode[] {
  const out: MarkupNode[] = [];
  let run: string[] = [];
  let quoting = false;
  const flush = () => {
    const children = parseInline(run.join("\n"), lenient);
    if (run.length) out.push(...(quoting ? [{ kind: "blockquote" as const, children }] : children));
    run = [];
  };
  // The line breaks next to a quote are its edges (a block shows them); all others stay text.
  for (const line of body.split("\n")) {
    const quote = line.startsWith(">");
    if (quote !== quoting) {
      flush();
      quoting = quote;
    }
    run.push(quote ? line.replace(/^> ?/, "") : line);
  }
  flush();
  return out;
}
