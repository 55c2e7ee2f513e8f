/**
 * OpenAPI paths of email.routes.ts: email preferences, and the pages behind links in messages
 * (confirm an address, unsubscribe, RFC 8058 one-click). The link pages answer HTML.
 */
import { jsonAnswer, jsonBody, operation, security } from "./operation.builders.js";

const tokenParam = {
  name: "token",
  in: "query",
  required: true,
  description: "The signed token from the link in the message (HMAC, checked in constant time).",
  schema: { type: "string", maxLength: 1024 },
};
const html = (description: string) => ({
  description,
  content: { "text/html; charset=UTF-8": { schema: { type: "string" } } },
});
const linkPage = (summary: string, description: string, done: string) => ({
  get: {
    summary: `${summary}: the page`,
    description: `${description} The GET only shows a button: a link scanner fetching it changes nothing.`,
    tags: ["email"],
    security: [],
    parameters: [tokenParam],
    responses: { "200": html("A page with one button that POSTs back.") },
  },
  post: {
    summary,
    description,
    tags: ["email"],
    security: [],
    parameters: [tokenParam],
    responses: {
      "200": html(done),
      "400": html("The token is not genuine, or (confirm) expired or no longer the address."),
    },
  },
});

export const emailPaths = {
  "/api/me/preferences": {
    get: operation({
      summary: "The user's email preferences",
      tags: ["email"],
      security: security.required,
      answers: { "200": jsonAnswer("The preferences.", "EmailPreferences") },
      errors: ["unauthorized"],
    }),
    put: operation({
      summary: "Change email preferences",
      description:
        "Any of the fields. A new (or still unconfirmed) address is sent a confirmation link and nothing else until the link is followed; a host's address is trusted when its SSO token says `email_verified`. `emailDelivery`: `instant` (after `EMAIL_DELAY_SECONDS`, if still unread), `hourly` or `daily` (at most one message, a digest, per hour or day), `off`. The article's “Notify of” choice applies to email too. Confirmation messages are limited per user and per address.",
      tags: ["email"],
      security: security.required,
      requestBody: jsonBody("EmailPreferencesBody"),
      answers: { "200": jsonAnswer("The preferences now.", "EmailPreferences") },
      errors: ["invalid_input", "unauthorized", "payload_too_large", "rate_limited"],
    }),
  },
  "/email/confirm": linkPage(
    "Confirm an email address",
    "Follows the link of a confirmation message.",
    "The address is confirmed.",
  ),
  "/email/unsubscribe": linkPage(
    "Unsubscribe from reply emails",
    "The `List-Unsubscribe` URL of every message. The POST is RFC 8058's one-click unsubscribe: a mail client sends `List-Unsubscribe=One-Click` (form-encoded) without cookies or a bearer token; the token in the URL is all that is needed. Reply emails are turned off (`emailReplies: false`).",
    "Reply emails are off.",
  ),
};
