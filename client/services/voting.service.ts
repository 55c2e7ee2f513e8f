/**
 * Votes and reports as the widget does them: who may, what this reader has voted on this page,
 * and the calls. A reader without an identity gets one from the name in the form, as when posting.
 */
import type { Comment } from "../../shared/schemas.js";
import { ApiError, type Api } from "../net/api.client.js";
import type { Session } from "../state/session.store.js";
import type { VoteContext } from "../state/comment.ports.js";
import { t } from "../i18n/translate.js";

/** What voting needs from the widget. */
export interface VotingDeps {
  api: Api;
  session(): Session | null;
  /** Gets the reader an identity (a guest from the form's name), or resolves with why not. */
  identify(): Promise<string | null>;
  /** A comment's score changed (this reader's vote, or anyone's). */
  scored(commentId: string, score: number, myVote?: number): void;
}

function reason(error: unknown): string {
  if (!(error instanceof ApiError)) return t("That did not work. Please try again.");
  if (error.status === 429) return t("Too many votes just now. Please wait a moment.");
  if (error.code === "network") return t("Parley cannot be reached right now.");
  return error.message;
}

/** Builds the vote and report part of a comment's context. */
export function createVoting(deps: VotingDeps): VoteContext {
  const myVotes = new Map<string, number>();
  const mine = (comment: Comment) => deps.session()?.user.id === comment.author.id;

  async function withIdentity(action: () => Promise<void>): Promise<string | null> {
    const missing = deps.session() ? null : await deps.identify();
    if (missing) return missing;
    try {
      await action();
      return null;
    } catch (error) {
      return reason(error);
    }
  }

  return {
    canVote: (comment) => !mine(comment),
    myVote: (id) => myVotes.get(id) ?? 0,
    vote: (comment, value) =>
      withIdentity(async () => {
        // Pressing the vote already cast takes it back.
        const next = myVotes.get(comment.id) === value ? 0 : value;
        const answer = await deps.api.vote(comment.id, next);
        myVotes.set(comment.id, answer.vote);
        deps.scored(comment.id, answer.score, answer.vote);
      }),
    canReport: (comment) => deps.session() !== null && !mine(comment),
    report: (comment) => withIdentity(() => deps.api.report(comment.id)),
  };
}
