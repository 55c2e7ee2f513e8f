/** OpenAPI paths of sessions.routes.ts and notifications.routes.ts: identity, bell, "Notify of". */
import { limits } from "../../../shared/limits.js";
import {
  intQuery,
  jsonAnswer,
  jsonBody,
  operation,
  param,
  security,
} from "./operation.builders.js";

const subscriptionDescription =
  "`replies` (the default): replies to the user's own comments. `all`: also every new comment on the article. `none`: nothing. No one is ever notified of their own action.";

export const accountPaths = {
  "/api/sessions": {
    post: operation({
      summary: "Create a guest identity",
      description:
        "A guest user (`handle` is `guest_` and digits) and a bearer token for it, valid for a year. Limited per client IP (`RATE_LIMIT_SESSIONS_PER_IP`); 403 when the operator turned guests off.",
      tags: ["identity"],
      security: security.optional,
      requestBody: jsonBody("CreateSessionInput"),
      answers: { "201": jsonAnswer("The guest and its token.", "SessionAnswer") },
      errors: ["invalid_input", "unauthorized", "forbidden", "payload_too_large", "rate_limited"],
    }),
  },

  "/api/notifications": {
    get: operation({
      summary: "The user's notifications",
      tags: ["notifications"],
      security: security.required,
      parameters: [
        {
          name: "unread",
          in: "query",
          required: false,
          description: "`true`: only unread ones.",
          schema: { type: "string", enum: ["true", "false"], default: "false" },
        },
        intQuery("limit", "At most this many, newest first.", {
          minimum: 1,
          maximum: limits.notificationsMaxLimit,
          default: limits.notificationsDefaultLimit,
        }),
      ],
      answers: { "200": jsonAnswer("Newest first, with the unread count.", "NotificationList") },
      errors: ["invalid_input", "unauthorized"],
    }),
  },

  "/api/notifications/read": {
    post: operation({
      summary: "Mark notifications read",
      description:
        "The given ids (other users' ids are ignored), or all when `ids` is absent or the body is empty. Every open tab of the user is told by the socket event `notification:read`.",
      tags: ["notifications"],
      security: security.required,
      requestBody: jsonBody("MarkReadBody", false),
      answers: { "200": jsonAnswer("The unread count after the change.", "UnreadCount") },
      errors: ["invalid_input", "unauthorized", "payload_too_large"],
    }),
  },

  "/api/articles/{articleId}/subscription": {
    get: operation({
      summary: "What the user is notified of on an article",
      description: subscriptionDescription,
      tags: ["notifications"],
      security: security.required,
      parameters: [param("articleId")],
      answers: { "200": jsonAnswer("The subscription.", "Subscription") },
      errors: ["invalid_input", "unauthorized"],
    }),
    put: operation({
      summary: "Choose what to be notified of on an article",
      description: subscriptionDescription,
      tags: ["notifications"],
      security: security.required,
      parameters: [param("articleId")],
      requestBody: jsonBody("SubscriptionBody"),
      answers: { "200": jsonAnswer("The subscription now.", "Subscription") },
      errors: ["invalid_input", "unauthorized", "payload_too_large"],
    }),
  },
};
