/**
 * The /moderate page's own texts, written in English in moderate.html (what a browser without
 * script shows), put through `t()` once the page's language is in.
 */
import { t } from "../i18n/translate.js";

/** Element id → the message it shows. */
const TEXTS = [
  ["page-title", "Moderation queue"],
  ["status", "Not signed in"],
  ["token-label", "Moderator token"],
  ["sign-in-button", "Sign in"],
  [
    "hint-before",
    "A host signs the token (see docs/sso.md). It stays in this tab only; it may also be passed as ",
  ],
  ["hint-after", ", which never reaches a server log."],
  ["queue-title", "Queue"],
  ["label-pending", "Awaiting review"],
  ["label-reported", "Reported"],
  ["sign-out", "Sign out"],
  ["empty", "Nothing waiting. New items appear here live."],
] as const;

/** Replaces the page's English texts (and its title, placeholder and tab list name) by `t()`'s. */
export function translatePage(doc: Document = document): void {
  for (const [id, message] of TEXTS) {
    const el = doc.getElementById(id);
    if (el) el.textContent = t(message);
  }
  doc
    .getElementById("token")
    ?.setAttribute("placeholder", t("Paste a single sign-on token with role moderator"));
  doc.getElementById("tabs")?.setAttribute("aria-label", t("Queues"));
  doc.title = `${t("Moderation queue")} | Parley`;
}
