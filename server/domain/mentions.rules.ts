/**
 * `@handle` mentions in a comment body (pure). A handle is what users show (`guest_100234`,
 * a host's user name); only the first few distinct ones count, so one comment cannot page a crowd.
 */

/** Most mentions one comment may notify. */
export const MAX_MENTIONS = 5;

// Not after a word character or another @ (an email address is no mention); trailing dots are
// punctuation ("thanks @guest_1.").
const mention = /(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]{0,39})/g;

/** The distinct handles mentioned in `body`, in order of first appearance, at most MAX_MENTIONS. */
export function findMentions(body: string): string[] {
  const handles: string[] = [];
  for (const match of body.matchAll(mention)) {
    const handle = match[1]!.replace(/[.-]+$/, "");
    if (handle && !handles.includes(handle)) handles.push(handle);
    if (handles.length === MAX_MENTIONS) break;
  }
  return handles;
}
