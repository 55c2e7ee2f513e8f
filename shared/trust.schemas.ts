/**
 * Trust and safety shapes of the wire contract: votes, reports, the moderation queue and its
 * decisions, per-article settings. zod/mini like shared/schemas.ts, so the moderation page and the
 * server parse with the same schemas.
 */
import * as z from "zod/mini";
import { articleIdPattern, articleIdRule } from "./limits.js";
import { commentSchema, notificationArticleSchema } from "./schemas.js";

/** The queue a comment waits in: held before publication, or published and reported since. */
export const moderationQueueSchema = z.enum(["pending", "reported"]);

/** What a moderator decides about one comment. */
export const moderationActionSchema = z.enum(["approve", "reject", "remove"]);

/** An article's moderation mode: `post` publishes then reviews on report, `pre` holds everything. */
export const moderationModeSchema = z.enum(["post", "pre"]);

/** Free-text reasons (reports, decisions) are short plain text, never HTML. */
const reasonSchema = z.pipe(
  z.string().check(z.maxLength(500)),
  z.transform((s) => s.trim()),
);

/** `PUT /api/comments/:id/vote` */
export const voteBody = z.object({ value: z.union([z.literal(1), z.literal(-1)]) });

/** `POST /api/comments/:id/reports` */
export const reportBody = z.object({ reason: z.optional(reasonSchema) });

/** `POST /api/moderation/comments/:id/decisions` */
export const decisionBody = z.object({
  action: moderationActionSchema,
  reason: z.optional(reasonSchema),
  /**
   * The `editedAt` of the version the moderator saw (null: never edited). When it is no longer
   * the comment's, the decision answers 409 `conflict`: an edit came in since.
   */
  editedAt: z.optional(z.nullable(z.string().check(z.maxLength(40)))),
});

/** `PUT /api/moderation/articles/:articleId`: null mode means "the site's default". */
export const articleSettingsBody = z.object({
  moderation: z.optional(z.nullable(moderationModeSchema)),
  closed: z.optional(z.boolean()),
  /** The article's page title (cleaned and cut to 300 characters); null forgets it. */
  title: z.optional(z.nullable(z.string().check(z.maxLength(1000)))),
  /** The article's canonical page: an absolute http(s) URL up to 2048 characters; null forgets it. */
  url: z.optional(z.nullable(z.string().check(z.maxLength(2048)))),
});

/** A query-string page size: whole digits, then bounded. */
function pageSize(max: number, fallback: number) {
  return z.prefault(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, { message: "must be a whole number" })),
      z.pipe(
        z.transform((s: string) => Number(s)),
        z.number().check(z.gte(1), z.lte(max)),
      ),
    ),
    String(fallback),
  );
}

const optionalArticle = z.optional(
  z.string().check(z.regex(articleIdPattern, { message: articleIdRule })),
);

/** `GET /api/moderation/queue` query: oldest first, at most `limit`. */
export const queueQuery = z.object({
  queue: z.prefault(moderationQueueSchema, "pending"),
  articleId: optionalArticle,
  limit: pageSize(100, 50),
});

/** `GET /api/moderation/log` query: newest first. */
export const logQuery = z.object({ articleId: optionalArticle, limit: pageSize(200, 50) });

/** One comment in a moderation queue. */
export const queueItemSchema = z.object({
  queue: moderationQueueSchema,
  comment: commentSchema,
  /** Reports made since the last decision on this comment (0 in the pending queue unless reported). */
  reportCount: z.number(),
  /** The reasons given with those reports, newest first (empty strings dropped). */
  reasons: z.array(z.string()),
  /** The comment's article and its page, for the link to the comment. */
  article: z.optional(notificationArticleSchema),
});

/** One line of the moderation log: who decided what, when. */
export const logEntrySchema = z.object({
  id: z.string(),
  articleId: z.string(),
  commentId: z.nullable(z.string()),
  moderator: z.object({ id: z.string(), name: z.nullable(z.string()) }),
  action: z.string(),
  reason: z.nullable(z.string()),
  createdAt: z.string(),
});

/** An article's settings as moderators see and change them. */
export const articleSettingsSchema = z.object({
  articleId: z.string(),
  /** null: the site's default mode applies. */
  moderation: z.nullable(moderationModeSchema),
  /** The mode in force: the article's own, else the site's. */
  effectiveModeration: moderationModeSchema,
  closed: z.boolean(),
  closedAt: z.nullable(z.string()),
  /** The article's page (null until known). */
  title: z.optional(z.nullable(z.string())),
  url: z.optional(z.nullable(z.string())),
});

/** Answer of the vote routes. */
export const voteAnswerSchema = z.object({
  commentId: z.string(),
  score: z.number(),
  /** This user's vote now: 1, -1, or 0 for none. */
  vote: z.number(),
});

/** `comment:voted`, to an article's readers, coalesced per comment. */
export interface CommentVoted {
  articleId: string;
  commentId: string;
  score: number;
}

/** `moderation:decided`, to the moderators room. */
export interface ModerationDecided {
  action: ModerationAction;
  articleId: string;
  commentId: string;
  moderatorId: string;
  decidedAt: string;
  comment: z.infer<typeof commentSchema>;
}

/** `limit:reached`: this connection sends events too fast; continuing ends in a disconnect. */
export interface LimitReached {
  code: "rate_limited";
  message: string;
}

export type ModerationQueue = z.infer<typeof moderationQueueSchema>;
export type ModerationAction = z.infer<typeof moderationActionSchema>;
export type ModerationMode = z.infer<typeof moderationModeSchema>;
export type QueueItem = z.infer<typeof queueItemSchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;
export type ArticleSettings = z.infer<typeof articleSettingsSchema>;
export type VoteAnswer = z.infer<typeof voteAnswerSchema>;
