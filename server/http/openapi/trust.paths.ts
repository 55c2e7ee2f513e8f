/** OpenAPI paths of votes.routes.ts and moderation.routes.ts: votes, reports, moderation. */
import {
  intQuery,
  jsonAnswer,
  jsonBody,
  operation,
  param,
  security,
} from "./operation.builders.js";

const moderatorsOnly =
  "Moderators only: 401 without a token, 403 for anyone else (checked before the input is parsed).";

const articleFilter = {
  name: "articleId",
  in: "query",
  required: false,
  description: "Only this article.",
  schema: { type: "string", pattern: "^[A-Za-z0-9._~:-]{1,128}$" },
};

export const trustPaths = {
  "/api/comments/{id}/vote": {
    put: operation({
      summary: "Vote on a comment",
      description:
        "One vote per user per comment: `1` up or `-1` down; voting again replaces the vote (a change from up to down moves the score by two). Only published comments of someone else. Readers of the article hear of the new score through the socket event `comment:voted`.",
      tags: ["votes"],
      security: security.required,
      parameters: [param("commentId")],
      requestBody: jsonBody("VoteBody"),
      answers: { "200": jsonAnswer("The score and this user's vote now.", "VoteAnswer") },
      errors: [
        "invalid_input",
        "unauthorized",
        "forbidden",
        "not_found",
        "conflict",
        "payload_too_large",
        "rate_limited",
      ],
    }),
    delete: operation({
      summary: "Withdraw a vote",
      description: "Removes this user's vote, if any (`vote` is then 0).",
      tags: ["votes"],
      security: security.required,
      parameters: [param("commentId")],
      answers: { "200": jsonAnswer("The score and this user's vote now.", "VoteAnswer") },
      errors: [
        "invalid_input",
        "unauthorized",
        "forbidden",
        "not_found",
        "conflict",
        "rate_limited",
      ],
    }),
  },

  "/api/comments/{id}/reports": {
    post: operation({
      summary: "Report a comment",
      description:
        "Any signed-in reader may report a published comment of someone else, once; the comment enters the moderators' `reported` queue. Reporting again answers 200 and changes nothing.",
      tags: ["moderation"],
      security: security.required,
      parameters: [param("commentId")],
      requestBody: jsonBody("ReportBody", false),
      answers: {
        "201": jsonAnswer("Reported.", "ReportAnswer"),
        "200": jsonAnswer("Already reported by this user.", "ReportAnswer"),
      },
      errors: [
        "invalid_input",
        "unauthorized",
        "forbidden",
        "not_found",
        "payload_too_large",
        "rate_limited",
      ],
    }),
  },

  "/api/moderation/queue": {
    get: operation({
      summary: "A moderation queue, oldest first",
      description: `\`pending\`: comments held for review. \`reported\`: published comments with open reports. ${moderatorsOnly}`,
      tags: ["moderation"],
      security: security.required,
      parameters: [
        {
          name: "queue",
          in: "query",
          required: false,
          schema: { type: "string", enum: ["pending", "reported"], default: "pending" },
        },
        articleFilter,
        intQuery("limit", "At most this many.", { minimum: 1, maximum: 100, default: 50 }),
      ],
      answers: { "200": jsonAnswer("The queue's items.", "QueuePage") },
      errors: ["invalid_input", "unauthorized", "forbidden"],
    }),
  },

  "/api/moderation/comments/{id}/decisions": {
    post: operation({
      summary: "Decide about a comment",
      description: `\`approve\` publishes a pending comment (its notifications go out as for a new comment) or keeps a reported one and settles its reports; \`reject\` and \`remove\` remove it. Every decision is logged and pushed live: \`comment:updated\` to the article's readers and \`moderation:decided\` to moderators. A removed comment answers 409. Send the \`editedAt\` of the version you reviewed (null if never edited): if the comment was edited since, the decision answers 409 \`conflict\` and changes nothing. ${moderatorsOnly}`,
      tags: ["moderation"],
      security: security.required,
      parameters: [param("commentId")],
      requestBody: jsonBody("DecisionBody"),
      answers: { "200": jsonAnswer("The comment after the decision.", "CommentAnswer") },
      errors: [
        "invalid_input",
        "unauthorized",
        "forbidden",
        "not_found",
        "conflict",
        "payload_too_large",
      ],
    }),
  },

  "/api/moderation/articles/{articleId}": {
    get: operation({
      summary: "An article's moderation settings",
      description: moderatorsOnly,
      tags: ["moderation"],
      security: security.required,
      parameters: [param("articleId")],
      answers: { "200": jsonAnswer("The settings.", "ArticleSettings") },
      errors: ["invalid_input", "unauthorized", "forbidden"],
    }),
    put: operation({
      summary: "Change an article's mode, or close or reopen it",
      description: `\`moderation\`: \`post\`, \`pre\`, or null for the site's default. \`closed\`: true refuses new comments (409 on posting). Each change is logged. ${moderatorsOnly}`,
      tags: ["moderation"],
      security: security.required,
      parameters: [param("articleId")],
      requestBody: jsonBody("ArticleSettingsBody"),
      answers: { "200": jsonAnswer("The settings now.", "ArticleSettings") },
      errors: ["invalid_input", "unauthorized", "forbidden", "payload_too_large"],
    }),
  },

  "/api/moderation/log": {
    get: operation({
      summary: "The moderation log, newest first",
      description: `Who decided what, and when. ${moderatorsOnly}`,
      tags: ["moderation"],
      security: security.required,
      parameters: [
        articleFilter,
        intQuery("limit", "At most this many.", { minimum: 1, maximum: 200, default: 50 }),
      ],
      answers: { "200": jsonAnswer("The entries.", "ModerationLog") },
      errors: ["invalid_input", "unauthorized", "forbidden"],
    }),
  },
};
