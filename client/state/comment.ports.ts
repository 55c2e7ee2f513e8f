/**
 * The contracts between the views and the services that serve them: what a view asks for (a
 * draft to post, a vote, an edit) and what it gets back. Plain types, so views never see the
 * network and services never see the DOM.
 */
import type { Comment } from "../../shared/schemas.js";

/** What the form asks its owner to post. */
export interface Draft {
  name: string;
  /** Optional, never shown: sent a confirmation link, then reply emails. */
  email?: string;
  body: string;
  parentId: string | null;
  clientKey: string;
}

/** A failure the form shows next to the fields; `keepKey` when the same draft may be retried. */
export class PostFailure extends Error {
  constructor(
    message: string,
    readonly keepKey: boolean,
  ) {
    super(message);
  }
}

/** What the actions need from the widget. */
export interface CommentActionsContext {
  /** "edit" and/or "delete" when the current reader may do them to this comment. */
  rights(comment: Comment): { edit: boolean; remove: boolean };
  /** Saves an edit; resolves with an error message, or null when saved. */
  edit(comment: Comment, body: string): Promise<string | null>;
  /** Removes the comment; resolves with an error message, or null when removed. */
  remove(comment: Comment): Promise<string | null>;
}

/** What the vote and report controls need from the widget. */
export interface VoteContext {
  /** False on the reader's own comments (the server refuses those votes). */
  canVote(comment: Comment): boolean;
  /** This reader's vote on a comment as far as this page knows: 1, -1 or 0. */
  myVote(commentId: string): number;
  /** Casts (or, with the current value, takes back) a vote; resolves with an error or null. */
  vote(comment: Comment, value: 1 | -1): Promise<string | null>;
  canReport(comment: Comment): boolean;
  report(comment: Comment): Promise<string | null>;
}

/** Pin and Unpin (editors' picks), offered to moderators on published comments. */
export interface PinContext {
  /** Whether the comment is pinned, or null when this reader may not pin it. */
  pinned(comment: Comment): boolean | null;
  /** Pins (true) or unpins (false); resolves with an error message, or null when done. */
  pin(comment: Comment, on: boolean): Promise<string | null>;
}
