/** Docs of comments.routes.ts: threads, catch-up, replies, posting, editing, removing. */
import { limits } from "../../../shared/limits.js";
import {
  changesPageSchema,
  changesQuery,
  editCommentBody,
  postCommentBody,
  repliesPageSchema,
  repliesQuery,
  threadPageSchema,
  threadsQuery,
} from "../../../shared/schemas.js";
import { commentThreadSchema } from "../../../shared/account.schemas.js";
import { SHARED_MAX_AGE_S, SHARED_SWR_S } from "../comments.routes.js";
import { COMPRESS_THRESHOLD } from "../encoding.js";
import { jsonAnswer } from "./operation.builders.js";
import { articleParam, commentParam } from "./params.js";
import { query, type RouteDoc, type RouteKey } from "./route-doc.js";
import { commentAnswer } from "./schemas.js";

const tags = ["comments"];
const cdnCacheControl = `public, max-age=${SHARED_MAX_AGE_S}, stale-while-revalidate=${SHARED_SWR_S}`;
const kib = (bytes: number) => `${bytes / 1024} KiB`;

/** Route docs of comments.routes.ts. */
export const commentDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "GET /api/articles/:articleId/comments": {
    summary: "An article's threads",
    description: `Root comments in the asked order, each with its first replies (at most ${limits.threadRepliesLimit} of its descendants, oldest first, each with its \`parentId\`; the rest come from \`GET /api/comments/{id}/replies\`). The answer never exceeds ${kib(limits.responseMaxBytes)}: a page holds fewer threads (and a thread fewer replies) when long comments would pass that, with \`nextCursor\` (\`repliesCursor\`) for the rest. \`commentCount\` counts published comments, replies included. Pending comments appear only to their author and to moderators; removed ones keep their place with \`status: removed\` and an empty body. An article never commented on answers empty \`threads\`. A page read from the store (anything but an anonymous first page the server has cached) is charged to the client IP's read budget (1 unit + 1 per 32 KiB; 429 past it), and waits for the instance's read gate (503 with \`Retry-After\` when its queue is full).

Caching: an anonymous page (no \`Authorization\`) carries a weak \`ETag\`, \`Cache-Control: public, no-cache\` (browsers revalidate every time) and \`CDN-Cache-Control: ${cdnCacheControl}\` for shared caches; \`If-None-Match\` with that ETag answers 304 with no body. A signed-in reader's page is \`Cache-Control: private, no-store\`. Like every JSON answer of the API from ${COMPRESS_THRESHOLD} bytes, it is compressed as \`Accept-Encoding\` allows (\`br\`, else \`gzip\`; \`Vary: Accept-Encoding\`).`,
    tags,
    security: "optional",
    params: { articleId: articleParam },
    query: query(threadsQuery, {
      sort: "`top` orders by score, then newest first.",
      limit: "Root comments per page.",
      cursor:
        "`nextCursor` of the previous page, opaque. Valid only with the `sort` it came from (else 400).",
    }),
    headers: [
      {
        name: "If-None-Match",
        in: "header",
        required: false,
        description:
          "Anonymous readers: the `ETag` of the page held; unchanged, the answer is 304.",
        schema: { type: "string" },
      },
    ],
    answers: {
      "200": {
        ...jsonAnswer("One page of threads.", threadPageSchema),
        headers: pageHeaders(),
      },
      "304": {
        description:
          "Anonymous only: `If-None-Match` names the page's current ETag; nothing changed.",
        headers: pageHeaders(),
      },
    },
    errors: ["invalid_input", "rate_limited"],
  },

  "POST /api/articles/:articleId/comments": {
    summary: "Post a comment or a reply",
    description:
      "A `parentId` that is not a visible comment of the same article answers 404; replying to a removed comment answers 409, as does posting to an article closed to new comments. With a `clientKey` this user used before, the first comment is answered with 200 and nothing new is created. Depending on moderation the new comment is `published` or `pending`; a banned word may also refuse it with 400. Rate limits apply per user and per client IP.",
    tags,
    security: "required",
    params: { articleId: articleParam },
    body: { schema: postCommentBody },
    answers: {
      "201": jsonAnswer("Created.", commentAnswer),
      "200": jsonAnswer(
        "The `clientKey` was used before by this user: the first comment, nothing new.",
        commentAnswer,
      ),
    },
    errors: ["invalid_input", "not_found", "conflict", "rate_limited"],
  },

  "GET /api/articles/:articleId/changes": {
    summary: "Catch up: every change after a seq",
    description: `Every comment whose \`seq\` is greater than \`after\`, in \`seq\` order, as it is now: new comments, edits, removals and moderation decisions. Repeat with \`after\` = the last \`seq\` received while \`hasMore\`. An answer never exceeds ${kib(limits.responseMaxBytes)}: it is cut early with \`hasMore: true\`. Each page is charged to the client IP's read budget (\`READ_BUDGET_PER_IP\`): 1 unit plus 1 per 32 KiB returned; past it, 429.`,
    tags,
    security: "optional",
    params: { articleId: articleParam },
    query: query(changesQuery, {
      after: "The last `seq` the client holds.",
      limit: "Changes per answer.",
    }),
    answers: { "200": jsonAnswer("The changes.", changesPageSchema) },
    errors: ["invalid_input", "rate_limited"],
  },

  "GET /api/comments/:id/replies": {
    summary: "The next replies of a thread",
    description: `The descendants of the thread rooted at \`id\` (a root comment), oldest first, after \`cursor\` (a thread's or a previous page's \`repliesCursor\`; none: from the first reply), at most \`limit\` and never more than ${kib(limits.responseMaxBytes)}. A cursor of another thread or not a cursor at all answers 400; an id that is not a visible root comment, 404. Charged to the client IP's read budget as changes pages are.`,
    tags,
    security: "optional",
    params: { id: commentParam },
    query: query(repliesQuery, {
      cursor: "`repliesCursor` of the thread or of the previous replies page, opaque.",
      limit: "Replies per page.",
    }),
    answers: { "200": jsonAnswer("One page of replies.", repliesPageSchema) },
    errors: ["invalid_input", "not_found", "rate_limited"],
  },

  "GET /api/comments/:id/thread": {
    summary: "The thread holding a comment",
    description:
      "For deep links (`#parley-comment-<id>`): the root of the comment's thread with its replies, in the Thread shape of a threads page, and the article. A held comment is `not_found` to all but its author and moderators.",
    tags,
    security: "optional",
    params: { id: commentParam },
    answers: { "200": jsonAnswer("The thread and its article.", commentThreadSchema) },
    errors: ["invalid_input", "not_found"],
  },

  "PATCH /api/comments/:id": {
    summary: "Edit a comment",
    description:
      "The author within the edit window (`EDIT_WINDOW_SECONDS` after posting), or a moderator at any time. A closed window or a removed comment answers 409. Edits count against the comment rate limits (429). An author's edit goes through the same moderation rules as a post: banned words are refused (400) or hold the comment, and in pre-moderation the edited comment is held again (`status: \"pending\"`). The edit takes the article's next `seq` and sets `editedAt` and `editedBy` (`moderator` when a moderator edits someone else's comment; that edit is logged).",
    tags,
    security: "required",
    params: { id: commentParam },
    body: { schema: editCommentBody },
    answers: { "200": jsonAnswer("The edited comment.", commentAnswer) },
    errors: ["invalid_input", "forbidden", "not_found", "conflict"],
  },

  "DELETE /api/comments/:id": {
    summary: "Remove a comment",
    description:
      "The author or a moderator. The comment keeps its place with `status: removed` and an empty body, and takes the article's next `seq`. Removing it again answers the same.",
    tags,
    security: "required",
    params: { id: commentParam },
    answers: { "200": jsonAnswer("The removed comment.", commentAnswer) },
    errors: ["invalid_input", "forbidden", "not_found"],
  },
};

/** The caching headers of a threads page (comments.routes.ts, encoding.ts). */
function pageHeaders() {
  const header = (description: string) => ({ description, schema: { type: "string" } });
  return {
    "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
    ETag: header("Anonymous pages only: a weak tag of the page (its `lastSeq` and a hash)."),
    "Cache-Control": header(
      "`public, no-cache` for an anonymous page; `private, no-store` for a signed-in reader's.",
    ),
    "CDN-Cache-Control": header(`Anonymous pages only (RFC 9213): \`${cdnCacheControl}\`.`),
    "Content-Encoding": header(
      `\`br\` or \`gzip\` when accepted and the page is at least ${COMPRESS_THRESHOLD} bytes.`,
    ),
    Vary: header("`Accept-Encoding` (and `Origin`)."),
  };
}
