/** The path parameters the routes parse (parse.ts, account.routes.ts), by the same schemas. */
import * as zm from "zod/mini";
import { articleIdSchema, idSchema } from "../../../shared/schemas.js";
import { userIdSchema } from "../account.routes.js";
import type { PathParam } from "./route-doc.js";

/** `:articleId`, as `articleParam()` parses it. */
export const articleParam: PathParam = {
  schema: articleIdSchema,
  description: "An article id; an article exists from its first use.",
};

/** `:id` of a comment, as `idParam()` parses it. */
export const commentParam: PathParam = { schema: idSchema, description: "A comment id." };

/** `:id` of a user, as account.routes.ts parses it. */
export const userParam: PathParam = {
  schema: userIdSchema,
  description: "A user id: a guest's, or `sso:` and the host's `sub`.",
};

/** `:asset` of `/api/docs/:asset`: the reference page's files (api-docs.routes.ts serves each). */
export const docsAssetSchema = zm.enum(["swagger-ui-bundle.js", "swagger-ui.css", "start.js"]);

/** `:asset`, as api-docs.routes.ts parses it. */
export const assetParam: PathParam = {
  schema: docsAssetSchema,
  description: "One of the page's files.",
};
