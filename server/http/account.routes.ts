/** A person's own data: their download and account deletion, and a moderator's for anyone. */
import { Hono } from "hono";
import type { AccountService } from "../domain/account.service.js";
import type { AppEnv } from "./http-env.js";
import { idParam } from "./parse.js";

export function accountRoutes(account: AccountService) {
  const app = new Hono<AppEnv>();

  app.get("/me/export", async (c) => {
    c.header("Content-Disposition", 'attachment; filename="parley-export.json"');
    return c.json(await account.exportMine(c.get("actor")));
  });

  app.delete("/me", async (c) => c.json(await account.deleteMine(c.get("actor"))));

  app.get("/users/:id/export", async (c) => {
    const id = idParam(c);
    c.header("Content-Disposition", 'attachment; filename="parley-export.json"');
    return c.json(await account.exportUser(c.get("actor"), id));
  });

  app.delete("/users/:id", async (c) => {
    const id = idParam(c);
    return c.json(await account.deleteUser(c.get("actor"), id));
  });

  return app;
}
