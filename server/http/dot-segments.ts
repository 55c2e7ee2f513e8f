/**
 * Article ids `.` and `..` in a path. URLs collapse such dot segments (`%2E` spellings included)
 * before any route sees them, so `/api/articles/../comments` would quietly become `/api/comments`
 * and answer a puzzling 404, or reach another route. The raw request line still holds them: an
 * article id that is a dot segment is refused as the invalid id it is.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./http-env.js";
import { errorResponse } from "./http-errors.js";
import { articleIdRule } from "../../shared/limits.js";

/** `/api/articles/` or `/api/moderation/articles/`, then `.` or `..` in any spelling, then the end of the segment. */
const dotArticle = /^\/api\/(?:moderation\/)?articles\/(?:\.|%2e){1,2}(?:[/?#]|$)/i;

export const refuseDotArticleIds: MiddlewareHandler<AppEnv> = async function refuseDotArticleIds(
  c,
  next,
) {
  const raw = (c.env as Partial<AppEnv["Bindings"]> | undefined)?.incoming?.url;
  if (raw !== undefined && dotArticle.test(raw)) {
    return errorResponse(c, "invalid_input", "Invalid article id", [
      { path: "articleId", message: articleIdRule },
    ]);
  }
  return next();
};
