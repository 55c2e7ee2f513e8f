/**
 * The contract's shapes as zod schemas (zod/mini, so the embed's bundle stays small), with the
 * types inferred from them. Server and embed both parse with these: one source of truth.
 */
import * as z from "zod/mini";
import { articleIdPattern, articleIdRule, limits } from "./limits.js";

/** True when the string holds a C0/C1 control character (tabs and newlines included). */
export function hasControlChars(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(value);
}

/**
 * Characters that show nothing on their own: default-ignorable and format characters (zero-width
 * space, joiners, soft hyphen, bidi controls), marks, spaces, and blank letters (Braille blank,
 * Hangul fillers).
 */
const BLANK = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}\p{Z}\s\u2800\u3164\uffa0]/gu;

/** True when something visible is left once blank and invisible characters are removed. */
function hasVisibleText(value: string): boolean {
  return value.replace(BLANK, "").length > 0;
}

const trimmed = z.pipe(
  z.string(),
  z.transform((s) => s.trim()),
);

/** A comment body: 1 to 5000 characters once surrounding white space is trimmed. */
export const bodySchema = trimmed.check(
  z.refine((s) => s.length >= 1, { message: "must not be empty" }),
  z.refine((s) => s.length <= limits.bodyMaxChars, {
    message: `must be at most ${limits.bodyMaxChars} characters`,
  }),
  // NUL is no text anyone types, and PostgreSQL cannot store it: refuse it at the door everywhere.
  z.refine((s) => !s.includes("\u0000"), { message: "must not contain NUL characters" }),
);

/** A display name: 1 to 50 characters once trimmed, no control characters, something visible. */
export const nameSchema = trimmed.check(
  z.refine((s) => s.length >= 1, { message: "must not be empty" }),
  // A name of zero-width characters shows as nothing: a comment nobody can attribute.
  z.refine(hasVisibleText, { message: "must contain visible characters" }),
  z.refine((s) => s.length <= limits.nameMaxChars, {
    message: `must be at most ${limits.nameMaxChars} characters`,
  }),
  z.refine((s) => !hasControlChars(s), { message: "must not contain control characters" }),
);

export const articleIdSchema = z
  .string()
  .check(z.regex(articleIdPattern, { message: articleIdRule }));

export const idSchema = z.string().check(z.minLength(1), z.maxLength(64));

export const clientKeySchema = z
  .string()
  .check(z.minLength(limits.clientKeyMinChars), z.maxLength(limits.clientKeyMaxChars));

export const roleSchema = z.enum(["guest", "member", "moderator"]);
export const commentStatusSchema = z.enum(["published", "pending", "removed"]);
export const notifySchema = z.enum(["none", "replies", "all"]);
export const sortSchema = z.enum(["newest", "oldest", "top"]);

export const authorSchema = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  avatarUrl: z.nullable(z.string()),
  /** Shown as a badge beside the name, so a guest calling themselves "Moderator" is seen as one. */
  role: roleSchema,
});

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  avatarUrl: z.nullable(z.string()),
  role: roleSchema,
});

export const commentSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  parentId: z.nullable(z.string()),
  seq: z.number(),
  author: authorSchema,
  body: z.string(),
  status: commentStatusSchema,
  createdAt: z.string(),
  editedAt: z.nullable(z.string()),
  /** Who made the latest edit: the author, or a moderator (shown as such); null if never edited. */
  editedBy: z.nullable(z.enum(["author", "moderator"])),
  replyCount: z.number(),
  score: z.number(),
});

/** An article as threads pages carry it: its page (null until known) and whether it is closed. */
export const articleSchema = z.object({
  id: z.string(),
  title: z.nullable(z.string()),
  url: z.nullable(z.string()),
  closed: z.boolean(),
});

/** The article of a notification: enough to name it and link to its page. */
export const notificationArticleSchema = z.object({
  id: z.string(),
  title: z.nullable(z.string()),
  url: z.nullable(z.string()),
});

export const notificationSchema = z.object({
  id: z.string(),
  type: z.enum(["reply", "comment", "mention"]),
  articleId: z.string(),
  comment: commentSchema,
  createdAt: z.string(),
  readAt: z.nullable(z.string()),
  /** Always sent by this server; optional so the store's rows (which lack it) share the type. */
  article: z.optional(notificationArticleSchema),
});

/**
 * A root comment and at most a page of its descendants, oldest first: `moreReplies` more come from
 * the replies endpoint with `repliesCursor` (null when every reply is here).
 */
export const threadSchema = z.object({
  comment: commentSchema,
  replies: z.array(commentSchema),
  moreReplies: z.number(),
  repliesCursor: z.nullable(z.string()),
});

/** `GET /api/comments/:id/replies`: the next replies of a thread, oldest first. */
export const repliesPageSchema = z.object({
  replies: z.array(commentSchema),
  repliesCursor: z.nullable(z.string()),
});

/** An editors' pick: a comment a moderator pinned to the top of its article, and since when. */
export const pinnedCommentSchema = z.object({
  comment: commentSchema,
  pinnedAt: z.string(),
});

export const threadPageSchema = z.object({
  articleId: z.string(),
  commentCount: z.number(),
  lastSeq: z.number(),
  serverTime: z.string(),
  threads: z.array(threadSchema),
  nextCursor: z.nullable(z.string()),
  /** Parley's own: the article takes no new comments (a moderator closed it). */
  closed: z.optional(z.boolean()),
  /** The article's page and state (v1.1). */
  article: z.optional(articleSchema),
  /**
   * Parley's own: editors' picks, oldest pin first (at most limits.pinsPerArticle), on the first
   * page only (no cursor); live changes come as `comment:pinned` / `comment:unpinned`.
   */
  pinned: z.optional(z.array(pinnedCommentSchema)),
});

export const changesPageSchema = z.object({
  articleId: z.string(),
  lastSeq: z.number(),
  changes: z.array(commentSchema),
  hasMore: z.boolean(),
});

export const sessionAnswerSchema = z.object({ token: z.string(), user: userSchema });

export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unreadCount: z.number(),
});

// ---- inbound payloads ----

/** An email address: at most 254 characters (RFC 5321), one plain address, no display name. */
export const emailSchema = z.pipe(trimmed, z.string().check(z.maxLength(254), z.email()));

/** `POST /api/sessions` */
export const createSessionInput = z.object({
  name: nameSchema,
  email: z.optional(emailSchema),
});

const emailDeliverySchema = z.enum(["instant", "hourly", "daily", "off"]);

/** `GET|PUT /api/me/preferences`: the answer (plus Parley's own `emailConfirmed`). */
export const emailPreferencesSchema = z.object({
  email: z.nullable(z.string()),
  emailConfirmed: z.boolean(),
  emailReplies: z.boolean(),
  emailDelivery: emailDeliverySchema,
});

/** `PUT /api/me/preferences`: any of the fields; `email: null` forgets the address. */
export const emailPreferencesBody = z.object({
  email: z.optional(z.nullable(emailSchema)),
  emailReplies: z.optional(z.boolean()),
  emailDelivery: z.optional(emailDeliverySchema),
});

/**
 * The page the embed runs on (`page: { url, title }`). Its shape is checked here; whether it is
 * kept (allowed origin, http(s)) is the server's call. A malformed page is dropped, never an
 * error: a join or post must not fail over a page the embed could not read well.
 */
const pageInput = z.catch(
  z.nullable(
    z.object({
      url: z.string().check(z.maxLength(4096)),
      title: z.optional(z.nullable(z.string().check(z.maxLength(4096)))),
    }),
  ),
  null,
);

/** `POST /api/articles/:id/comments` body (the article comes from the path). */
export const postCommentBody = z.object({
  body: bodySchema,
  parentId: z.optional(z.nullable(idSchema)),
  clientKey: z.optional(clientKeySchema),
  page: z.optional(pageInput),
});

/** `comment:post` payload: the REST body plus the article. */
export const commentPostPayload = z.extend(postCommentBody, { articleId: articleIdSchema });

export const editCommentBody = z.object({ body: bodySchema });

export const subscriptionBody = z.object({ notify: notifySchema });

export const markReadBody = z.object({
  ids: z.optional(z.array(idSchema).check(z.maxLength(limits.notificationsMaxLimit * 10))),
});

/** Query strings arrive as text: numbers are coerced, then bounded. */
function intInRange(min: number, max: number) {
  return z.pipe(
    z.string().check(z.regex(/^\d{1,9}$/, { message: "must be a whole number" })),
    z.pipe(
      z.transform((s: string) => Number(s)),
      z.number().check(z.gte(min), z.lte(max)),
    ),
  );
}

export const threadsQuery = z.object({
  sort: z.prefault(sortSchema, "newest"),
  limit: z.prefault(intInRange(1, limits.threadsMaxLimit), String(limits.threadsDefaultLimit)),
  cursor: z.optional(z.string().check(z.maxLength(512))),
});

export const changesQuery = z.object({
  // At most 9 digits, as every query number: seqs stay far below (the bound is stated, not implied).
  after: z.prefault(intInRange(0, 999_999_999), "0"),
  limit: z.prefault(intInRange(1, limits.changesMaxLimit), String(limits.changesDefaultLimit)),
});

export const repliesQuery = z.object({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z.prefault(intInRange(1, limits.repliesMaxLimit), String(limits.repliesDefaultLimit)),
});

export const notificationsQuery = z.object({
  unread: z.prefault(z.enum(["true", "false"]), "false"),
  limit: z.prefault(
    intInRange(1, limits.notificationsMaxLimit),
    String(limits.notificationsDefaultLimit),
  ),
});

export const articleJoinPayload = z.object({
  articleId: articleIdSchema,
  after: z.optional(z.number().check(z.int(), z.gte(0))),
  page: z.optional(pageInput),
});

export const articleLeavePayload = z.object({ articleId: articleIdSchema });

/**
 * `presence:updated` (v1.1): how many connections read the article now, on every instance. Sent to
 * the article's readers at most once per PRESENCE_INTERVAL_MS, and only when the number changed.
 */
export const presenceUpdatedSchema = z.object({
  articleId: z.string(),
  readers: z.number().check(z.int(), z.nonnegative()),
});

/** `comment:pinned`: a moderator pinned a comment; readers show it on top with a label. */
export const commentPinnedSchema = z.object({
  articleId: z.string(),
  comment: commentSchema,
  pinnedAt: z.string(),
});

/** `comment:unpinned`: the comment is no longer pinned (a moderator unpinned or removed it). */
export const commentUnpinnedSchema = z.object({
  articleId: z.string(),
  commentId: z.string(),
});

export type Role = z.infer<typeof roleSchema>;
export type CommentStatus = z.infer<typeof commentStatusSchema>;
export type Notify = z.infer<typeof notifySchema>;
export type Sort = z.infer<typeof sortSchema>;
export type User = z.infer<typeof userSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type Notification = z.infer<typeof notificationSchema>;
export type Article = z.infer<typeof articleSchema>;
export type NotificationArticle = z.infer<typeof notificationArticleSchema>;
export type Thread = z.infer<typeof threadSchema>;
export type RepliesPage = z.infer<typeof repliesPageSchema>;
export type ThreadPage = z.infer<typeof threadPageSchema>;
export type CommentPostPayload = z.infer<typeof commentPostPayload>;
export type ArticleJoinPayload = z.infer<typeof articleJoinPayload>;
export type PresenceUpdated = z.infer<typeof presenceUpdatedSchema>;
export type PinnedComment = z.infer<typeof pinnedCommentSchema>;
export type CommentPinned = z.infer<typeof commentPinnedSchema>;
export type CommentUnpinned = z.infer<typeof commentUnpinnedSchema>;
export type EmailPreferences = z.infer<typeof emailPreferencesSchema>;
export type EmailPreferencesBody = z.infer<typeof emailPreferencesBody>;
