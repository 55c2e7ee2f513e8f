/** Guest sessions: a name in, a token and a user out. */
import { Hono } from "hono";
import { createSessionInput } from "../../shared/schemas.js";
import type { AuthService } from "../domain/auth.service.js";
import type { EmailService } from "../domain/email.service.js";
import type { AppEnv } from "./http-env.js";
import { parseBody } from "./parse.js";

export function sessionRoutes(auth: AuthService, email?: EmailService) {
  const app = new Hono<AppEnv>();
  app.post("/sessions", async (c) => {
    const input = await parseBody(c, createSessionInput);
    const session = await auth.createGuestSession(input, c.get("ip"));
    // The address gets its confirm link and nothing else until the link is followed.
    if (input.email !== undefined) await email?.guestCreated(session.user, input.email);
    return c.json(session, 201);
  });
  return app;
}
