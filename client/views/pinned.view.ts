/**
 * The editors' picks above the thread list: a region labelled "Editors' picks" listing each pinned
 * comment (oldest pin first) with the label "Pinned", its author and its text, and a link to the
 * comment in its thread, where it stays as well. Hidden while nothing is pinned.
 */
import { commentAnchor } from "../../shared/comment-link.js";
import type { PinnedComment } from "../../shared/schemas.js";
import { h, onClick, uid } from "./dom.js";
import { renderMarkup } from "./markup.view.js";
import { t } from "../i18n/translate.js";

/** The pinned section. */
export interface PinnedView {
  element: HTMLElement;
  /** Shows these pins (none: the section hides). */
  show(pins: PinnedComment[]): void;
}

/** Creates the section; `go` brings a comment into view in its thread. */
export function pinnedView(go: (id: string) => void): PinnedView {
  const headingId = uid("pinned");
  const list = h("ol", { class: "pins" });
  const element = h(
    "section",
    { class: "pinned", "aria-labelledby": headingId, hidden: true },
    h("h3", { id: headingId }, t("Editors' picks")),
    list,
  );
  const item = ({ comment }: PinnedComment) =>
    h(
      "li",
      null,
      h("p", { class: "pin-label" }, t("Pinned")),
      h("bdi", { class: "name" }, comment.author.name),
      h("div", { class: "pin-body", dir: "auto" }, renderMarkup(comment.body, true)),
      onClick(h("a", { href: `#${commentAnchor(comment.id)}` }, t("Show in thread")), (event) => {
        // The hash may already name it (a second click): go there either way.
        event.preventDefault();
        go(comment.id);
      }),
    );
  return {
    element,
    show(pins) {
      element.hidden = pins.length === 0;
      list.replaceChildren(...pins.map(item));
    },
  };
}
