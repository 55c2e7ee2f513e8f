/**
 * Docs of email.routes.ts: email preferences, and the pages behind links in messages (confirm an
 * address, unsubscribe, RFC 8058 one-click). The link pages answer HTML.
 */
import * as zm from "zod/mini";
import { emailPreferencesBody, emailPreferencesSchema } from "../../../shared/schemas.js";
import { jsonAnswer } from "./operation.builders.js";
import { query, type RouteDoc, type RouteKey } from "./route-doc.js";

// The link pages read the token as text and let the email service judge it: no schema bounds it.
const tokenQuery = query(zm.object({ token: zm.string() }), {
  token: "The signed token from the link in the message (HMAC, checked in constant time).",
});
const html = (description: string) => ({
  description,
  content: { "text/html; charset=UTF-8": { schema: { type: "string" } } },
});

function linkPage(summary: string, description: string): RouteDoc {
  return {
    summary: `${summary}: the page`,
    description: `${description} The GET only shows a button: a link scanner fetching it changes nothing.`,
    tags: ["email"],
    security: "none",
    query: tokenQuery,
    answers: { "200": html("A page with one button that POSTs back.") },
  };
}

function linkAction(summary: string, description: string, done: string): RouteDoc {
  return {
    summary,
    description,
    tags: ["email"],
    security: "none",
    query: tokenQuery,
    answers: {
      "200": html(done),
      "400": html("The token is not genuine, or (confirm) expired or no longer the address."),
    },
  };
}

const confirm = [
  "Confirm an email address",
  "Follows the link of a confirmation message.",
] as const;
const unsubscribe = [
  "Unsubscribe from reply emails",
  "The `List-Unsubscribe` URL of every message. The POST is RFC 8058's one-click unsubscribe: a mail client sends `List-Unsubscribe=One-Click` (form-encoded) without cookies or a bearer token; the token in the URL is all that is needed. Reply emails are turned off (`emailReplies: false`).",
] as const;

/** Route docs of email.routes.ts. */
export const emailDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "GET /api/me/preferences": {
    summary: "The user's email preferences",
    tags: ["email"],
    security: "required",
    answers: { "200": jsonAnswer("The preferences.", emailPreferencesSchema) },
    errors: [],
  },
  "PUT /api/me/preferences": {
    summary: "Change email preferences",
    description:
      "Any of the fields. A new (or still unconfirmed) address is sent a confirmation link and nothing else until the link is followed; a host's address is trusted when its SSO token says `email_verified`. `emailDelivery`: `instant` (after `EMAIL_DELAY_SECONDS`, if still unread), `hourly` or `daily` (at most one message, a digest, per hour or day), `off`. The article's “Notify of” choice applies to email too. Confirmation messages are limited per user and per address.",
    tags: ["email"],
    security: "required",
    body: { schema: emailPreferencesBody },
    answers: { "200": jsonAnswer("The preferences now.", emailPreferencesSchema) },
    errors: ["invalid_input", "rate_limited"],
  },
  "GET /email/confirm": linkPage(...confirm),
  "POST /email/confirm": linkAction(...confirm, "The address is confirmed."),
  "GET /email/unsubscribe": linkPage(...unsubscribe),
  "POST /email/unsubscribe": linkAction(...unsubscribe, "Reply emails are off."),
  "GET /dev/mail": {
    summary: "Captured email (development only)",
    description:
      "Without `SMTP_URL` outside production, messages are not sent but kept in memory and listed here, newest first. Absent in production.",
    tags: ["email"],
    security: "none",
    answers: { "200": html("The captured messages.") },
  },
};
