/** Docs of account.routes.ts: a person's own data, and a moderator's view of anyone's. */
import { accountDeletedSchema, userExportSchema } from "../../../shared/account.schemas.js";
import { jsonAnswer } from "./operation.builders.js";
import { userParam } from "./params.js";
import type { RouteDoc, RouteKey } from "./route-doc.js";

const deletion =
  'Name, handle, email and avatar are replaced ("Deleted user"); sessions stop working at once on every instance (401); subscriptions and notifications are deleted. Comments follow `ACCOUNT_DELETION`: `remove` (default) makes each a removed placeholder that keeps its replies in place; `anonymize` keeps the words under "Deleted user". Each changed comment takes its article\'s next `seq` and goes to readers as `comment:updated`.';
const download =
  "Everything Parley keeps of the user: profile (with email), their comments in every status, the comments of others they replied to (nothing else of other people), votes, subscriptions, and notifications by reference. Sent as an attachment (`Content-Disposition`).";
const exported = jsonAnswer("The download (version 1).", userExportSchema);
const deleted = jsonAnswer("Deleted.", accountDeletedSchema);

/** Route docs of account.routes.ts. */
export const ownDataDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "GET /api/me/export": {
    summary: "Download my data",
    description: download,
    tags: ["identity"],
    security: "required",
    answers: { "200": exported },
    errors: ["unauthorized"],
  },
  "DELETE /api/me": {
    summary: "Delete my account",
    description: deletion,
    tags: ["identity"],
    security: "required",
    answers: { "200": deleted },
    errors: ["unauthorized"],
  },
  "GET /api/users/:id/export": {
    summary: "Download a user's data (moderators)",
    description: download,
    tags: ["moderation"],
    security: "required",
    params: { id: userParam },
    answers: { "200": exported },
    errors: ["invalid_input", "unauthorized", "forbidden", "not_found"],
  },
  "DELETE /api/users/:id": {
    summary: "Delete a user's account (moderators)",
    description: deletion,
    tags: ["moderation"],
    security: "required",
    params: { id: userParam },
    answers: { "200": deleted },
    errors: ["invalid_input", "unauthorized", "forbidden", "not_found"],
  },
};
