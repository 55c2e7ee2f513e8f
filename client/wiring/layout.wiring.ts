/**
 * The section's frame inside its shadow root: header, connection banner, the form's home, email
 * settings, "Comments are closed.", toolbar, editors' picks, pill, status line, the list, "Load
 * more comments" and the live region, with the embed's styles adopted.
 */
import type { Announcer } from "../views/announcer.view.js";
import type { ComposeFormView } from "../views/compose-form.view.js";
import { h, onClick } from "../views/dom.js";
import type { HeaderView } from "../views/header.view.js";
import { adoptStyles } from "../views/styles.js";
import type { ThreadListView } from "../views/thread-list.view.js";
import { t } from "../i18n/translate.js";

/** The parts placed in the frame. */
export interface LayoutParts {
  header: HeaderView;
  form: ComposeFormView;
  emailPrefs: HTMLElement;
  list: ThreadListView;
  /** The editors' picks, above the list. */
  pinned: HTMLElement;
  announcer: Announcer;
  /** "Load more comments" was pressed. */
  loadMore: () => void;
}

/** The frame's own elements and states. */
export interface Layout {
  banner: HTMLElement;
  status: HTMLElement;
  more: HTMLButtonElement;
  closed: () => boolean;
  /** A closed article keeps its thread but takes no new comments or replies. */
  setClosed: (value: boolean) => void;
}

/** Renders the frame into `shadow`. */
export function createLayout(shadow: ShadowRoot, parts: LayoutParts): Layout {
  const { header, form, list } = parts;
  const formHome = h("div", { class: "form-home" }, form.form);
  form.returnHome = () => formHome.append(form.form);
  const closedNote = h("p", { class: "status muted", hidden: true }, t("Comments are closed."));
  let closed = false;
  const banner = h(
    "p",
    { class: "banner", hidden: true },
    t("Connection lost. Reconnecting… new comments will appear when it is back."),
  );
  const status = h("p", { class: "status muted" }, t("Loading comments…"));
  const more = onClick(
    h("button", { type: "button", class: "more", hidden: true }, t("Load more comments")),
    () => parts.loadMore(),
  );
  shadow.replaceChildren(
    h(
      "div",
      { class: "parley" },
      header.bar,
      banner,
      formHome,
      parts.emailPrefs,
      closedNote,
      header.toolbar,
      parts.pinned,
      list.pill,
      status,
      list.list,
      more,
      parts.announcer.element,
    ),
  );
  adoptStyles(shadow);
  return {
    banner,
    status,
    more,
    closed: () => closed,
    setClosed(value) {
      closed = value;
      if (closed) form.cancelReply(false);
      formHome.hidden = closed;
      closedNote.hidden = !closed;
    },
  };
}
