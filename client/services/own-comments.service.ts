/**
 * Who may edit or delete which comment, and the calls that do it. The server has the last word
 * (edit window, rights); this only decides which buttons to offer and words its refusals.
 */
import type { Comment } from "../../shared/schemas.js";
import { ApiError, type Api } from "../net/api.client.js";
import type { CommentActionsContext } from "../state/comment.ports.js";
import type { Session } from "../state/session.store.js";
import { t } from "../i18n/translate.js";

function reason(error: unknown): string {
  if (!(error instanceof ApiError)) return t("That did not work. Please try again.");
  if (error.status === 409) return t("The time for editing this comment has passed.");
  if (error.status === 403 || error.status === 401)
    return t("Only the author can change this comment.");
  if (error.code === "network") return t("Parley cannot be reached right now. Please try again.");
  return error.message;
}

/** Builds the edit/delete part of a comment's context. */
export function ownCommentActions(
  api: Api,
  session: () => Session | null,
  apply: (comment: Comment) => void,
): CommentActionsContext {
  return {
    rights(comment) {
      const user = session()?.user;
      const mine = user !== undefined && user.id === comment.author.id;
      const moderator = user?.role === "moderator";
      return { edit: mine || moderator, remove: mine || moderator };
    },
    async edit(comment, body) {
      try {
        apply(await api.edit(comment.id, body));
        return null;
      } catch (error) {
        return reason(error);
      }
    },
    async remove(comment) {
      try {
        apply(await api.remove(comment.id));
        return null;
      } catch (error) {
        return reason(error);
      }
    },
  };
}
