/**
 * Renders a comment body's markup (./markup.parser.ts) as DOM nodes, never as an HTML string: each
 * kind becomes exactly one element (strong, em, code, blockquote, a, and a spoiler's button, then
 * span), text is always a text node, and no attribute comes from the body except a link's
 * normalised http(s) href. Links get rel="nofollow ugc noopener": user content must not pass page
 * rank, nor get a handle on this window. Direction: a quote takes its own (`dir="auto"`), an address
 * is left to right (`dir="ltr"`) and an `@handle` is a `<bdi>` (./isolate.view.ts), so each reads as
 * written in a line of the other direction; the sheet makes code spans first-strong isolates.
 */
import { h, onClick } from "./dom.js";
import { withMentions } from "./isolate.view.js";
import { parseMarkup, type MarkupNode } from "./markup.parser.js";
import { t } from "../i18n/translate.js";

function append(parent: ParentNode, nodes: MarkupNode[]): void {
  for (const node of nodes) {
    if (typeof node === "string") parent.append(...withMentions(node));
    else parent.append(element(node));
  }
}

function element(node: Exclude<MarkupNode, string>): HTMLElement {
  if (node.kind === "a") {
    const attrs = { href: node.href, rel: "nofollow ugc noopener", target: "_blank", dir: "ltr" };
    return h("a", attrs, node.text);
  }
  if (node.kind === "spoiler") {
    // The hidden text is not in the page until asked for: no screen reader, search or copy sees it.
    const button = h(
      "button",
      { type: "button", class: "spoiler", "aria-expanded": "false" },
      t("Spoiler"),
    );
    return onClick(button, () => {
      const shown = h("span", { class: "spoiler", tabindex: -1 });
      append(shown, node.children);
      button.replaceWith(shown);
      shown.focus();
    });
  }
  const el = h(node.kind, node.kind === "blockquote" ? { dir: "auto" } : null);
  append(el, node.children);
  return el;
}

/** The DOM of a body; `lenient` for a folded preview (see parseMarkup). */
export function renderMarkup(body: string, lenient?: boolean): DocumentFragment {
  const fragment = document.createDocumentFragment();
  append(fragment, parseMarkup(body, lenient));
  return fragment;
}
