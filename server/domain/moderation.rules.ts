/**
 * Moderation as pure rules (after Coral Talk's pipeline of small phases): each takes the comment
 * and the settings and says publish, hold or reject. No I/O, no clock.
 */
import type { ModerationMode } from "../store/store.js";

export interface ModerationSettings {
  /** The article's own mode, or null for the site's. */
  articleMode: ModerationMode | null;
  siteMode: ModerationMode;
  bannedWords: string[];
  bannedWordsAction: "hold" | "reject";
}

export type ModerationVerdict =
  { action: "publish" } | { action: "hold"; reason: string } | { action: "reject"; reason: string };

/** Lower case without accents, so "Café", "CAFE" and "cafe" are one word. */
export function foldForMatching(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase("en");
}

/** Banned words found in `body` as whole words (letters and digits on neither side). */
export function findBannedWords(body: string, bannedWords: string[]): string[] {
  if (bannedWords.length === 0) return [];
  const text = foldForMatching(body);
  return bannedWords.filter((word) => {
    const w = foldForMatching(word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return w.length > 0 && new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, "u").test(text);
  });
}

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
