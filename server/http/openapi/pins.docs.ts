/** Docs of pins.routes.ts: editors' picks (pin and unpin a comment). */
import { limits } from "../../../shared/limits.js";
import { pinnedCommentSchema } from "../../../shared/schemas.js";
import { jsonAnswer } from "./operation.builders.js";
import { commentParam } from "./params.js";
import type { RouteDoc, RouteKey } from "./route-doc.js";

const tags = ["moderation"];

/** Route docs of pins.routes.ts. */
export const pinDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "PUT /api/comments/:id/pin": {
    summary: "Pin a comment (editors' pick)",
    description: `Moderators only (401 without a token, 403 for anyone else). Pins a published comment to the top of its article; readers of the article hear \`comment:pinned\`, and first pages of threads carry it in \`pinned\`. At most ${limits.pinsPerArticle} pins per article: one more answers 409 \`conflict\` (unpin one first), as does a comment that is not published (removed or pending). Pinning a pinned comment answers its pin and announces nothing. Logged in the moderation log as \`pin\`. Pins and unpins count against the per-user limit of votes and reports (\`RATE_LIMIT_VOTES\`).`,
    tags,
    security: "required",
    params: { id: commentParam },
    answers: { "200": jsonAnswer("The comment and when it was pinned.", pinnedCommentSchema) },
    errors: ["invalid_input", "forbidden", "not_found", "conflict", "rate_limited"],
  },
  "DELETE /api/comments/:id/pin": {
    summary: "Unpin a comment",
    description:
      "Moderators only. Readers of the article hear `comment:unpinned` (only when it was pinned). Logged as `unpin`. A comment that is removed, rejected or held again is unpinned by the server, with the same event.",
    tags,
    security: "required",
    params: { id: commentParam },
    answers: { "204": { description: "The comment is not pinned (whether it was or not)." } },
    errors: ["invalid_input", "forbidden", "not_found", "rate_limited"],
  },
};
