/** Reply notifications and the per-article "Notify of" choice. */
import type { Notify } from "../../shared/schemas.js";
import type { Store } from "../store/store.js";
import type { Actor } from "./auth.service.js";
import type { Clock } from "./clock.js";
import type { DomainEvents } from "./domain-events.js";
import { withArticles } from "./article-view.js";
import { AppError } from "../core/app-error.js";
import type { RateLimits } from "./rate-limits.js";

export interface NotificationServiceDeps {
  store: Store;
  clock: Clock;
  events: DomainEvents;
  limits: Pick<RateLimits, "subscriptionsPerUser">;
}

function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthorized", "Sign in to see notifications");
  return actor;
}

export function createNotificationService(deps: NotificationServiceDeps) {
  const { store } = deps;
  return {
    async list(actor: Actor | null, options: { unreadOnly: boolean; limit: number }) {
      const { user } = requireActor(actor);
      const [notifications, unreadCount] = await Promise.all([
        store.listNotifications(user.id, options),
        store.countUnread(user.id),
      ]);
      return { notifications: await withArticles(store, notifications), unreadCount };
    },

    /** Marks some (or all) read and tells every tab of the user, so each bell agrees. */
    async markRead(actor: Actor | null, ids: string[] | null) {
      const { user } = requireActor(actor);
      const unreadCount = await store.markNotificationsRead(
        user.id,
        ids,
        deps.clock.now().toISOString(),
      );
      deps.events.emit("notifications.read", { userId: user.id, ids, unreadCount });
      return { unreadCount };
    },

    async getSubscription(actor: Actor | null, articleId: string) {
      const { user } = requireActor(actor);
      return { articleId, notify: await store.getSubscription(user.id, articleId) };
    },

    async setSubscription(actor: Actor | null, articleId: string, notify: Notify) {
      const { user } = requireActor(actor);
      // Each change is a write, and `all` makes every later post on the article write one more
      // row: a script flipping subscriptions must not be free.
      await deps.limits.subscriptionsPerUser.consume(user.id);
      await store.setSubscription(user.id, articleId, notify);
      return { articleId, notify };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
