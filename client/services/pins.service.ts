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

/**
 * Builds the pin part of a comment's context. `isPinned` reads the pins shown; `applied` shows
 * the server's answer at once (a pin, or null for an unpin; the live event follows for everyone).
 */
export function pinActions(
  api: Api,
  session: () => Session | null,
  isPinned: (id: string) => boolean,
  applied: (id: string, pin: PinnedComment | null) => void,
): PinContext {
  return {
    pinned(comment) {
      const moderator = session()?.user.role === "moderator";
      return moderator && comment.status === "published" ? isPinned(comment.id) : null;
    },
    async pin(comment, on) {
      try {
        if (on) applied(comment.id, await api.pin(comment.id));
        else {
          await api.unpin(comment.id);
          applied(comment.id, null);
        }
        return null;
      } catch (error) {
        return reason(error);
      }
    },
  };
}
