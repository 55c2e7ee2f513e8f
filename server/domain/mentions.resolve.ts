/** Turns the `@handle`s of a comment into the users to notify (type `mention`). */
import type { Store } from "../store/store.js";
import { findMentions } from "./mentions.rules.js";

/**
 * The ids of the users a comment mentions: known handles only, never its author, and not those
 * who chose "Notify of: none" on this article (that choice covers mentions too).
 */
export async function resolveMentions(
  store: Store,
  body: string,
  authorId: string,
  articleId: string,
): Promise<string[]> {
  const handles = findMentions(body);
  if (handles.length === 0) return [];
  const users = (await store.findUsersByHandles(handles)).filter((u) => u.id !== authorId);
  const choices = await Promise.all(users.map((u) => store.getSubscription(u.id, articleId)));
  return users.filter((_, i) => choices[i] !== "none").map((u) => u.id);
}
