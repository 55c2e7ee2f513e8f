/**
 * The OpenAPI document's `components.schemas`, generated from the shared zod schemas (the same ones
 * the server parses with), so the document cannot drift from what the API accepts and answers.
 * Request bodies are rendered as their input side, answers as their output side.
 */
import { z } from "zod";
import * as zm from "zod/mini";
import { errorCodes } from "../../../shared/errors.js";
import { limits } from "../../../shared/limits.js";
import {
  articleSchema,
  authorSchema,
  bodySchema,
  changesPageSchema,
  commentSchema,
  createSessionInput,
  pinnedCommentSchema,
  editCommentBody,
  emailPreferencesBody,
  emailSchema,
  emailPreferencesSchema,
  markReadBody,
  nameSchema,
  notificationListSchema,
  notificationSchema,
  notifySchema,
  postCommentBody,
  sessionAnswerSchema,
  subscriptionBody,
  threadPageSchema,
  threadSchema,
  repliesPageSchema,
  userSchema,
} from "../../../shared/schemas.js";
import {
  accountDeletedSchema,
  commentThreadSchema,
  userExportSchema,
} from "../../../shared/account.schemas.js";
import {
  articleSettingsBody,
  articleSettingsSchema,
  decisionBody,
  logEntrySchema,
  moderationQueueSchema,
  queueItemSchema,
  reportBody,
  voteAnswerSchema,
  voteBody,
} from "../../../shared/trust.schemas.js";

/** A JSON value as the document holds it. */
export type JsonObject = { [key: string]: unknown };

// Answers that have no shared schema of their own; documentation only, never parsed with.
const fieldIssue = zm.object({ path: zm.string(), message: zm.string() });
const errorBody = zm.object({
  error: zm.object({
    code: zm.enum(errorCodes as [string, ...string[]]),
    message: zm.string(),
    details: zm.optional(zm.array(fieldIssue)),
  }),
});
/** `{ comment }`: the comment a write produced or touched. */
export const commentAnswer = zm.object({ comment: commentSchema });
/** `{ unreadCount }` after marking notifications read. */
export const unreadCount = zm.object({ unreadCount: zm.number() });
/** What the user is notified of on one article. */
export const subscription = zm.object({ articleId: zm.string(), notify: notifySchema });
/** `GET /healthz` */
export const health = zm.object({ status: zm.literal("ok") });
/** A report was taken (or had been). */
export const reportAnswer = zm.object({ commentId: zm.string(), reported: zm.literal(true) });
/** `GET /api/moderation/queue` */
export const queuePage = zm.object({
  queue: moderationQueueSchema,
  items: zm.array(queueItemSchema),
});
/** `GET /api/moderation/log` */
export const moderationLog = zm.object({ entries: zm.array(logEntrySchema) });
/** `GET /readyz` */
export const readiness = zm.object({
  status: zm.enum(["ok", "unavailable"]),
  checks: zm.record(zm.string(), zm.enum(["ok", "down"])),
  shuttingDown: zm.boolean(),
});

const answers: [zm.ZodMiniType, string, string][] = [
  [authorSchema, "Author", "Who wrote a comment: the public part of a user."],
  [userSchema, "User", "A user as the API shows it to themselves."],
  [commentSchema, "Comment", "A comment. Removed comments keep their place with an empty body."],
  [
    notificationSchema,
    "Notification",
    "A reply to the user, a mention of their `@handle`, or a new comment they follow.",
  ],
  [
    emailPreferencesSchema,
    "EmailPreferences",
    "The user's address (never shown to others), whether it is confirmed, and what is mailed.",
  ],
  [
    threadSchema,
    "Thread",
    "A root comment with the first page of its descendants, oldest first; `moreReplies` more come from the replies endpoint with `repliesCursor` (null: every reply is here).",
  ],
  [
    repliesPageSchema,
    "RepliesPage",
    "The next replies of a thread, oldest first, and the cursor of the ones after (null: none).",
  ],
  [threadPageSchema, "ThreadPage", "One page of an article's threads."],
  [pinnedCommentSchema, "PinnedComment", "An editors' pick: a pinned comment and since when."],
  [
    changesPageSchema,
    "ChangesPage",
    "Every comment whose seq is after the given one, in seq order.",
  ],
  [sessionAnswerSchema, "SessionAnswer", "A guest identity and its bearer token."],
  [
    notificationListSchema,
    "NotificationList",
    "Notifications, newest first, and the unread count.",
  ],
  [commentAnswer, "CommentAnswer", "The comment a write produced or touched."],
  [unreadCount, "UnreadCount", "How many notifications remain unread."],
  [subscription, "Subscription", "What the user is notified of on one article."],
  [voteAnswerSchema, "VoteAnswer", "A comment's score and the caller's vote (1, -1, or 0: none)."],
  [reportAnswer, "ReportAnswer", "The comment is reported."],
  [queueItemSchema, "QueueItem", "A comment in a moderation queue, with its open reports."],
  [queuePage, "QueuePage", "A moderation queue, oldest first."],
  [logEntrySchema, "LogEntry", "One moderation decision or setting change: who, what, when."],
  [moderationLog, "ModerationLog", "The moderation log, newest first."],
  [
    articleSettingsSchema,
    "ArticleSettings",
    "An article's moderation mode and whether it is closed.",
  ],
  [userExportSchema, "UserExport", "Everything Parley keeps of one user (version 1)."],
  [accountDeletedSchema, "AccountDeleted", "The account is deleted."],
  [commentThreadSchema, "CommentThread", "The thread holding a comment, and its article."],
  [articleSchema, "Article", "An article: its page (title, canonical URL; null until known)."],
  [fieldIssue, "FieldIssue", "One field problem of an `invalid_input` error."],
  [errorBody, "Error", "Every error answer. `details` only with `invalid_input`."],
  [health, "Health", "Liveness."],
  [readiness, "Readiness", "Readiness: each dependency's state, and whether a shutdown began."],
];

const requests: [zm.ZodMiniType, string, string][] = [
  [
    createSessionInput,
    "CreateSessionInput",
    "A guest's display name and optional email (at most 254 characters, never shown; it is sent a confirmation link).",
  ],
  [emailPreferencesBody, "EmailPreferencesBody", "Fields to change; absent fields stay."],
  [postCommentBody, "PostCommentBody", "A new comment or reply."],
  [editCommentBody, "EditCommentBody", "The new text of a comment."],
  [markReadBody, "MarkReadBody", "Notifications to mark read; without `ids`, all of them."],
  [subscriptionBody, "SubscriptionBody", "What to be notified of on this article."],
  [voteBody, "VoteBody", "Up (1) or down (-1)."],
  [reportBody, "ReportBody", "An optional reason, at most 500 characters."],
  [
    decisionBody,
    "DecisionBody",
    "A moderator's decision, an optional reason, and the `editedAt` of the version reviewed.",
  ],
  [articleSettingsBody, "ArticleSettingsBody", "Fields to change; absent fields stay."],
];

/**
 * Refinements (trimmed lengths, control characters) have no JSON Schema form: their bounds are
 * stated here from the same constants, and tests/unit/openapi-limits.test.ts proves each one
 * against the schema's answers. A trimmed email is rendered from its output side, which holds them.
 */
const refinedStrings = new Map<unknown, () => JsonObject>([
  [
    bodySchema,
    () => ({
      minLength: 1,
      maxLength: limits.bodyMaxChars,
      description: `Plain text, 1 to ${limits.bodyMaxChars} characters after trimming surrounding white space, no NUL character; stored and returned trimmed, never interpreted as HTML.`,
    }),
  ],
  [
    nameSchema,
    () => ({
      minLength: 1,
      maxLength: limits.nameMaxChars,
      description: `1 to ${limits.nameMaxChars} characters after trimming, no control characters, and not made only of invisible characters (zero-width, format, blank).`,
    }),
  ],
  [emailSchema, () => jsonSchemaOf(emailSchema, "output")],
]);

/** `toJSONSchema`'s override that states the refined strings' bounds on the input side. */
export function statedBounds(io: "input" | "output") {
  return ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonObject }) => {
    const extra = refinedStrings.get(zodSchema);
    if (extra && io === "input") Object.assign(jsonSchema, extra());
  };
}

/** One schema alone as JSON Schema, without `$schema`. */
export function jsonSchemaOf(schema: z.core.$ZodType, io: "input" | "output"): JsonObject {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as JsonObject;
  return json;
}

const timestampFields = new Set([
  "createdAt",
  "editedAt",
  "readAt",
  "serverTime",
  "closedAt",
  "decidedAt",
]);
const integerFields = new Set([
  "seq",
  "replyCount",
  "score",
  "commentCount",
  "lastSeq",
  "unreadCount",
]);

/** Document-wide touches: integers, timestamps, and answers open to added fields. */
function polish(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(polish);
  if (typeof node !== "object" || node === null) return;
  const schema = node as JsonObject;
  delete schema.$schema;
  delete schema.$id;
  // The contract lets the server add fields to answers; clients must not reject them.
  if (schema.additionalProperties === false) delete schema.additionalProperties;
  const properties = schema.properties as Record<string, JsonObject> | undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    if (integerFields.has(name) && property.type === "number") property.type = "integer";
    if (timestampFields.has(name)) property.format = "date-time";
  }
  Object.values(schema).forEach(polish);
}

function render(entries: [zm.ZodMiniType, string, string][], io: "input" | "output") {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
    override: statedBounds(io),
  });
  for (const [, id, description] of entries) {
    const schema = schemas[id] as JsonObject;
    schema.description = description;
  }
  polish(schemas);
  return schemas as Record<string, JsonObject>;
}

/** Every named schema of the document. */
export function componentSchemas(): Record<string, JsonObject> {
  return { ...render(answers, "output"), ...render(requests, "input") };
}

/** A `$ref` to a named schema. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const names = new Map<unknown, string>(
  [...answers, ...requests].map(([schema, id]) => [schema, id]),
);

/** A `$ref` to the component rendered from this zod schema; one without a name is a mistake here. */
export function refTo(schema: zm.ZodMiniType): { $ref: string } {
  const name = names.get(schema);
  if (name === undefined) throw new Error("This schema has no entry in openapi/schemas.ts");
  return ref(name);
}
