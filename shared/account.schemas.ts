/**
 * Answers of the own-data and deep-link routes: `GET /api/me/export` (and a moderator's
 * `/api/users/:id/export`), `DELETE /api/me` (and `/api/users/:id`), `GET /api/comments/:id/thread`.
 */
import * as z from "zod/mini";
import { articleSchema, commentSchema, notifySchema, roleSchema, threadSchema } from "./schemas.js";

/** `GET /api/comments/:id/thread`: the thread holding a comment, and its article. */
export const commentThreadSchema = z.object({
  articleId: z.string(),
  commentId: z.string(),
  article: articleSchema,
  thread: threadSchema,
});

/** Version 1 of a person's download. */
export const userExportSchema = z.object({
  version: z.literal(1),
  exportedAt: z.string(),
  user: z.object({
    id: z.string(),
    name: z.string(),
    handle: z.string(),
    avatarUrl: z.nullable(z.string()),
    role: roleSchema,
    email: z.nullable(z.string()),
    createdAt: z.string(),
  }),
  /** Their comments in every status, oldest first. */
  comments: z.array(commentSchema),
  /** Others' comments they replied to: nothing else of other people. */
  repliedTo: z.array(commentSchema),
  votes: z.array(
    z.object({
      commentId: z.string(),
      articleId: z.string(),
      value: z.union([z.literal(1), z.literal(-1)]),
      createdAt: z.string(),
    }),
  ),
  subscriptions: z.array(z.object({ articleId: z.string(), notify: notifySchema })),
  /** By reference: the comment's id, not other people's words. */
  notifications: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      articleId: z.string(),
      commentId: z.string(),
      createdAt: z.string(),
      readAt: z.nullable(z.string()),
    }),
  ),
});

/** `DELETE /api/me`, `DELETE /api/users/:id` */
export const accountDeletedSchema = z.object({
  deleted: z.literal(true),
  /** How many of their comments changed (each took its article's next seq). */
  comments: z.number(),
});
