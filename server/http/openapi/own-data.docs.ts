/** Docs of account.routes.ts: a person's own data, and a moderator's view of anyone's. */
import { accountDeletedSchema, userExportSchema } from "../../../shared/account.schemas.js";
import { jsonAnswer } from "./operation.builders.js";
import { userParam } from "./params.js";
import type { RouteDoc, RouteKey } from "./route-doc.js";
import type { JsonObject } from "./schemas.js";

const deletion =
  'Name, handle, email and avatar are replaced ("Deleted user"); sessions stop working at once on every instance (401); subscriptions and notifications are deleted. Comments follow `ACCOUNT_DELETION`: `remove` (default) makes each a removed placeholder that keeps its replies in place; `anonymize` keeps the words under "Deleted user". Each changed comment takes its article\'s next `seq` and goes to readers as `comment:updated`.';
const download =
  "Everything Parley keeps of the user: profile (with email), their comments in every status, the comments of others they replied to (nothing else of other people), votes, subscriptions, and notifications by reference. Sent as an attachment (`Content-Disposition`).";
const exported = jsonAnswer("The download (version 1).", userExportSchema);
const deleted = jsonAnswer("Deleted.", accountDeletedSchema);

/** The user's own route: the token says whose data. */
const own = (summary: string, description: string, answer: JsonObject): RouteDoc => ({
  summary,
  description,
  tags: ["identity"],
  security: "required",
  answers: { "200": answer },
  errors: [],
});

/** The same for a moderator acting on anyone: the user in the path, 403 for everyone else. */
const byModerator = (summary: string, description: string, answer: JsonObject): RouteDoc => ({
  summary: `${summary} (moderators)`,
  description,
  tags: ["moderation"],
  security: "required",
  params: { id: userParam },
  answers: { "200": answer },
  errors: ["invalid_input", "forbidden", "not_found"],
});

/** Route docs of account.routes.ts. */
export const ownDataDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "GET /api/me/export": own("Download my data", download, exported),
  "DELETE /api/me": own("Delete my account", deletion, deleted),
  "GET /api/users/:id/export": byModerator("Download a user's data", download, exported),
  "DELETE /api/users/:id": byModerator("Delete a user's account", deletion, deleted),
};
