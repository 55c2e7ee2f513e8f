/**
 * zod schemas of the event payloads that shared/events.ts declares as TypeScript interfaces, for
 * the AsyncAPI document only (nothing parses with them). events.docs.ts checks, when compiling,
 * that each one's type is exactly its event's, so they cannot drift from the map.
 */
import * as zm from "zod/mini";
import { articleSchema, commentSchema } from "../../../shared/schemas.js";
import { moderationActionSchema } from "../../../shared/trust.schemas.js";

/** `article:join` acknowledgement: the article's state and the changes after `after`. */
export const articleJoinedSchema = zm.object({
  articleId: zm.string(),
  commentCount: zm.number(),
  lastSeq: zm.number(),
  serverTime: zm.string(),
  changes: zm.array(commentSchema),
  hasMore: zm.boolean(),
  article: zm.optional(articleSchema),
  readers: zm.optional(zm.number()),
});

/** `article:leave` acknowledgement: nothing besides `ok`. */
export const nothingSchema = zm.object({});

/** `comment:post` acknowledgement. */
export const commentPostedSchema = zm.object({ comment: commentSchema });

/** `article:updated` */
export const articleUpdatedSchema = zm.object({
  articleId: zm.string(),
  commentCount: zm.number(),
  closed: zm.optional(zm.boolean()),
});

/** `resync` */
export const resyncSchema = zm.object({ articleIds: zm.array(zm.string()) });

/** `notification:read` */
export const notificationsReadSchema = zm.object({
  ids: zm.nullable(zm.array(zm.string())),
  unreadCount: zm.number(),
});

/** `comment:voted` */
export const commentVotedSchema = zm.object({
  articleId: zm.string(),
  commentId: zm.string(),
  score: zm.number(),
});

/** `moderation:decided` */
export const moderationDecidedSchema = zm.object({
  action: moderationActionSchema,
  articleId: zm.string(),
  commentId: zm.string(),
  moderatorId: zm.string(),
  decidedAt: zm.string(),
  comment: commentSchema,
});

/** `limit:reached` */
export const limitReachedSchema = zm.object({
  code: zm.literal("rate_limited"),
  message: zm.string(),
});

/** `session:expired` */
export const sessionExpiredSchema = zm.object({
  reason: zm.literal("expired"),
  userId: zm.string(),
});
