/** The bell (notifications) and the per-article "Notify of" subscription. */
import { Hono } from "hono";
import { markReadBody, notificationsQuery, subscriptionBody } from "../../shared/schemas.js";
import type { NotificationService } from "../domain/notification.service.js";
import type { AppEnv } from "./http-env.js";
import { articleParam, parseBody, parseQuery } from "./parse.js";

export function notificationRoutes(notifications: NotificationService) {
  const app = new Hono<AppEnv>();

  app.get("/notifications", async (c) => {
    const { unread, limit } = parseQuery(c, notificationsQuery);
    return c.json(
      await notifications.list(c.get("actor"), { unreadOnly: unread === "true", limit }),
    );
  });

  app.post("/notifications/read", async (c) => {
    const { ids } = await parseBody(c, markReadBody);
    return c.json(await notifications.markRead(c.get("actor"), ids ?? null));
  });

  app.get("/articles/:articleId/subscription", async (c) => {
    const articleId = articleParam(c);
    return c.json(await notifications.getSubscription(c.get("actor"), articleId));
  });

  app.put("/articles/:articleId/subscription", async (c) => {
    const articleId = articleParam(c);
    const { notify } = await parseBody(c, subscriptionBody);
    return c.json(await notifications.setSubscription(c.get("actor"), articleId, notify));
  });

  return app;
}
