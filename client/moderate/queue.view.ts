/**
 * Renders one queue item: who wrote what, where and when, the reports, and the three decisions.
 * Built with the embed's DOM helper, so a comment's text is only ever text.
 */
import { formatRelativeTime } from "../../shared/relative-time.js";
import type { ModerationAction, QueueItem } from "../../shared/trust.schemas.js";
import { commentLink } from "../../shared/comment-link.js";
import { h, onClick } from "../views/dom.js";
import { isolate, isolateText, withMentions } from "../views/isolate.view.js";
import { safeHttpUrl } from "../views/linkify.js";
import { currentLocale, t } from "../i18n/translate.js";

const ROLE_LABELS = { guest: "Guest", member: "Member", moderator: "Moderator" } as const;
const roleLabel = (role: QueueItem["comment"]["author"]["role"]) => t(ROLE_LABELS[role]);

/** Builds the list item for `item`; `decide` runs when a decision button is pressed. */
export function queueItemView(
  item: QueueItem,
  decide: (action: ModerationAction) => void,
): HTMLLIElement {
  const { comment } = item;
  const pageUrl = item.article?.url ? safeHttpUrl(item.article.url) : null;
  const button = (action: ModerationAction, label: string) =>
    onClick(h("button", { type: "button", class: action }, label), () => decide(action));
  const reasons =
    item.reportCount > 0
      ? h(
          "p",
          { class: "reasons" },
          t("Reported {count} times", { count: item.reportCount }),
          // Reporters' words, each isolated: one in another script cannot reorder the others.
          ...item.reasons.flatMap((reason, i) => [i ? " · " : ": ", isolate(reason)]),
        )
      : null;
  return h(
    "li",
    { class: "item", "data-comment-id": comment.id },
    h(
      "p",
      { class: "meta" },
      // Isolated, so a bidi override in a name cannot reverse the line; the badge tells a guest
      // called "Moderator" from a moderator.
      isolate(comment.author.name, "name"),
      " ",
      h("span", { class: `role role-${comment.author.role}` }, roleLabel(comment.author.role)),
      " ",
      isolate(`@${comment.author.handle}`, "handle"),
      t(" on "),
      // The comment's own link when the article's page is known: the moderator sees it in place.
      pageUrl
        ? h(
            "a",
            { href: commentLink(pageUrl, comment.id), target: "_blank", rel: "noopener" },
            isolate(item.article?.title ?? comment.articleId),
          )
        : h("code", null, comment.articleId),
      " · ",
      h(
        "time",
        { datetime: comment.createdAt },
        formatRelativeTime(comment.createdAt, Date.now(), { locale: currentLocale() }),
      ),
      comment.parentId ? t(" · a reply") : "",
      comment.editedAt
        ? comment.editedBy === "moderator"
          ? t(" · edited by a moderator")
          : t(" · edited")
        : "",
    ),
    h("p", { class: "body", dir: "auto" }, ...withMentions(comment.body)),
    reasons,
    h(
      "div",
      {
        class: "actions",
        role: "group",
        "aria-label": t("Decide about {name}'s comment", {
          name: isolateText(comment.author.name),
        }),
      },
      item.queue === "pending" ? button("approve", t("Approve")) : button("approve", t("Keep")),
      button("reject", t("Reject")),
      button("remove", t("Remove")),
    ),
  );
}
