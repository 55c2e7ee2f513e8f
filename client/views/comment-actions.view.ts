/**
 * Edit and Delete on a reader's own comments (and on every comment for moderators), and Pin or
 * Unpin for moderators. Editing swaps
 * the body for a small form in place; deleting asks once, inline, rather than with a dialog. The
 * server decides (edit window, rights); its answer is shown as it comes.
 */
import { limits } from "../../shared/limits.js";
import { bodySchema, type Comment } from "../../shared/schemas.js";
import type { CommentActionsContext, PinContext } from "../state/comment.ports.js";
import { h, onClick, uid } from "./dom.js";
import { attachFormatToolbar } from "./format-toolbar.view.js";
import { t } from "../i18n/translate.js";

function button(label: string, handler: () => void): HTMLButtonElement {
  return onClick(h("button", { type: "button", class: "reply" }, label), handler);
}

function editForm(comment: Comment, main: HTMLElement, ctx: CommentActionsContext): void {
  const body = main.querySelector<HTMLElement>(".body");
  if (!body || main.querySelector(".edit-form")) return;
  const id = uid("edit");
  const area = h("textarea", { id, rows: 3, maxlength: limits.bodyMaxChars });
  area.value = comment.body;
  const error = h("p", { class: "form-error", role: "alert" });
  const save = h("button", { type: "submit", class: "primary" }, t("Save"));
  const form = h(
    "form",
    { class: "edit-form" },
    h("label", { for: id, class: "sr-only" }, t("Edited text")),
    area,
    error,
    h(
      "div",
      { class: "form-actions" },
      button(t("Cancel"), () => close()),
      save,
    ),
  );
  const close = () => {
    form.remove();
    body.hidden = false;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const parsed = bodySchema.safeParse(area.value);
    if (!parsed.success) {
      error.textContent = t("A comment cannot be empty.");
      return;
    }
    save.disabled = true;
    void ctx.edit(comment, parsed.data).then((message) => {
      save.disabled = false;
      // On success the comment re-renders from the server's answer, replacing this form.
      if (message) error.textContent = message;
    });
  });
  attachFormatToolbar(area);
  body.hidden = true;
  body.after(form);
  area.focus();
}

function confirmRemove(comment: Comment, footer: HTMLElement, ctx: CommentActionsContext): void {
  const saved = [...footer.childNodes];
  const error = h("span", { class: "form-error", role: "alert" });
  const yes = button(t("Yes, delete"), () => {
    yes.disabled = true;
    void ctx.remove(comment).then((message) => {
      yes.disabled = false;
      if (message) error.textContent = message;
    });
  });
  const no = button(t("Keep it"), () => footer.replaceChildren(...saved));
  footer.replaceChildren(h("span", null, t("Delete this comment?")), yes, no, error);
  no.focus();
}

/** Appends Edit/Delete to a comment's footer when the reader may use them. */
export function appendOwnActions(
  comment: Comment,
  main: HTMLElement,
  footer: HTMLElement,
  ctx: CommentActionsContext,
): void {
  if (comment.status === "removed") return;
  const rights = ctx.rights(comment);
  if (rights.edit) footer.append(button(t("Edit"), () => editForm(comment, main, ctx)));
  if (rights.remove) footer.append(button(t("Delete"), () => confirmRemove(comment, footer, ctx)));
}

/**
 * Appends Pin or Unpin when the reader may pin the comment. A refusal (the article's pins are
 * full) shows beside it; on success the comment re-renders and focus moves to its new button.
 */
export function appendPinAction(comment: Comment, footer: HTMLElement, ctx: PinContext): void {
  const pinned = ctx.pinned(comment);
  if (pinned === null) return;
  const error = h("span", { class: "form-error", role: "alert" });
  const pin = button(pinned ? t("Unpin") : t("Pin"), () => {
    pin.disabled = true;
    const article = footer.closest("article");
    void ctx.pin(comment, !pinned).then((message) => {
      pin.disabled = false;
      error.textContent = message ?? "";
      if (!message) article?.querySelector<HTMLElement>(".pin-toggle")?.focus();
    });
  });
  pin.classList.add("pin-toggle");
  footer.append(pin, error);
}
