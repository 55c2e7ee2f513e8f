/**
 * One comment as an `<article data-comment-id>`: avatar, name, @handle, a live relative `<time>`,
 * the body as text with its small markup (./markup.view.ts) and "Read more »" folding, and a
 * `Reply` button. Replies say "Reply to <name>", linking to the comment they answer.
 */
import { commentAnchor } from "../../shared/comment-link.js";
import type { Comment } from "../../shared/schemas.js";
import { copyLinkButton } from "./copy-link.view.js";
import type { CommentActionsContext, PinContext, VoteContext } from "../state/comment.ports.js";
import { appendOwnActions, appendPinAction } from "./comment-actions.view.js";
import { h, onClick } from "./dom.js";
import { isolate } from "./isolate.view.js";
import { prependVoteActions } from "./vote-report.view.js";
import { safeHttpUrl } from "./linkify.js";
import { renderMarkup } from "./markup.view.js";
import { relativeTime } from "./relative-time.ticker.js";
import { t } from "../i18n/translate.js";

/** Bodies longer than this (or with many lines) are folded behind "Read more »". */
const FOLD_CHARS = 480;
const FOLD_LINES = 8;
/** How much of a folded body shows. */
const PREVIEW_CHARS = 320;

/** What a comment needs from the thread around it. */
export interface CommentContext extends CommentActionsContext, VoteContext, PinContext {
  /** The author name of a comment by id, for "Reply to <name>". */
  authorOf(id: string): string | null;
  /** Opens the reply form under this comment. */
  reply(comment: Comment): void;
  /** The comment's link, `<article page>#parley-comment-<id>` (for "Copy link"). */
  linkOf(comment: Comment): string;
}

/** The DOM id of a comment's element, also its link's fragment: shared/comment-link.ts. */
export { commentAnchor };

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  // The first letter or digit: a name may open with a bidi control or a quote mark.
  const first = (part = "") => /[\p{L}\p{N}]/u.exec(part)?.[0].toUpperCase() ?? "";
  return letters.map(first).join("") || "?";
}

/** A stable hue per author, so avatars are told apart without images. */
function hue(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

function avatar(comment: Comment): HTMLElement {
  const url = comment.author.avatarUrl ? safeHttpUrl(comment.author.avatarUrl) : null;
  if (url) {
    return h("img", {
      class: "avatar",
      src: url,
      alt: "",
      width: 40,
      height: 40,
      loading: "lazy",
      referrerpolicy: "no-referrer",
    });
  }
  const el = h("span", { class: "avatar", "aria-hidden": "true" }, initials(comment.author.name));
  // A class per hue bucket keeps styles in the stylesheet (no inline styles under a strict CSP).
  el.classList.add(`hue-${Math.floor(hue(comment.author.id) / 30)}`);
  return el;
}

/** The badge beside a name, so a guest called "Moderator" is told from a moderator. */
const ROLE_LABELS = { guest: "Guest", member: "Member", moderator: "Moderator" } as const;
const roleLabel = (role: Comment["author"]["role"]) => t(ROLE_LABELS[role]);

/**
 * The author's name, isolated (`<bdi>`) so a right-to-left override in it cannot reverse the line
 * around it, and their role as a badge, so a guest named "Moderator" shows as a guest.
 */
function authorLabel(author: Comment["author"]): HTMLElement[] {
  return [
    isolate(author.name, "name"),
    h("span", { class: `role role-${author.role}` }, roleLabel(author.role)),
  ];
}

function shouldFold(body: string): boolean {
  return body.length > FOLD_CHARS || body.split("\n").length > FOLD_LINES;
}

function preview(body: string): string {
  const lines = body.split("\n").slice(0, FOLD_LINES).join("\n");
  const cut = lines.slice(0, PREVIEW_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > PREVIEW_CHARS * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function bodyElement(comment: Comment): HTMLElement {
  if (comment.status === "removed") {
    return h("p", { class: "body removed" }, t("This comment was removed."));
  }
  // dir="auto" isolates the body: its direction is its own, whatever characters it holds.
  const el = h("div", { class: "body", dir: "auto" });
  if (!shouldFold(comment.body)) {
    el.append(renderMarkup(comment.body));
    return el;
  }
  const more = h("button", { type: "button", class: "link-button", "aria-expanded": "false" });
  more.textContent = t("Read more »");
  el.append(renderMarkup(preview(comment.body), true), " ", more);
  onClick(more, () => {
    el.replaceChildren(renderMarkup(comment.body));
    el.focus();
  });
  el.tabIndex = -1;
  return el;
}

function contentOf(comment: Comment, ctx: CommentContext): Node[] {
  const time = relativeTime(comment.createdAt);
  const permalink = h("a", { class: "time", href: `#${commentAnchor(comment.id)}` }, time);
  const header = h(
    "header",
    { class: "meta" },
    ...authorLabel(comment.author),
    " ",
    // Its own direction: `@guest_1` on a right-to-left page, not `guest_1@`.
    isolate(`@${comment.author.handle}`, "handle"),
    " ",
    permalink,
    comment.editedAt && comment.status !== "removed"
      ? h(
          "span",
          { class: "edited" },
          comment.editedBy === "moderator" ? t(" · edited by a moderator") : t(" · edited"),
        )
      : null,
  );
  const parentName = comment.parentId ? ctx.authorOf(comment.parentId) : null;
  const replyTo =
    comment.parentId && parentName
      ? h(
          "p",
          { class: "reply-to" },
          t("Reply to "),
          h("a", { href: `#${commentAnchor(comment.parentId)}` }, isolate(parentName)),
        )
      : null;
  // Readers get a held comment without its text (an edit held again): it is only awaiting review.
  const pending =
    comment.status === "pending"
      ? h(
          "p",
          { class: "pending" },
          comment.body === ""
            ? t("This comment is awaiting moderation.")
            : t("Awaiting moderation: only you can see this for now."),
        )
      : null;
  const actions = h("footer", { class: "actions" });
  if (comment.status === "published") {
    actions.append(
      onClick(h("button", { type: "button", class: "reply" }, t("Reply")), () =>
        ctx.reply(comment),
      ),
    );
  }
  // A held comment is not public yet: a link to it would lead others nowhere.
  if (comment.status !== "pending") actions.append(copyLinkButton(() => ctx.linkOf(comment)));
  const main = h("div", { class: "main" }, header, replyTo, pending, bodyElement(comment), actions);
  appendOwnActions(comment, main, actions, ctx);
  appendPinAction(comment, actions, ctx);
  prependVoteActions(comment, actions, ctx);
  return [avatar(comment), main];
}

/** Renders a comment element. */
export function renderComment(comment: Comment, ctx: CommentContext): HTMLElement {
  const el = h("article", {
    class: comment.parentId ? "comment is-reply" : "comment",
    id: commentAnchor(comment.id),
    "data-comment-id": comment.id,
    tabindex: "-1",
  });
  el.append(...contentOf(comment, ctx));
  return el;
}

/** Re-renders a comment in place after an edit, removal or moderation decision. */
export function updateComment(el: HTMLElement, comment: Comment, ctx: CommentContext): void {
  el.replaceChildren(...contentOf(comment, ctx));
}
