/**
 * The moderation API under /api/moderation: the queues, decisions, article settings and the log.
 * Every route answers 401 without a token and 403 for anyone but a moderator (the service checks).
 */
import { Hono, type MiddlewareHandler } from "hono";
import {
  articleSettingsBody,
  decisionBody,
  logQuery,
  queueQuery,
} from "../../shared/trust.schemas.js";
import type { ModerationService } from "../domain/moderation.service.js";
import { requireModerator } from "../domain/moderation.service.js";
import type { AppEnv } from "./http-env.js";
import { articleParam, idParam, parseBody, parseQuery } from "./parse.js";

/**
 * Refuses all but moderators (401 without a token, 403 otherwise). Mounted before any parsing, so
 * a non-moderator learns nothing from validation errors.
 */
export const moderatorsOnly: MiddlewareHandler<AppEnv> = async function moderatorsOnly(c, next) {
  requireModerator(c.get("actor"));
  await next();
};

/** Routes mounted at /api. */
export function moderationRoutes(moderation: ModerationService) {
  const app = new Hono<AppEnv>();

  app.use("/moderation/*", moderatorsOnly);

  app.get("/moderation/queue", async (c) => {
    const query = parseQuery(c, queueQuery);
    return c.json(await moderation.queue(c.get("actor"), query));
  });

  app.post("/moderation/comments/:id/decisions", async (c) => {
    const id = idParam(c);
    const body = await parseBody(c, decisionBody);
    return c.json(await moderation.decide(c.get("actor"), id, body));
  });

  app.get("/moderation/articles/:articleId", async (c) => {
    const articleId = articleParam(c);
    return c.json(await moderation.settings(c.get("actor"), articleId));
  });

  app.put("/moderation/articles/:articleId", async (c) => {
    const articleId = articleParam(c);
    const body = await parseBody(c, articleSettingsBody);
    return c.json(await moderation.updateSettings(c.get("actor"), articleId, body));
  });

  app.get("/moderation/log", async (c) => {
    const query = parseQuery(c, logQuery);
    return c.json(await moderation.log(c.get("actor"), query));
  });

  return app;
}
