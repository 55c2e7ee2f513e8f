/** A person's own data: their download and account deletion, and a moderator's for anyone. */
import { type Context, Hono } from "hono";
import type { AccountService } from "../domain/account.service.js";
import type { AppEnv } from "./http-env.js";
import * as zm from "zod/mini";
import { invalidInput } from "./http-errors.js";

/** A user id: a guest's 16 characters, or `sso:` and a host's `sub` of up to 128. */
export const userIdSchema = zm.string().check(zm.minLength(1), zm.maxLength(160));

function userParam(c: Context<AppEnv>): string {
  const parsed = zm.safeParse(userIdSchema, c.req.param("id"));
  if (!parsed.success) throw invalidInput(parsed.error, "id", "id");
  return parsed.data;
}

export function accountRoutes(account: AccountService) {
  const app = new Hono<AppEnv>();

  app.get("/me/export", async (c) => {
    c.header("Content-Disposition", 'attachment; filename="parley-export.json"');
    return c.json(await account.exportMine(c.get("actor")));
  });

  app.delete("/me", async (c) => c.json(await account.deleteMine(c.get("actor"))));

  app.get("/users/:id/export", async (c) => {
    const id = userParam(c);
    c.header("Content-Disposition", 'attachment; filename="parley-export.json"');
    return c.json(await account.exportUser(c.get("actor"), id));
  });

  app.delete("/users/:id", async (c) => {
    const id = userParam(c);
    return c.json(await account.deleteUser(c.get("actor"), id));
  });

  return app;
}
