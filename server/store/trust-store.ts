/**
 * The trust-and-safety half of the Store port: votes, reports, the moderation queue and log.
 * Store extends it, so both implementations (SQLite, PostgreSQL) pass the same contract suite
 * (tests/contract/store-moderation.contract.ts). Uses the tables of migration 1 as they are.
 */
import type { CommentRecord } from "./store.js";

/** A user's vote on a comment; 0 means none. */
export type VoteValue = 1 | -1 | 0;

export interface VoteChange {
  commentId: string;
  userId: string;
  /** 0 removes the user's vote. */
  value: VoteValue;
  at: string;
}

export interface VoteResult {
  /** The comment with its new score; votes do not take a seq (they are not a content change). */
  comment: CommentRecord;
  previous: VoteValue;
  value: VoteValue;
}

export interface NewReport {
  id: string;
  commentId: string;
  userId: string;
  reason: string | null;
  createdAt: string;
}

export interface ReportResult {
  /** false when this user had reported this comment before: nothing new was stored. */
  created: boolean;
  /** Reports of the comment made since the last moderation decision on it. */
  openReports: number;
}

/** Moderation log actions: decisions on comments and changes to an article's settings. */
export type ModerationLogAction =
  | "approve"
  | "reject"
  | "remove"
  /** A held comment rejected or removed: hidden for good from all but its author and moderators. */
  | "reject:held"
  | "remove:held"
  /** A moderator edited someone else's comment (the comment's status is unchanged). */
  | "edit"
  | "close"
  | "reopen"
  | "mode:pre"
  | "mode:post"
  | "mode:default"
  /** A moderator set the article's page (title and/or URL). */
  | "page"
  /** Editors' picks: a moderator pinned or unpinned a comment. */
  | "pin"
  | "unpin";

export interface NewModerationLog {
  id: string;
  articleId: string;
  commentId: string | null;
  moderatorId: string;
  action: ModerationLogAction;
  reason: string | null;
  createdAt: string;
}

export interface ModerationLogRecord extends NewModerationLog {
  /** The moderator's display name (null if the user no longer exists). */
  moderatorName: string | null;
}

export interface QueueQuery {
  queue: "pending" | "reported";
  articleId: string | null;
  limit: number;
}

export interface QueueItemRecord {
  comment: CommentRecord;
  /** Reports made since the last decision on the comment. */
  openReports: number;
  /** Their reasons, newest first, blanks left out. */
  reasons: string[];
}

export interface TrustStore {
  /**
   * One transaction: set (or with 0 remove) the user's vote and move the comment's score by the
   * difference, so a change from +1 to -1 moves it by two. Missing comment: AppError("not_found").
   */
  setVote(change: VoteChange): Promise<VoteResult>;
  /** Stores a report unless this user reported the comment before. Missing comment: not_found. */
  addReport(report: NewReport): Promise<ReportResult>;
  /** Appends to the moderation log (decisions on comments go with CommentChange.log instead). */
  logModeration(entry: NewModerationLog): Promise<void>;
  /** Newest first. */
  listModerationLog(query: {
    articleId: string | null;
    limit: number;
  }): Promise<ModerationLogRecord[]>;
  /**
   * Oldest first. `pending`: every pending comment. `reported`: published comments with reports
   * made after the last moderation log entry about them (a decision settles earlier reports).
   */
  listModerationQueue(query: QueueQuery): Promise<QueueItemRecord[]>;
}
