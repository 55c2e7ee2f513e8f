/**
 * A comment's own link: its article's page with `#parley-comment-<id>`, which the embed opens at
 * that comment. Used by the embed ("Copy link", the bell), emails and /moderate alike.
 */

/** The URL fragment prefix the embed recognises. */
const commentAnchorPrefix = "parley-comment-";

/** The fragment (without `#`) for a comment. */
export function commentAnchor(commentId: string): string {
  return `${commentAnchorPrefix}${commentId}`;
}

/** `<url>#parley-comment-<id>`; a fragment already on the URL is replaced. */
export function commentLink(articleUrl: string, commentId: string): string {
  const hash = articleUrl.indexOf("#");
  const base = hash === -1 ? articleUrl : articleUrl.slice(0, hash);
  return `${base}#${commentAnchor(commentId)}`;
}

/** The comment id in a `#parley-comment-<id>` fragment (with or without `#`), else null. */
export function commentIdFromHash(hash: string): string | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!fragment.startsWith(commentAnchorPrefix)) return null;
  const id = fragment.slice(commentAnchorPrefix.length);
  // Ids are opaque but never contain these; anything else in a fragment is someone's typo.
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}
