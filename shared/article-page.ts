/**
 * An article's page as the embed reports it (`page: { url, title }`): bounds and cleaning shared
 * by the embed (which reads the page) and the server (which decides whether to keep it).
 */

/** Longest title kept, in characters; longer ones are cut (a title is a label, not content). */
const pageTitleMaxChars = 300;
/** Longest URL accepted, in characters. */
const pageUrlMaxChars = 2048;

// C0/C1 controls, zero-width and bidirectional formatting characters, and other invisibles that
// would let a title look like something else (or nothing at all) in the bell and /moderate.
const invisible =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- invisibles on purpose
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/g;

/** A title as kept: invisibles out, white space collapsed, trimmed, cut; empty -> null. */
export function cleanPageTitle(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  const text = raw.replace(invisible, " ").replace(/\s+/g, " ").trim();
  if (text === "") return null;
  // Cut by code points, so a surrogate pair is never split in two.
  const chars = Array.from(text);
  return chars.length > pageTitleMaxChars
    ? chars.slice(0, pageTitleMaxChars).join("").trimEnd()
    : text;
}

/**
 * The page URL as kept: absolute http(s) only (never javascript:, data: or the like), no
 * credentials, no fragment (comment links add their own); null when it is none of that.
 */
export function cleanPageUrl(raw: string | null | undefined): URL | null {
  if (typeof raw !== "string" || raw.length > pageUrlMaxChars) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "") return null;
  url.hash = "";
  return url.href.length > pageUrlMaxChars ? null : url;
}
