/**
 * The "a person's own data" half of the Store port: what one user can download, and deleting
 * their account. Store extends it; both implementations pass tests/contract/store-account.contract.ts.
 */
import type { Comment, Notification, Notify } from "../../shared/schemas.js";
import type { UpdateCommentResult, UserRecord } from "./store.js";

/** What an account deletion does to the person's comments (setting ACCOUNT_DELETION). */
export type AccountDeletionMode = "anonymize" | "remove";

/** One vote the user cast. */
export interface ExportedVote {
  commentId: string;
  articleId: string;
  value: 1 | -1;
  createdAt: string;
}

/** One notification the user received, by reference: others' words are not theirs to take. */
export interface ExportedNotification {
  id: string;
  type: Notification["type"];
  articleId: string;
  commentId: string;
  createdAt: string;
  readAt: string | null;
}

/** Everything Parley keeps of one user. */
export interface UserDataExport {
  user: UserRecord;
  /** Their comments in every status, oldest first (a removed one keeps its place, not its words). */
  comments: Comment[];
  /** The other people's comments they replied to, as they would see them; nothing else of others. */
  repliedTo: Comment[];
  votes: ExportedVote[];
  subscriptions: { articleId: string; notify: Notify }[];
  notifications: ExportedNotification[];
}

export interface DeleteUser {
  userId: string;
  mode: AccountDeletionMode;
  /** What the account shows from now on, instead of the person's name and handle. */
  name: string;
  /** Unique, like every handle. */
  handle: string;
  at: string;
}

export interface AccountStore {
  /** null when there is no such user, or their account was deleted. */
  exportUser(userId: string): Promise<UserDataExport | null>;
  /**
   * One transaction: the user row loses name, handle, email and avatar and is marked deleted
   * (its id stays, as comments, votes and reports point at it); their subscriptions and
   * notifications are deleted; every comment of theirs takes its article's next seq, and in
   * `remove` mode becomes `removed` (a held one is logged `remove:held`, so it never shows).
   * Returns those comment changes, for the live events; null when there was no user to delete.
   */
  deleteUser(input: DeleteUser): Promise<{ changes: UpdateCommentResult[] } | null>;
}
