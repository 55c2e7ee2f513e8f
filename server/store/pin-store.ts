/**
 * The editors' picks half of the Store port: comments a moderator pinned to the top of their
 * article. Both implementations (SQLite, PostgreSQL) pass tests/contract/store-pins.contract.ts.
 */
import type { CommentRecord } from "./store.js";
import type { NewModerationLog } from "./trust-store.js";

/** A pin to make; `log` is written in the same transaction when the pin is new. */
export interface NewPin {
  commentId: string;
  moderatorId: string;
  pinnedAt: string;
  /** Pins of published comments the article may hold at most (limits.pinsPerArticle). */
  maxPerArticle: number;
  log: NewModerationLog;
}

export interface PinResult {
  comment: CommentRecord;
  /** When it was pinned: now, or the first time when it was pinned already. */
  pinnedAt: string;
  /** false when the comment was pinned already: nothing was written, nothing to announce. */
  created: boolean;
}

/** A pinned comment as stored. */
export interface PinRecord {
  comment: CommentRecord;
  pinnedAt: string;
}

export interface PinStore {
  /**
   * One transaction: pins a published comment. Missing comment: AppError("not_found"); not
   * published: AppError("conflict"); the article already holds `maxPerArticle` pins of published
   * comments: AppError("conflict"). Concurrent pins on one article cannot pass the limit together.
   */
  pinComment(pin: NewPin): Promise<PinResult>;
  /**
   * Removes the comment's pin; resolves with the removed pin's article, or null when it had none.
   * `log` (if given) is written in the same transaction, only when a pin was removed.
   */
  unpinComment(
    commentId: string,
    log: NewModerationLog | null,
  ): Promise<{ articleId: string } | null>;
  /** The article's pins of published comments, oldest pin first (at most a few). */
  listPins(articleId: string): Promise<PinRecord[]>;
}
