/** Docs of votes.routes.ts and moderation.routes.ts: votes, reports, moderation. */
import {
  articleSettingsBody,
  articleSettingsSchema,
  decisionBody,
  logQuery,
  queueQuery,
  reportBody,
  voteAnswerSchema,
  voteBody,
} from "../../../shared/trust.schemas.js";
import { jsonAnswer } from "./operation.builders.js";
import { articleParam, commentParam } from "./params.js";
import { query, type RouteDoc, type RouteKey } from "./route-doc.js";
import { commentAnswer, moderationLog, queuePage, reportAnswer } from "./schemas.js";

const moderatorsOnly =
  "Moderators only: 401 without a token, 403 for anyone else (checked before the input is parsed).";
const onlyArticle = "Only this article.";
const voteAnswer = jsonAnswer("The score and this user's vote now.", voteAnswerSchema);

/** Route docs of votes.routes.ts and moderation.routes.ts. */
export const trustDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "PUT /api/comments/:id/vote": {
    summary: "Vote on a comment",
    description:
      "One vote per user per comment: `1` up or `-1` down; voting again replaces the vote (a change from up to down moves the score by two). Only published comments of someone else. Readers of the article hear of the new score through the socket event `comment:voted`.",
    tags: ["votes"],
    security: "required",
    params: { id: commentParam },
    body: { schema: voteBody },
    answers: { "200": voteAnswer },
    errors: ["invalid_input", "forbidden", "not_found", "conflict", "rate_limited"],
  },

  "DELETE /api/comments/:id/vote": {
    summary: "Withdraw a vote",
    description: "Removes this user's vote, if any (`vote` is then 0).",
    tags: ["votes"],
    security: "required",
    params: { id: commentParam },
    answers: { "200": voteAnswer },
    errors: ["invalid_input", "forbidden", "not_found", "conflict", "rate_limited"],
  },

  "POST /api/comments/:id/reports": {
    summary: "Report a comment",
    description:
      "Any signed-in reader may report a published comment of someone else, once; the comment enters the moderators' `reported` queue. Reporting again answers 200 and changes nothing.",
    tags: ["moderation"],
    security: "required",
    params: { id: commentParam },
    body: { schema: reportBody, required: false },
    answers: {
      "201": jsonAnswer("Reported.", reportAnswer),
      "200": jsonAnswer("Already reported by this user.", reportAnswer),
    },
    errors: ["invalid_input", "forbidden", "not_found", "rate_limited"],
  },

  "GET /api/moderation/queue": {
    summary: "A moderation queue, oldest first",
    description: `\`pending\`: comments held for review. \`reported\`: published comments with open reports. ${moderatorsOnly}`,
    tags: ["moderation"],
    security: "required",
    query: query(queueQuery, {
      queue: "Which queue.",
      articleId: onlyArticle,
      limit: "At most this many.",
    }),
    answers: { "200": jsonAnswer("The queue's items.", queuePage) },
    errors: ["invalid_input", "forbidden"],
  },

  "POST /api/moderation/comments/:id/decisions": {
    summary: "Decide about a comment",
    description: `\`approve\` publishes a pending comment (its notifications go out as for a new comment) or keeps a reported one and settles its reports; \`reject\` and \`remove\` remove it. Every decision is logged and pushed live: \`comment:updated\` to the article's readers and \`moderation:decided\` to moderators. A removed comment answers 409. Send the \`editedAt\` of the version you reviewed (null if never edited): if the comment was edited since, the decision answers 409 \`conflict\` and changes nothing. ${moderatorsOnly}`,
    tags: ["moderation"],
    security: "required",
    params: { id: commentParam },
    body: { schema: decisionBody },
    answers: { "200": jsonAnswer("The comment after the decision.", commentAnswer) },
    errors: ["invalid_input", "forbidden", "not_found", "conflict"],
  },

  "GET /api/moderation/articles/:articleId": {
    summary: "An article's moderation settings",
    description: moderatorsOnly,
    tags: ["moderation"],
    security: "required",
    params: { articleId: articleParam },
    answers: { "200": jsonAnswer("The settings.", articleSettingsSchema) },
    errors: ["invalid_input", "forbidden"],
  },

  "PUT /api/moderation/articles/:articleId": {
    summary: "Change an article's mode, or close or reopen it",
    description: `\`moderation\`: \`post\`, \`pre\`, or null for the site's default. \`closed\`: true refuses new comments (409 on posting). Each change is logged. ${moderatorsOnly}`,
    tags: ["moderation"],
    security: "required",
    params: { articleId: articleParam },
    body: { schema: articleSettingsBody },
    answers: { "200": jsonAnswer("The settings now.", articleSettingsSchema) },
    errors: ["invalid_input", "forbidden"],
  },

  "GET /api/moderation/log": {
    summary: "The moderation log, newest first",
    description: `Who decided what, and when. ${moderatorsOnly}`,
    tags: ["moderation"],
    security: "required",
    query: query(logQuery, { articleId: onlyArticle, limit: "At most this many." }),
    answers: { "200": jsonAnswer("The entries.", moderationLog) },
    errors: ["invalid_input", "forbidden"],
  },
};
