/**
 * The narrow part of the Store port that imports and exports use (npm run import / export). It
 * writes history rather than new activity: comments keep their original times and ids, nobody is
 * notified, and an article's comments arrive in one transaction that takes the article's next seqs,
 * so a reader connected meanwhile catches up with `GET /changes?after=` as after any post.
 */
import type { CommentStatus, Role } from "../../shared/schemas.js";
import type { ArticleRecord, CommentRecord, ModerationMode, UserRecord } from "./store.js";

/** An author (or a user of a Parley export) as an import brings it. */
export interface ImportedUser {
  id: string;
  /** null: a new guest_<n> handle is given; a handle already taken by another user is replaced. */
  handle: string | null;
  name: string;
  /** A confirmed address as Parley held it (Parley's own export only). */
  email: string | null;
  /** An address found in a foreign export: kept private, never mailed. */
  importedEmail: string | null;
  avatarUrl: string | null;
  role: Role;
  createdAt: string;
  /**
   * A host (single sign-on) user's `sub`, so the same person signing in after a move finds this
   * account; null for guests and imported authors. Left off (null) when another user of the
   * store already holds it: an import never takes an account from someone.
   */
  externalId: string | null;
  /** The iat (seconds) of the host token the record's claims came from; 0 when none. */
  claimsIat: number;
}

/** One comment of an imported article. */
export interface ImportedComment {
  id: string;
  /** Where it came from, e.g. `wordpress:<site>:<comment id>`; unique when set. */
  sourceId: string | null;
  /** A comment of the same article, earlier in the batch or already stored. */
  parentId: string | null;
  authorId: string;
  /** Ignored (stored empty) when status is `removed`. */
  body: string;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
  /** Who made the last edit (Parley's own export); null: never edited, or unknown. */
  editedBy: "author" | "moderator" | null;
  score: number;
}

/** One article and its comments, written in one transaction. */
export interface ImportedArticle {
  articleId: string;
  /** Kept unless the article already has a URL (the first verified page wins, as for embeds). */
  title: string | null;
  url: string | null;
  /** Set when given (Parley's own export); undefined keeps the current value. */
  moderation?: ModerationMode | null;
  closedAt?: string | null;
  /** Created when absent; an existing user is left as it is. */
  users: ImportedUser[];
  /** Parents before their replies. A comment whose id or sourceId exists is left as it is. */
  comments: ImportedComment[];
}

export interface ImportArticleResult {
  article: ArticleRecord;
  /** Ids of the comments this call created, in the order of their new seqs. */
  createdIds: string[];
  /** Comments of the batch that were already stored (an import run twice). */
  existing: number;
}

/** A comment as the export writes it: everything stored but the client key. */
export interface ExportedComment extends CommentRecord {
  sourceId: string | null;
}

/** A user as the export writes it. */
export interface ExportedUser extends UserRecord {
  importedEmail: string | null;
  externalId: string | null;
  claimsIat: number;
}

export interface ImportStore {
  /**
   * One transaction: creates the article if needed, the absent users, then each new comment with
   * the article's next seq, its original times, status and score; counts (article, reply counts)
   * follow. No notification is made. A parentId that is not a comment of the same article throws
   * AppError("not_found") and nothing of the batch is kept.
   */
  importArticle(batch: ImportedArticle): Promise<ImportArticleResult>;
  /**
   * Creates each user, or replaces an existing one's name, emails, avatar, role and creation time;
   * an external id is set when given and free, a later claims iat kept.
   */
  importUsers(users: ImportedUser[]): Promise<void>;
  /** Articles in id order (C collation), after `after` (null: from the start). */
  exportArticles(after: string | null, limit: number): Promise<ArticleRecord[]>;
  /** Every comment of the article, any status, in creation order, after createdSeq `after`. */
  exportComments(articleId: string, after: number, limit: number): Promise<ExportedComment[]>;
  /** Users in id order (C collation), after `after`. */
  exportUsers(after: string | null, limit: number): Promise<ExportedUser[]>;
}
