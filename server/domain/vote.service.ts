/**
 * Votes: one up or down vote per user per comment, changeable and removable. The store keeps the
 * score on the comment in the vote's own transaction; readers hear of it through `comment.voted`.
 */
import type { VoteAnswer } from "../../shared/trust.schemas.js";
import type { Store } from "../store/store.js";
import type { VoteValue } from "../store/trust-store.js";
import { type Actor, isModerator } from "./auth.service.js";
import type { Clock } from "./clock.js";
import type { DomainEvents } from "./domain-events.js";
import { AppError } from "../core/app-error.js";
import type { RateLimits } from "./rate-limits.js";

export interface VoteServiceDeps {
  store: Store;
  clock: Clock;
  events: DomainEvents;
  limits: Pick<RateLimits, "votesPerUser">;
}

/** Creates the vote service. */
export function createVoteService(deps: VoteServiceDeps) {
  const { store, events } = deps;
  return {
    /** Sets the actor's vote on a comment (0 removes it) and answers the new score. */
    async vote(actor: Actor | null, commentId: string, value: VoteValue): Promise<VoteAnswer> {
      if (!actor) throw new AppError("unauthorized", "Sign in or choose a name to vote");
      await deps.limits.votesPerUser.consume(actor.user.id);
      const comment = await store.getComment(commentId);
      const visible =
        comment &&
        (comment.status !== "pending" || isModerator(actor) || comment.author.id === actor.user.id);
      if (!comment || !visible) throw new AppError("not_found", "No such comment");
      if (comment.status !== "published")
        throw new AppError("conflict", "Only published comments take votes");
      if (comment.author.id === actor.user.id)
        throw new AppError("forbidden", "You cannot vote on your own comment");
      const result = await store.setVote({
        commentId,
        userId: actor.user.id,
        value,
        at: deps.clock.now().toISOString(),
      });
      if (result.previous !== result.value) {
        events.emit("comment.voted", {
          articleId: result.comment.articleId,
          commentId,
          score: result.comment.score,
        });
      }
      return { commentId, score: result.comment.score, vote: result.value };
    },
  };
}

export type VoteService = ReturnType<typeof createVoteService>;
