/**
 * Editors' picks: a moderator pins a published comment to the top of its article (at most
 * limits.pinsPerArticle at once) and unpins it again. A comment that leaves the public thread
 * (removed, rejected, or an edit held for review) is unpinned by the listener here, so readers
 * are told and its place is freed; reads show published pins only, whatever happens meanwhile.
 */
import { limits } from "../../shared/limits.js";
import type { PinnedComment } from "../../shared/schemas.js";
import { stripPrivate } from "../store/rows.js";
import type { Store } from "../store/store.js";
import type { ModerationLogAction, NewModerationLog } from "../store/trust-store.js";
import type { Actor } from "./auth.service.js";
import type { Clock } from "./clock.js";
import type { DomainEvents } from "./domain-events.js";
import { AppError } from "../core/app-error.js";
import { newId } from "../core/ids.js";
import { requireModerator } from "./moderation.service.js";
import type { RateLimits } from "./rate-limits.js";

export interface PinServiceDeps {
  store: Store;
  clock: Clock;
  events: DomainEvents;
  /** Pins and unpins share the per-user limit of votes and reports: each one is a broadcast. */
  limits: Pick<RateLimits, "votesPerUser">;
  /** Told when the automatic unpin of a removed comment fails (its pin stays hidden anyway). */
  onError: (error: unknown, commentId: string) => void;
}

/** Creates the pin service and subscribes its unpin-on-removal listener. */
export function createPinService(deps: PinServiceDeps) {
  const { store, clock, events } = deps;

  function logOf(
    actor: Actor,
    articleId: string,
    commentId: string,
    action: ModerationLogAction,
  ): NewModerationLog {
    const createdAt = clock.now().toISOString();
    return {
      id: newId(),
      articleId,
      commentId,
      moderatorId: actor.user.id,
      action,
      reason: null,
      createdAt,
    };
  }

  async function commentOf(commentId: string) {
    const comment = await store.getComment(commentId);
    if (!comment) throw new AppError("not_found", "No such comment");
    return comment;
  }

  events.on("comment.updated", ({ comment }) => {
    if (comment.status === "published") return;
    store.unpinComment(comment.id, null).then(
      (removed) => {
        if (removed) events.emit("comment.unpinned", { ...removed, commentId: comment.id });
      },
      (error: unknown) => deps.onError(error, comment.id),
    );
  });

  return {
    /** Pins the comment; pinning a pinned comment answers its pin and announces nothing. */
    async pin(actor: Actor | null, commentId: string): Promise<PinnedComment> {
      const moderator = requireModerator(actor);
      await deps.limits.votesPerUser.consume(moderator.user.id);
      const found = await commentOf(commentId);
      const result = await store.pinComment({
        commentId,
        moderatorId: moderator.user.id,
        pinnedAt: clock.now().toISOString(),
        maxPerArticle: limits.pinsPerArticle,
        log: logOf(moderator, found.articleId, commentId, "pin"),
      });
      if (result.created) {
        events.emit("comment.pinned", { comment: result.comment, pinnedAt: result.pinnedAt });
      }
      return { comment: stripPrivate(result.comment), pinnedAt: result.pinnedAt };
    },

    /** Unpins the comment; unpinning one that is not pinned changes (and announces) nothing. */
    async unpin(actor: Actor | null, commentId: string): Promise<void> {
      const moderator = requireModerator(actor);
      await deps.limits.votesPerUser.consume(moderator.user.id);
      const found = await commentOf(commentId);
      const removed = await store.unpinComment(
        commentId,
        logOf(moderator, found.articleId, commentId, "unpin"),
      );
      if (removed) events.emit("comment.unpinned", { ...removed, commentId });
    },
  };
}

/** The pin service's public face. */
export type PinService = ReturnType<typeof createPinService>;
