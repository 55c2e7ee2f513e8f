/**
 * Editors' picks: `PUT /api/comments/:id/pin` pins a comment to the top of its article and
 * `DELETE /api/comments/:id/pin` unpins it. Moderators only: 401 without a token and 403 for
 * anyone else, checked before the id is even parsed.
 */
import { Hono } from "hono";
import type { PinService } from "../domain/pin.service.js";
import type { AppEnv } from "./http-env.js";
import { moderatorsOnly } from "./moderation.routes.js";
import { idParam } from "./parse.js";

/** Routes mounted at /api. */
export function pinRoutes(pins: PinService) {
  const app = new Hono<AppEnv>();

  app.use("/comments/:id/pin", moderatorsOnly);

  // 200 with the pin (new or already there); 409 `conflict` when the article has its maximum or
  // the comment is not published.
  app.put("/comments/:id/pin", async (c) => {
    const id = idParam(c);
    return c.json(await pins.pin(c.get("actor"), id));
  });

  // 204 whether or not it was pinned: the outcome the caller asked for holds either way.
  app.delete("/comments/:id/pin", async (c) => {
    const id = idParam(c);
    await pins.unpin(c.get("actor"), id);
    return c.body(null, 204);
  });

  return app;
}
