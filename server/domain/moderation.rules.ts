/**
 * Moderation as pure rules (after Coral Talk's pipeline of small phases): each takes the comment
 * and the settings and says publish, hold or reject. No I/O, no clock.
 */
import type { ModerationMode } from "../store/store.js";
import { findBannedWords } from "./banned-words.rules.js";

export interface ModerationSettings {
  /** The article's own mode, or null for the site's. */
  articleMode: ModerationMode | null;
  siteMode: ModerationMode;
  bannedWords: string[];
  bannedWordsAction: "hold" | "reject";
}

export type ModerationVerdict =
  { action: "publish" } | { action: "hold"; reason: string } | { action: "reject"; reason: string };

/** Banned words are matched on a normalised form: see banned-words.rules.ts. */
export { findBannedWords, foldForMatching } from "./banned-words.rules.js";

/** Decides what happens to a new comment; moderators' own comments are always published. */
export function decideNewComment(
  body: string,
  settings: ModerationSettings,
  byModerator: boolean,
): ModerationVerdict {
  if (byModerator) return { action: "publish" };
  const banned = findBannedWords(body, settings.bannedWords);
  if (banned.length > 0) {
    return settings.bannedWordsAction === "reject"
      ? { action: "reject", reason: "The comment contains words this site does not allow" }
      : { action: "hold", reason: "banned words" };
  }
  if ((settings.articleMode ?? settings.siteMode) === "pre")
    return { action: "hold", reason: "pre-moderation" };
  return { action: "publish" };
}

/**
 * Decides what an edit does: the same rules as a new comment, so an edit cannot smuggle in what
 * a post could not (a banned word is refused or held; in pre-moderation the edit is held again).
 * A moderator's edit keeps the comment's status: it is their decision to make, not a new post.
 */
export function decideEdit(
  body: string,
  settings: ModerationSettings,
  editor: "author" | "moderator",
): ModerationVerdict | { action: "keep" } {
  if (editor === "moderator") return { action: "keep" };
  return decideNewComment(body, settings, false);
}
