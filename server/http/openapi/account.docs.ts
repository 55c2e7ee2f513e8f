/** Docs of sessions.routes.ts and notifications.routes.ts: identity, bell, "Notify of". */
import {
  createSessionInput,
  markReadBody,
  notificationListSchema,
  notificationsQuery,
  sessionAnswerSchema,
  subscriptionBody,
} from "../../../shared/schemas.js";
import { jsonAnswer } from "./operation.builders.js";
import { articleParam } from "./params.js";
import { query, type RouteDoc, type RouteKey } from "./route-doc.js";
import { subscription, unreadCount } from "./schemas.js";

const subscriptionDescription =
  "`replies` (the default): replies to the user's own comments. `all`: also every new comment on the article. `none`: nothing. No one is ever notified of their own action.";

/** Route docs of sessions.routes.ts and notifications.routes.ts. */
export const accountDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "POST /api/sessions": {
    summary: "Create a guest identity",
    description:
      "A guest user (`handle` is `guest_` and digits) and a bearer token for it, valid for a year. Limited per client IP (`RATE_LIMIT_SESSIONS_PER_IP`); 403 when the operator turned guests off.",
    tags: ["identity"],
    security: "optional",
    body: { schema: createSessionInput },
    answers: { "201": jsonAnswer("The guest and its token.", sessionAnswerSchema) },
    errors: ["invalid_input", "forbidden", "rate_limited"],
  },

  "GET /api/notifications": {
    summary: "The user's notifications",
    tags: ["notifications"],
    security: "required",
    query: query(notificationsQuery, {
      unread: "`true`: only unread ones.",
      limit: "At most this many, newest first.",
    }),
    answers: {
      "200": jsonAnswer("Newest first, with the unread count.", notificationListSchema),
    },
    errors: ["invalid_input"],
  },

  "POST /api/notifications/read": {
    summary: "Mark notifications read",
    description:
      "The given ids (other users' ids are ignored), or all when `ids` is absent or the body is empty. Every open tab of the user is told by the socket event `notification:read`.",
    tags: ["notifications"],
    security: "required",
    body: { schema: markReadBody, required: false },
    answers: { "200": jsonAnswer("The unread count after the change.", unreadCount) },
    errors: ["invalid_input"],
  },

  "GET /api/articles/:articleId/subscription": {
    summary: "What the user is notified of on an article",
    description: subscriptionDescription,
    tags: ["notifications"],
    security: "required",
    params: { articleId: articleParam },
    answers: { "200": jsonAnswer("The subscription.", subscription) },
    errors: ["invalid_input"],
  },

  "PUT /api/articles/:articleId/subscription": {
    summary: "Choose what to be notified of on an article",
    description: subscriptionDescription,
    tags: ["notifications"],
    security: "required",
    params: { articleId: articleParam },
    body: { schema: subscriptionBody },
    answers: { "200": jsonAnswer("The subscription now.", subscription) },
    errors: ["invalid_input"],
  },
};
