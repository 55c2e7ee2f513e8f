/**
 * Renders one queue item: who wrote what, where and when, the reports, and the three decisions.
 * Built with the embed's DOM helper, so a comment's text is only ever text.
 */
import { formatRelativeTime } from "../../shared/relative-time.js";
import type { ModerationAction, QueueItem } from "../../shared/trust.schemas.js";
import { commentLink } from "../../shared/comment-link.js";
import { h, onClick } from "../dom.js";
import { safeHttpUrl } from "../linkify.js";

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
          `Reported ${item.reportCount} time${item.reportCount === 1 ? "" : "s"}`,
          item.reasons.length ? `: ${item.reasons.join(" · ")}` : "",
        )
      : null;
  return h(
    "li",
    { class: "item", "data-comment-id": comment.id },
    h(
      "p",
      { class: "meta" },
      h("strong", null, comment.author.name),
      ` @${comment.author.handle} on `,
      // The comment's own link when the article's page is known: the moderator sees it in place.
      pageUrl
        ? h(
            "a",
            { href: commentLink(pageUrl, comment.id), target: "_blank", rel: "noopener" },
            item.article?.title ?? comment.articleId,
          )
        : h("code", null, comment.articleId),
      " · ",
      h("time", { datetime: comment.createdAt }, formatRelativeTime(comment.createdAt, Date.now())),
      comment.parentId ? " · a reply" : "",
    ),
    h("p", { class: "body" }, comment.body),
    reasons,
    h(
      "div",
      {
        class: "actions",
        role: "group",
        "aria-label": `Decide about ${comment.author.name}'s comment`,
      },
      item.queue === "pending" ? button("approve", "Approve") : button("approve", "Keep"),
      button("reject", "Reject"),
      button("remove", "Remove"),
    ),
  );
}
