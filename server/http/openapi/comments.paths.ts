/** OpenAPI paths of comments.routes.ts: threads, catch-up, posting, editing, removing. */
import { limits } from "../../../shared/limits.js";
import {
  intQuery,
  jsonAnswer,
  jsonBody,
  operation,
  param,
  security,
} from "./operation.builders.js";

const tags = ["comments"];

export const commentPaths = {
  "/api/articles/{articleId}/comments": {
    get: operation({
      summary: "An article's threads",
      description:
        "Root comments in the asked order, each with its first replies (at most " +
        String(limits.threadRepliesLimit) +
        " of its descendants, oldest first, each with its `parentId`; the rest come from `GET /api/comments/{id}/replies`). The answer never exceeds " +
        String(limits.responseMaxBytes / 1024) +
        " KiB: a page holds fewer threads (and a thread fewer replies) when long comments would pass that, with `nextCursor` (`repliesCursor`) for the rest. `commentCount` counts published comments, replies included. Pending comments appear only to their author and to moderators; removed ones keep their place with `status: removed` and an empty body. An article never commented on answers empty `threads`. A page read from the store (anything but an anonymous first page the server has cached) is charged to the client IP's read budget (1 unit + 1 per 32 KiB; 429 past it), and waits for the instance's read gate (503 with `Retry-After` when its queue is full).",
      tags,
      security: security.optional,
      parameters: [
        param("articleId"),
        {
          name: "sort",
          in: "query",
          required: false,
          description: "`top` orders by score, then newest first.",
          schema: { type: "string", enum: ["newest", "oldest", "top"], default: "newest" },
        },
        intQuery("limit", "Root comments per page.", {
          minimum: 1,
          maximum: limits.threadsMaxLimit,
          default: limits.threadsDefaultLimit,
        }),
        {
          name: "cursor",
          in: "query",
          required: false,
          description:
            "`nextCursor` of the previous page, opaque. Valid only with the `sort` it came from (else 400).",
          schema: { type: "string", maxLength: 512 },
        },
      ],
      answers: { "200": jsonAnswer("One page of threads.", "ThreadPage") },
      errors: ["invalid_input", "unauthorized", "rate_limited"],
    }),
    post: operation({
      summary: "Post a comment or a reply",
      description:
        "A `parentId` that is not a visible comment of the same article answers 404; replying to a removed comment answers 409, as does posting to an article closed to new comments. With a `clientKey` this user used before, the first comment is answered with 200 and nothing new is created. Depending on moderation the new comment is `published` or `pending`; a banned word may also refuse it with 400. Rate limits apply per user and per client IP.",
      tags,
      security: security.required,
      parameters: [param("articleId")],
      requestBody: jsonBody("PostCommentBody"),
      answers: {
        "201": jsonAnswer("Created.", "CommentAnswer"),
        "200": jsonAnswer(
          "The `clientKey` was used before by this user: the first comment, nothing new.",
          "CommentAnswer",
        ),
      },
      errors: [
        "invalid_input",
        "unauthorized",
        "not_found",
        "conflict",
        "payload_too_large",
        "rate_limited",
      ],
    }),
  },

  "/api/articles/{articleId}/changes": {
    get: operation({
      summary: "Catch up: every change after a seq",
      description:
        "Every comment whose `seq` is greater than `after`, in `seq` order, as it is now: new comments, edits, removals and moderation decisions. Repeat with `after` = the last `seq` received while `hasMore`. An answer never exceeds " +
        String(limits.responseMaxBytes / 1024) +
        " KiB: it is cut early with `hasMore: true`. Each page is charged to the client IP's read budget (`READ_BUDGET_PER_IP`): 1 unit plus 1 per 32 KiB returned; past it, 429.",
      tags,
      security: security.optional,
      parameters: [
        param("articleId"),
        intQuery("after", "The last `seq` the client holds.", {
          minimum: 0,
          maximum: Number.MAX_SAFE_INTEGER,
          default: 0,
        }),
        intQuery("limit", "Changes per answer.", {
          minimum: 1,
          maximum: limits.changesMaxLimit,
          default: limits.changesDefaultLimit,
        }),
      ],
      answers: { "200": jsonAnswer("The changes.", "ChangesPage") },
      errors: ["invalid_input", "unauthorized", "rate_limited"],
    }),
  },

  "/api/comments/{id}/replies": {
    get: operation({
      summary: "The next replies of a thread",
      description: `The descendants of the thread rooted at \`id\` (a root comment), oldest first, after \`cursor\` (a thread's or a previous page's \`repliesCursor\`; none: from the first reply), at most \`limit\` and never more than ${limits.responseMaxBytes / 1024} KiB. A cursor of another thread or not a cursor at all answers 400; an id that is not a visible root comment, 404. Charged to the client IP's read budget as changes pages are.`,
      tags,
      security: security.optional,
      parameters: [
        param("commentId"),
        {
          name: "cursor",
          in: "query",
          required: false,
          description: "`repliesCursor` of the thread or of the previous replies page, opaque.",
          schema: { type: "string", maxLength: 512 },
        },
        intQuery("limit", "Replies per page.", {
          minimum: 1,
          maximum: limits.repliesMaxLimit,
          default: limits.repliesDefaultLimit,
        }),
      ],
      answers: { "200": jsonAnswer("One page of replies.", "RepliesPage") },
      errors: ["invalid_input", "unauthorized", "not_found", "rate_limited"],
    }),
  },

  "/api/comments/{id}": {
    patch: operation({
      summary: "Edit a comment",
      description:
        "The author within the edit window (`EDIT_WINDOW_SECONDS` after posting), or a moderator at any time. A closed window or a removed comment answers 409. Edits count against the comment rate limits (429). An author's edit goes through the same moderation rules as a post: banned words are refused (400) or hold the comment, and in pre-moderation the edited comment is held again (`status: \"pending\"`). The edit takes the article's next `seq` and sets `editedAt` and `editedBy` (`moderator` when a moderator edits someone else's comment; that edit is logged).",
      tags,
      security: security.required,
      parameters: [param("commentId")],
      requestBody: jsonBody("EditCommentBody"),
      answers: { "200": jsonAnswer("The edited comment.", "CommentAnswer") },
      errors: [
        "invalid_input",
        "unauthorized",
        "forbidden",
        "not_found",
        "conflict",
        "payload_too_large",
      ],
    }),
    delete: operation({
      summary: "Remove a comment",
      description:
        "The author or a moderator. The comment keeps its place with `status: removed` and an empty body, and takes the article's next `seq`. Removing it again answers the same.",
      tags,
      security: security.required,
      parameters: [param("commentId")],
      answers: { "200": jsonAnswer("The removed comment.", "CommentAnswer") },
      errors: ["invalid_input", "unauthorized", "forbidden", "not_found"],
    }),
  },
};
