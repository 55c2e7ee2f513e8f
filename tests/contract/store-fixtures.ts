/**
 * Small builders for the store contract suite. Every test makes its own users and articles (fresh
 * random ids), so tests share one store yet never see each other's rows and may run in any order.
 */
import { expect } from "vitest";
import { AppError } from "../../server/core/app-error.js";
import { newId } from "../../server/core/ids.js";
import type { ErrorCode } from "../../shared/errors.js";
import type { NewComment, Store, UserRecord, Viewer } from "../../server/store/store.js";

/** Gives the suite its store; set in beforeAll. */
export type GetStore = () => Store;

let tick = 0;

/** A pinned, strictly increasing clock: each call is one second after the previous one. */
export function at(): string {
  tick += 1;
  return new Date(Date.UTC(2026, 0, 1) + tick * 1000).toISOString();
}

/** A fresh article id, unique to the calling test. */
export function article(): string {
  return `contract-${newId()}`;
}

/** A new guest user. */
export function guest(store: Store, name = "Reader"): Promise<UserRecord> {
  return store.createGuest({ id: newId(), name, email: null, createdAt: at() });
}

/** How `viewer` sees things: as this user (not a moderator). */
export function viewerOf(user: UserRecord): Viewer {
  return { userId: user.id, moderator: false };
}

/** Someone not signed in. */
export const anonymous: Viewer = { userId: null, moderator: false };

/** A moderator who wrote nothing in the test. */
export const moderator: Viewer = { userId: "some-moderator", moderator: true };

/** Inserts a comment with sensible defaults and returns the whole result. */
export function post(
  store: Store,
  fields: Partial<NewComment> & { articleId: string; authorId: string },
) {
  return store.insertComment({
    id: newId(),
    parentId: null,
    body: "A comment",
    status: "published",
    clientKey: null,
    createdAt: at(),
    ...fields,
  });
}

/** Asserts that `promise` rejects with an AppError of `code`. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => new Error(`expected AppError(${code}), but it resolved`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}
