/**
 * What Parley's emails say: pure functions from notifications to a message with a plain-text and
 * an HTML body (every interpolated value escaped), the article's title, who wrote, an excerpt, a
 * deep link to the comment, and a one-click unsubscribe (RFC 8058). No images, no tracking.
 */
import { commentLink } from "../../shared/comment-link.js";
import type { DueNotification } from "../store/outbox-store.js";
import type { OutgoingMail } from "./outgoing-mail.js";

/** Longest excerpt of a comment in an email, in characters. */
const EXCERPT_CHARS = 280;
/** Most notifications listed in one digest; the rest are summed up in one line. */
const DIGEST_MAX_ITEMS = 20;

export interface MailLinks {
  /** Public base URL of the server, without trailing slash. */
  base: string;
  /** Host part of Message-IDs. */
  host: string;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

/** The comment's deep link: its page with `#parley-comment-<id>`, or our demo page. */
function linkOf(due: DueNotification, links: MailLinks): string {
  const url = due.article.url ?? `${links.base}/`;
  return commentLink(url, due.notification.comment.id);
}

function titleOf(due: DueNotification): string {
  return due.article.title ?? due.notification.articleId;
}

function headline(due: DueNotification): string {
  const who = due.notification.comment.author.name;
  const title = titleOf(due);
  switch (due.notification.type) {
    case "reply":
      return `${who} replied to your comment on “${title}”`;
    case "mention":
      return `${who} mentioned you on “${title}”`;
    default:
      return `${who} commented on “${title}”`;
  }
}

/**
 * One message for one recipient's due notifications (one or a digest). `id` makes the
 * Message-ID; `unsubscribeUrl` is the signed one-click link.
 */
export function renderNotificationMail(
  items: DueNotification[],
  to: string,
  id: string,
  unsubscribeUrl: string,
  links: MailLinks,
): OutgoingMail {
  const shown = items.slice(0, DIGEST_MAX_ITEMS);
  const first = shown[0]!;
  const subject =
    items.length === 1
      ? headline(first)
      : `${items.length} new replies and comments on “${titleOf(first)}”${
          new Set(items.map(titleOf)).size > 1 ? " and more" : ""
        }`;
  const name = first.recipient.name;
  const more = items.length - shown.length;

  const textItems = shown.map((due) => {
    const quote = excerpt(due.notification.comment.body);
    return `${headline(due)}:\n\n  > ${quote}\n\nRead and reply: ${linkOf(due, links)}\n`;
  });
  const text = [
    `Hello ${name},`,
    "",
    ...textItems,
    ...(more > 0 ? [`…and ${more} more.`, ""] : []),
    "--",
    "You get this because you asked to hear of replies. Stop these emails:",
    unsubscribeUrl,
    "",
  ].join("\n");

  const htmlItems = shown
    .map((due) => {
      const link = escapeHtml(linkOf(due, links));
      return `<p>${escapeHtml(headline(due))}:</p>
<blockquote style="margin:0 0 0 1em;padding-left:1em;border-left:3px solid #ccc">${escapeHtml(
        excerpt(due.notification.comment.body),
      )}</blockquote>
<p><a href="${link}">Read and reply</a></p>`;
    })
    .join("\n");
  const html = `<!doctype html>
<html><body style="font-family:sans-serif;line-height:1.5">
<p>Hello ${escapeHtml(name)},</p>
${htmlItems}
${more > 0 ? `<p>…and ${more} more.</p>` : ""}
<hr><p style="font-size:small;color:#555">You get this because you asked to hear of replies.
<a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>
</body></html>
`;
  return {
    to,
    subject,
    text,
    html,
    messageId: `<${id}@${links.host}>`,
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
    },
  };
}

/** The one message a new guest address gets before it is confirmed: the confirm link. */
export function renderConfirmMail(
  to: string,
  name: string,
  id: string,
  confirmUrl: string,
  links: MailLinks,
): OutgoingMail {
  return {
    to,
    subject: "Confirm your email address for reply notifications",
    text: [
      `Hello ${name},`,
      "",
      "Someone (we hope you) gave this address to hear of replies to their comments.",
      "Confirm it by opening this link:",
      "",
      confirmUrl,
      "",
      "If it was not you, ignore this message: nothing more will be sent.",
      "",
    ].join("\n"),
    html: `<!doctype html>
<html><body style="font-family:sans-serif;line-height:1.5">
<p>Hello ${escapeHtml(name)},</p>
<p>Someone (we hope you) gave this address to hear of replies to their comments.</p>
<p><a href="${escapeHtml(confirmUrl)}">Confirm this address</a></p>
<p>If it was not you, ignore this message: nothing more will be sent.</p>
</body></html>
`,
    messageId: `<${id}@${links.host}>`,
    headers: { "Auto-Submitted": "auto-generated" },
  };
}
