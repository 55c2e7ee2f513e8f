/**
 * Comment HTML (WordPress, Disqus) to Parley's plain text, faithfully: paragraphs stay paragraphs
 * (a blank line), line breaks stay line breaks, a link keeps its URL (`text (URL)`, or the URL
 * alone when that is its text), entities are decoded, and no markup is left. WordPress stores
 * comments as typed, with newlines (its display adds <p> and <br>), so newlines are kept as is.
 */

const named: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  deg: "°",
  plusmn: "±",
  times: "×",
  divide: "÷",
  middot: "·",
  bull: "•",
  dagger: "†",
  prime: "′",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  iexcl: "¡",
  iquest: "¿",
  shy: "",
  zwj: "\u200d",
  zwnj: "\u200c",
};

/** Decodes named (common HTML ones) and numeric character references; unknown ones stay. */
export function decodeEntities(s: string): string {
  return s.replace(
    /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi,
    (whole, ref: string) => {
      if (ref[0] === "#") {
        const code =
          ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
        return valid ? String.fromCodePoint(code) : "\ufffd";
      }
      return named[ref] ?? named[ref.toLowerCase()] ?? whole;
    },
  );
}

const hrefPattern = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const stripTags = (s: string) => s.replace(/<!--[\s\S]*?-->/g, "").replace(/<\/?[a-z][^>]*>/gi, "");

/** A link as text: its URL, after its words when they say something else. */
function link(attrs: string, inner: string): string {
  const match = hrefPattern.exec(attrs);
  const href = decodeEntities((match?.[1] ?? match?.[2] ?? match?.[3] ?? "").trim());
  const words = decodeEntities(stripTags(inner)).trim();
  if (!href || href.startsWith("#") || /^javascript:/i.test(href)) return words;
  if (!words || words === href || words === href.replace(/^https?:\/\//, "")) return href;
  return `${words} (${href})`;
}

/** Plain text of a comment's HTML. */
export function htmlToText(html: string): string {
  let s = html.replace(/\r\n?/g, "\n");
  s = s.replace(/<!--[\s\S]*?-->/g, "");
  s = s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "");
  // Links first, with entities still encoded in their words (decoded once, below, with the rest
  // would decode twice); the placeholder keeps `<` that the link text may hold out of stripTags.
  const links: string[] = [];
  s = s.replace(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi, (_, attrs: string, inner: string) => {
    links.push(link(attrs, inner));
    return `\ue000${links.length - 1}\ue001`;
  });
  s = s.replace(/<br\s*\/?>/gi, "\n");
  s = s.replace(/<li\b[^>]*>/gi, "\n- ");
  s = s.replace(/<(hr)\b[^>]*>/gi, "\n\n");
  s = s.replace(
    /<\/?(p|div|blockquote|pre|h[1-6]|ul|ol|table|tr|section|article|header|footer|figure|dl|dt|dd)\b[^>]*>/gi,
    "\n\n",
  );
  s = s.replace(/<\/(td|th)\s*>/gi, " ");
  s = stripTags(s);
  s = decodeEntities(s);
  s = s.replace(/\ue000(\d+)\ue001/g, (_, i: string) => links[Number(i)] ?? "");
  // Control characters other than newline and tab have no place in text anyone typed.
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  s = s.replace(/\u00a0/g, " ");
  s = s
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trimEnd())
    .join("\n");
  return s.replace(/\n{3,}/g, "\n\n").trim();
}
