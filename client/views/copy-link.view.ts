/**
 * "Copy link" on every comment: puts `<article page>#parley-comment-<id>` on the clipboard. Where
 * the clipboard is refused (no permission, an insecure page), the link is shown selected instead,
 * ready to copy by hand.
 */
import { h, onClick } from "./dom.js";
import { t } from "../i18n/translate.js";

/** The button; `link` is read on each click (the article's canonical URL may arrive later). */
export function copyLinkButton(link: () => string): HTMLButtonElement {
  const button = h("button", { type: "button", class: "reply copy-link" }, t("Copy link"));
  return onClick(button, () => void copy(button, link()));
}

async function copy(button: HTMLButtonElement, link: string): Promise<void> {
  const footer = button.parentElement;
  footer?.querySelector(".copied")?.remove();
  try {
    await navigator.clipboard.writeText(link);
    button.after(h("span", { class: "copied muted", role: "status" }, t("Link copied")));
  } catch {
    const field = h("input", {
      class: "copied",
      type: "text",
      readonly: true,
      "aria-label": t("Link to this comment"),
    });
    field.value = link;
    button.after(field);
    field.focus();
    field.select();
  }
}
