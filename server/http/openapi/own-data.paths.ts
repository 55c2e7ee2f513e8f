/** OpenAPI paths of account.routes.ts (a person's own data) and the deep-link thread route. */
import { jsonAnswer, operation, param, security } from "./operation.builders.js";

const userId = {
  name: "id",
  in: "path",
  required: true,
  description: "A user id.",
  schema: { type: "string", minLength: 1, maxLength: 160 },
};
const deletion =
  'Name, handle, email and avatar are replaced ("Deleted user"); sessions stop working at once on every instance (401); subscriptions and notifications are deleted. Comments follow `ACCOUNT_DELETION`: `remove` (default) makes each a removed placeholder that keeps its replies in place; `anonymize` keeps the words under "Deleted user". Each changed comment takes its article\'s next `seq` and goes to readers as `comment:updated`.';
const download =
  "Everything Parley keeps of the user: profile (with email), their comments in every status, the comments of others they replied to (nothing else of other people), votes, subscriptions, and notifications by reference.";

export const ownDataPaths = {
  "/api/me/export": {
    get: operation({
      summary: "Download my data",
      description: download,
      tags: ["identity"],
      security: security.required,
      answers: { "200": jsonAnswer("The download (version 1).", "UserExport") },
      errors: ["unauthorized"],
    }),
  },
  "/api/me": {
    delete: operation({
      summary: "Delete my account",
      description: deletion,
      tags: ["identity"],
      security: security.required,
      answers: { "200": jsonAnswer("Deleted.", "AccountDeleted") },
      errors: ["unauthorized"],
    }),
  },
  "/api/users/{id}/export": {
    get: operation({
      summary: "Download a user's data (moderators)",
      description: download,
      tags: ["moderation"],
      security: security.required,
      parameters: [userId],
      answers: { "200": jsonAnswer("The download (version 1).", "UserExport") },
      errors: ["invalid_input", "unauthorized", "forbidden", "not_found"],
    }),
  },
  "/api/users/{id}": {
    delete: operation({
      summary: "Delete a user's account (moderators)",
      description: deletion,
      tags: ["moderation"],
      security: security.required,
      parameters: [userId],
      answers: { "200": jsonAnswer("Deleted.", "AccountDeleted") },
      errors: ["invalid_input", "unauthorized", "forbidden", "not_found"],
    }),
  },
  "/api/comments/{id}/thread": {
    get: operation({
      summary: "The thread holding a comment",
      description:
        "For deep links (`#parley-comment-<id>`): the root of the comment's thread with its replies, in the Thread shape of a threads page, and the article. A held comment is `not_found` to all but its author and moderators.",
      tags: ["comments"],
      security: security.optional,
      parameters: [param("commentId")],
      answers: { "200": jsonAnswer("The thread and its article.", "CommentThread") },
      errors: ["invalid_input", "unauthorized", "not_found"],
    }),
  },
};
