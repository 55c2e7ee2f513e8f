/**
 * Comment HTML (WordPress, Disqus) to Parley's plain text, faithfully: paragraphs stay paragraphs
 * (a blank line), line breaks stay line breaks, a link keeps its URL (`text (URL)`, or the URL
 * alone when that is its text), entities are decoded, and no markup is left. WordPress stores
 * comments as typed, with newlines (its display adds <p> and <br>), so newlines are kept as is.
 */

/** HTML 4's Latin-1 entities, code points 160 to 255 in order. */
const latin1 = `nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn
  sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute
  Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde
  Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave
  aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth
  ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml`;

const named: Record<string, string> = {
  ...Object.fromEntries(
    latin1.split(/\s+/).map((name, i) => [name, String.fromCodePoint(160 + i)]),
  ),
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  shy: "",
  OElig: "Œ",
  oelig: "œ",
  Scaron: "Š",
  scaron: "š",
  Yuml: "Ÿ",
  fnof: "ƒ",
  circ: "ˆ",
  tilde: "˜",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  zwnj: "\u200c",
  zwj: "\u200d",
  lrm: "\u200e",
  rlm: "\u200f",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  dagger: "†",
  Dagger: "‡",
  bull: "•",
  hellip: "…",
  permil: "‰",
  prime: "′",
  Prime: "″",
  lsaquo: "‹",
  rsaquo: "›",
  euro: "€",
  trade: "™",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
  hearts: "♥",
};

/** Decodes numeric and named character references (HTML 4's Latin-1 and common punctuation); unknown names stay as written. */
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
      return named[ref] ?? whole;
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
