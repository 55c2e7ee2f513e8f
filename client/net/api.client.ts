/**
 * REST calls of the embed. Every answer is parsed with the shared zod/mini schemas, so a server that
 * drifts from the contract fails loudly here instead of rendering garbage.
 */
import * as z from "zod/mini";
import type { ErrorCode } from "../../shared/errors.js";
import { limits } from "../../shared/limits.js";
import { commentThreadSchema } from "../../shared/account.schemas.js";
import {
  changesPageSchema,
  commentSchema,
  notificationListSchema,
  notifySchema,
  pinnedCommentSchema,
  repliesPageSchema,
  sessionAnswerSchema,
  emailPreferencesSchema,
  type EmailPreferences,
  threadPageSchema,
  type Comment,
  type Notify,
  type Sort,
} from "../../shared/schemas.js";
import { voteAnswerSchema } from "../../shared/trust.schemas.js";
import type { PageInfo } from "./page-info.js";
import { t } from "../i18n/translate.js";

const commentAnswer = z.object({ comment: commentSchema });
const commentThreadAnswer = commentThreadSchema;
const subscriptionAnswer = z.object({ articleId: z.string(), notify: notifySchema });
const unreadAnswer = z.object({ unreadCount: z.number() });
const reportAnswer = z.object({ commentId: z.string(), reported: z.boolean() });
const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** A failed call: the contract's error code (or `network`), and `Retry-After` seconds on 429. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network",
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/**
 * How long one call may take, answer body included. A request that hangs (a stalled proxy, a
 * server stuck on its database) must not leave the form disabled forever: past this it fails as a
 * network error, which the poster retries with the same clientKey and the form then offers again.
 */
export const REQUEST_TIMEOUT_MS = 15_000;

/** The REST API as the embed uses it. */
export type Api = ReturnType<typeof createApi>;

/**
 * Builds the API client for a server origin; `getToken` is read on every call. A token the server
 * refuses (expired, or signed with an old secret) goes to `onUnauthorized`, and a read is then
 * retried without it: reading never needs a token.
 */
export function createApi(
  origin: string,
  getToken: () => string | null,
  onUnauthorized: () => void = () => undefined,
  /** The page the embed runs on, sent with each post (the server may keep it as the article's). */
  page: PageInfo | null = null,
) {
  async function call<T>(
    schema: z.ZodMiniType<T>,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    // One signal for the whole call: it also cuts an answer whose body stops arriving.
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    try {
      response = await fetch(`${origin}/api${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
        signal,
      });
    } catch {
      throw new ApiError(0, "network", t("Parley cannot be reached right now."));
    }
    if (response.status === 401 && token) {
      onUnauthorized();
      if (method === "GET" && getToken() !== token) return call(schema, method, path, body);
    }
    const json: unknown = await response.json().catch(() => null);
    // The answer started but never finished: as unknown an outcome as no answer at all.
    if (signal.aborted) throw new ApiError(0, "network", t("Parley did not answer in time."));
    if (!response.ok) {
      const parsed = errorAnswer.safeParse(json);
      const retry = Number(response.headers.get("Retry-After"));
      throw new ApiError(
        response.status,
        (parsed.success ? parsed.data.error.code : "internal") as ErrorCode,
        parsed.success ? parsed.data.error.message : `HTTP ${response.status}`,
        Number.isFinite(retry) && retry > 0 ? retry : null,
      );
    }
    return schema.parse(json);
  }

  const article = (articleId: string) => `/articles/${encodeURIComponent(articleId)}`;

  return {
    /** One page of threads. */
    threads(articleId: string, sort: Sort, cursor: string | null, limit = 20) {
      const query = new URLSearchParams({ sort, limit: String(limit) });
      if (cursor) query.set("cursor", cursor);
      return call(threadPageSchema, "GET", `${article(articleId)}/comments?${query.toString()}`);
    },
    /** The article's changes after seq `after` (the embed's reads while its socket is blocked). */
    changes(articleId: string, after: number) {
      return call(changesPageSchema, "GET", `${article(articleId)}/changes?after=${after}`);
    },
    /** The next replies of a thread, after `cursor` (its `repliesCursor`). */
    replies(rootId: string, cursor: string | null) {
      const query = new URLSearchParams({ limit: String(limits.repliesDefaultLimit) });
      if (cursor) query.set("cursor", cursor);
      const path = `/comments/${encodeURIComponent(rootId)}/replies?${query.toString()}`;
      return call(repliesPageSchema, "GET", path);
    },
    /** Posts a comment; the same `clientKey` makes a retry return the first comment. */
    async post(articleId: string, body: string, parentId: string | null, clientKey: string) {
      const payload = { body, parentId, clientKey, ...(page ? { page } : {}) };
      const answer = await call(commentAnswer, "POST", `${article(articleId)}/comments`, payload);
      return answer.comment satisfies Comment;
    },
    /** The thread holding a comment, wherever it is in the article (deep links). */
    commentThread(id: string) {
      return call(commentThreadAnswer, "GET", `/comments/${encodeURIComponent(id)}/thread`);
    },
    /** Edits a comment (its author within the edit window, or a moderator). */
    async edit(id: string, body: string) {
      const path = `/comments/${encodeURIComponent(id)}`;
      return (await call(commentAnswer, "PATCH", path, { body })).comment;
    },
    /** Removes a comment (its author, or a moderator). */
    async remove(id: string) {
      return (await call(commentAnswer, "DELETE", `/comments/${encodeURIComponent(id)}`)).comment;
    },
    /** Votes a comment up (1) or down (-1), or takes the vote back (0); answers the new score. */
    vote(id: string, value: 1 | -1 | 0) {
      const path = `/comments/${encodeURIComponent(id)}/vote`;
      return value === 0
        ? call(voteAnswerSchema, "DELETE", path)
        : call(voteAnswerSchema, "PUT", path, { value });
    },
    /** Reports a comment to the moderators. */
    async report(id: string): Promise<void> {
      await call(reportAnswer, "POST", `/comments/${encodeURIComponent(id)}/reports`, {});
    },
    /** Pins a comment to the top of its article (moderators); answers the pin. */
    pin(id: string) {
      return call(pinnedCommentSchema, "PUT", `/comments/${encodeURIComponent(id)}/pin`);
    },
    /** Unpins a comment (moderators); the server answers 204 whether or not it was pinned. */
    async unpin(id: string): Promise<void> {
      await call(z.nullable(z.object({})), "DELETE", `/comments/${encodeURIComponent(id)}/pin`);
    },
    /** Creates a guest identity. */
    createSession(name: string, email?: string) {
      return call(sessionAnswerSchema, "POST", "/sessions", email ? { name, email } : { name });
    },
    /** The reader's email preferences. */
    preferences() {
      return call(emailPreferencesSchema, "GET", "/me/preferences");
    },
    putPreferences(prefs: Partial<Omit<EmailPreferences, "emailConfirmed">>) {
      return call(emailPreferencesSchema, "PUT", "/me/preferences", prefs);
    },
    async getSubscription(articleId: string): Promise<Notify> {
      return (await call(subscriptionAnswer, "GET", `${article(articleId)}/subscription`)).notify;
    },
    async putSubscription(articleId: string, notify: Notify): Promise<Notify> {
      const path = `${article(articleId)}/subscription`;
      return (await call(subscriptionAnswer, "PUT", path, { notify })).notify;
    },
    notifications(limit = 20) {
      return call(notificationListSchema, "GET", `/notifications?limit=${limit}`);
    },
    async unreadCount(): Promise<number> {
      const answer = await call(
        notificationListSchema,
        "GET",
        "/notifications?unread=true&limit=1",
      );
      return answer.unreadCount;
    },
    /** Marks the given notifications read, or all of them when `ids` is omitted. */
    async markRead(ids?: string[]): Promise<number> {
      return (await call(unreadAnswer, "POST", "/notifications/read", ids ? { ids } : {}))
        .unreadCount;
    },
  };
}
