/** Readers' trust-and-safety routes: voting on a comment and reporting it. */
import { Hono } from "hono";
import { reportBody, voteBody } from "../../shared/trust.schemas.js";
import type { ModerationService } from "../domain/moderation.service.js";
import type { VoteService } from "../domain/vote.service.js";
import type { AppEnv } from "./http-env.js";
import { idParam, parseBody } from "./parse.js";

/** Routes mounted at /api. */
export function voteRoutes(votes: VoteService, moderation: ModerationService) {
  const app = new Hono<AppEnv>();

  app.put("/comments/:id/vote", async (c) => {
    const id = idParam(c);
    const { value } = await parseBody(c, voteBody);
    return c.json(await votes.vote(c.get("actor"), id, value));
  });

  app.delete("/comments/:id/vote", async (c) => {
    const id = idParam(c);
    return c.json(await votes.vote(c.get("actor"), id, 0));
  });

  app.post("/comments/:id/reports", async (c) => {
    const id = idParam(c);
    const { reason } = await parseBody(c, reportBody);
    const { created } = await moderation.report(c.get("actor"), id, reason);
    return c.json({ commentId: id, reported: true }, created ? 201 : 200);
  });

  return app;
}
