/**
 * Pin and Unpin for moderators (editors' picks): which comments offer them, the calls, and the
 * refusals worded for the moderator. The server decides (role, the limit of pins per article).
 */
import { limits } from "../../shared/limits.js";
import type { PinnedComment } from "../../shared/schemas.js";
import { ApiError, type Api } from "../net/api.client.js";
import type { PinContext } from "../state/comment.ports.js";
import type { Session } from "../state/session.store.js";
import { t } from "../i18n/translate.js";

function reason(error: unknown): string {
  if (!(error instanceof ApiError)) return t("That did not work. Please try again.");
  // 409: the article's pins are full. (Or, in a rare race, the comment just left the thread: its
  // live update then re-renders it without Pin.)
  if (error.status === 409)
    return t("At most {count} pinned comments per article. Unpin one first.", {
      count: limits.pinsPerArticle,
    });
  return error.message;
}

/** The pins shown: `set` shows the server's answer at once (the live event follows for all). */
export interface PinsShown {
  has(id: string): boolean;
  /** A pin, or null for an unpin. */
  set(id: string, pin: PinnedComment | null): void;
}

/** Builds the pin part of a comment's context. */
export function pinActions(api: Api, session: () => Session | null, pins: PinsShown): PinContext {
  return {
    pinned(comment) {
      const moderator = session()?.user.role === "moderator";
      return moderator && comment.status === "published" ? pins.has(comment.id) : null;
    },
    async pin(comment, on) {
      try {
        if (on) pins.set(comment.id, await api.pin(comment.id));
        else {
          await api.unpin(comment.id);
          pins.set(comment.id, null);
        }
        return null;
      } catch (error) {
        return reason(error);
      }
    },
  };
}
