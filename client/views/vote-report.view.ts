/**
 * Votes and reports on a comment: "Vote up" / score / "Vote down" (pressed state shows this
 * reader's vote), and "Report", which asks once, inline. Scores change live (`comment:voted`)
 * without re-rendering the comment.
 */
import type { Comment } from "../../shared/schemas.js";
import type { VoteContext } from "../state/comment.ports.js";
import { h, onClick } from "./dom.js";
import { t } from "../i18n/translate.js";

function small(label: string, attrs: Record<string, string>, handler: () => void) {
  return onClick(h("button", { type: "button", class: "reply", ...attrs }, label), handler);
}

/** Shows a new score (and this reader's vote) on a rendered comment. */
export function showScore(article: HTMLElement, score: number, myVote?: number): void {
  const el = article.querySelector(".score");
  if (el) el.textContent = String(score);
  if (myVote === undefined) return;
  article.querySelector(".vote-up")?.setAttribute("aria-pressed", String(myVote === 1));
  article.querySelector(".vote-down")?.setAttribute("aria-pressed", String(myVote === -1));
}

/** Puts the score, the vote buttons and Report at the start of a comment's footer. */
export function prependVoteActions(comment: Comment, footer: HTMLElement, ctx: VoteContext): void {
  if (comment.status !== "published") return;
  const error = h("span", { class: "form-error", role: "alert" });
  const score = h("span", { class: "score", title: t("Score") }, String(comment.score));
  const group = h("span", { class: "votes" });
  if (ctx.canVote(comment)) {
    const mine = ctx.myVote(comment.id);
    const cast = (value: 1 | -1) => () => {
      void ctx.vote(comment, value).then((message) => {
        error.textContent = message ?? "";
      });
    };
    group.append(
      small(
        "▲",
        { class: "vote vote-up", "aria-label": t("Vote up"), "aria-pressed": String(mine === 1) },
        cast(1),
      ),
      score,
      small(
        "▼",
        {
          class: "vote vote-down",
          "aria-label": t("Vote down"),
          "aria-pressed": String(mine === -1),
        },
        cast(-1),
      ),
    );
  } else {
    group.append(score);
  }
  footer.prepend(group);
  if (ctx.canReport(comment)) {
    const reportButton = small(t("Report"), {}, () => {
      const saved = [...footer.childNodes];
      const yes = small(t("Report it"), {}, () => {
        yes.disabled = true;
        void ctx.report(comment).then((message) => {
          footer.replaceChildren(...saved);
          if (message) error.textContent = message;
          else reportButton.replaceWith(h("span", { class: "muted" }, t("Reported. Thank you.")));
        });
      });
      const no = small(t("Cancel"), {}, () => footer.replaceChildren(...saved));
      footer.replaceChildren(h("span", null, t("Report this comment to the moderators?")), yes, no);
      no.focus();
    });
    footer.append(reportButton);
  }
  footer.append(error);
}
