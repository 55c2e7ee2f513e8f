/** Guest sessions: a name in, a token and a user out. */
import { Hono } from "hono";
import { createSessionInput } from "../../shared/schemas.js";
import type { AuthService } from "../domain/auth.service.js";
import type { AppEnv } from "./http-env.js";
import { parseBody } from "./parse.js";

export function sessionRoutes(auth: AuthService) {
  const app = new Hono<AppEnv>();
  app.post("/sessions", async (c) => {
    const input = await parseBody(c, createSessionInput);
    return c.json(await auth.createGuestSession(input, c.get("ip")), 201);
  });
  return app;
}
