/**
 * A person's own data: downloading everything Parley keeps of them, and deleting their account.
 * The person does it for themselves (`/api/me`); a moderator can do it for anyone
 * (`/api/users/:id`). Deletion's comment changes go out as ordinary `comment.updated` events, so
 * open threads and catch-up (each change took its article's next seq) both see them.
 */
import type { AccountDeletionMode, UserDataExport } from "../store/account-store.js";
import type { Store } from "../store/store.js";
import { type Actor, isModerator, publicUser } from "./auth.service.js";
import type { Clock } from "./clock.js";
import type { DomainEvents } from "./domain-events.js";
import { AppError } from "../core/app-error.js";
import { newId } from "../core/ids.js";

export interface AccountServiceDeps {
  store: Store;
  clock: Clock;
  events: DomainEvents;
  /** Setting ACCOUNT_DELETION: what a deleted account's comments become. */
  deletionMode: AccountDeletionMode;
}

/** The name a deleted account's comments show (anonymize mode), and its placeholders'. */
const deletedUserName = "Deleted user";

/** The download: version 1 of Parley's personal-data export. */
function exportDocument(data: UserDataExport, exportedAt: string) {
  return {
    version: 1 as const,
    exportedAt,
    user: { ...publicUser(data.user), email: data.user.email, createdAt: data.user.createdAt },
    comments: data.comments,
    repliedTo: data.repliedTo,
    votes: data.votes,
    subscriptions: data.subscriptions,
    notifications: data.notifications,
  };
}

export function createAccountService(deps: AccountServiceDeps) {
  const { store, clock, events } = deps;

  function signedIn(actor: Actor | null): Actor {
    if (!actor) throw new AppError("unauthorized", "Sign in to see or delete your data");
    return actor;
  }

  function moderatorOnly(actor: Actor | null): void {
    if (!isModerator(signedIn(actor)))
      throw new AppError("forbidden", "Only a moderator may do this for another person");
  }

  async function exportOf(userId: string) {
    const data = await store.exportUser(userId);
    if (!data) throw new AppError("not_found", "No such user");
    return exportDocument(data, clock.now().toISOString());
  }

  async function deleteAccount(userId: string): Promise<{ deleted: true; comments: number }> {
    const result = await store.deleteUser({
      userId,
      mode: deps.deletionMode,
      name: deletedUserName,
      handle: `deleted_${newId()}`,
      at: clock.now().toISOString(),
    });
    if (!result) throw new AppError("not_found", "No such user");
    for (const change of result.changes) events.emit("comment.updated", change);
    events.emit("user.deleted", { userId });
    return { deleted: true, comments: result.changes.length };
  }

  return {
    /** `GET /api/me/export` */
    exportMine: (actor: Actor | null) => exportOf(signedIn(actor).user.id),
    /** `DELETE /api/me` */
    deleteMine: (actor: Actor | null) => deleteAccount(signedIn(actor).user.id),
    /** `GET /api/users/:id/export` (moderators) */
    exportUser(actor: Actor | null, userId: string) {
      moderatorOnly(actor);
      return exportOf(userId);
    },
    /** `DELETE /api/users/:id` (moderators) */
    deleteUser(actor: Actor | null, userId: string) {
      moderatorOnly(actor);
      return deleteAccount(userId);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
