/**
 * The one comment form: `Name` (guests; remembered on this device), `Comment` and `Post Comment`.
 * Replying moves this same form under the comment being answered, so a page never holds two
 * fields labelled "Comment". Each draft carries a `clientKey`, so retrying after a lost answer
 * never posts twice.
 */
import { limits } from "../../shared/limits.js";
import { bodySchema, emailSchema, nameSchema, type Comment } from "../../shared/schemas.js";
import { PostFailure, type Draft } from "../state/comment.ports.js";
import { h, onClick, uid } from "./dom.js";
import { attachFormatToolbar } from "./format-toolbar.view.js";
import { balanced, tIsolated } from "./isolate.view.js";
import { attachMentionComplete } from "./mention-complete.view.js";
import { t } from "../i18n/translate.js";

/** A random key of 32 hex characters (works on plain http too, unlike randomUUID). */
function newClientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The form and its controls. */
export class ComposeFormView {
  readonly form: HTMLFormElement;
  readonly nameInput: HTMLInputElement;
  readonly emailInput: HTMLInputElement;
  private readonly emailField: HTMLElement;
  readonly bodyInput: HTMLTextAreaElement;
  private readonly submit: HTMLButtonElement;
  private readonly error: HTMLElement;
  private readonly replying: HTMLElement;
  private readonly replyingName: HTMLElement;
  private readonly nameField: HTMLElement;
  private readonly signedAs = h("p", { class: "signed-as", hidden: true });
  private parent: Comment | null = null;
  private clientKey: string | null = null;

  constructor(
    private readonly onPost: (draft: Draft) => Promise<void>,
    handles: () => string[] = () => [],
  ) {
    const nameId = uid("name");
    const emailId = uid("email");
    this.emailInput = h("input", {
      id: emailId,
      type: "email",
      autocomplete: "email",
      maxlength: 254,
    });
    this.emailField = h(
      "div",
      { class: "field" },
      h("label", { for: emailId }, t("Email (optional, never shown)")),
      this.emailInput,
    );
    const bodyId = uid("body");
    const errorId = uid("error");
    this.nameInput = h("input", {
      id: nameId,
      type: "text",
      autocomplete: "name",
      maxlength: limits.nameMaxChars,
      required: true,
      "aria-describedby": errorId,
    });
    this.bodyInput = h("textarea", {
      id: bodyId,
      rows: 3,
      maxlength: limits.bodyMaxChars,
      required: true,
      placeholder: t("Join the discussion"),
      "aria-describedby": errorId,
    });
    this.submit = h("button", { type: "submit", class: "primary" }, t("Post Comment"));
    this.error = h("p", { id: errorId, class: "form-error", role: "alert" });
    this.replyingName = h("strong", { dir: "auto" });
    const cancel = onClick(
      h("button", { type: "button", class: "link-button" }, t("Cancel reply")),
      () => this.cancelReply(),
    );
    this.replying = h(
      "p",
      { class: "replying", hidden: true },
      t("Replying to "),
      this.replyingName,
      " · ",
      cancel,
    );
    this.nameField = h(
      "div",
      { class: "field" },
      h("label", { for: nameId }, t("Name")),
      this.nameInput,
    );
    this.form = h(
      "form",
      { class: "compose", novalidate: true },
      this.replying,
      this.signedAs,
      this.nameField,
      this.emailField,
      h("div", { class: "field" }, h("label", { for: bodyId }, t("Comment")), this.bodyInput),
      this.error,
      h("div", { class: "form-actions" }, this.submit),
    );
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.post();
    });
    // Ctrl/Cmd+Enter posts, as in most comment boxes.
    this.bodyInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) this.form.requestSubmit();
    });
    this.bodyInput.addEventListener("input", () => this.showError(""));
    attachFormatToolbar(this.bodyInput);
    attachMentionComplete(this.bodyInput, handles);
    this.nameInput.addEventListener("input", () => this.showError(""));
  }

  /** Prefills the name remembered on this device. */
  setName(name: string): void {
    if (!this.nameInput.value) this.nameInput.value = name;
  }

  /** Single sign-on: the host named the reader, so the Name field gives way to a short line. */
  useHostIdentity(name: string | null): void {
    this.nameField.hidden = name !== null;
    this.emailField.hidden = name !== null;
    this.signedAs.hidden = name === null;
    this.signedAs.replaceChildren(
      ...(name === null ? [] : tIsolated("Commenting as {name}", "name", name)),
    );
    if (name !== null) this.nameInput.value = name;
  }

  /** Moves the form under `target` to answer `comment`, and focuses the text area. */
  replyTo(comment: Comment, target: HTMLElement): void {
    this.parent = comment;
    this.replyingName.textContent = balanced(comment.author.name);
    this.replying.hidden = false;
    target.after(this.form);
    this.form.classList.add("is-reply");
    this.bodyInput.focus();
  }

  /** Puts the form back at the top as a new top-level comment (focusing it unless told not to). */
  cancelReply(focus = true): void {
    if (!this.parent) return;
    this.parent = null;
    this.replying.hidden = true;
    this.form.classList.remove("is-reply");
    this.returnHome();
    if (focus) this.bodyInput.focus();
  }

  /** Where the form lives when not replying; set by the widget. */
  returnHome: () => void = () => undefined;

  private async post(): Promise<void> {
    const name = nameSchema.safeParse(this.nameInput.value);
    if (!name.success)
      return this.invalid(this.nameInput, t("Please enter your name (up to 50 characters)."));
    const typed = this.emailInput.value.trim();
    const email = typed === "" ? null : emailSchema.safeParse(typed);
    if (email && !email.success)
      return this.invalid(this.emailInput, t("Please enter a valid email address, or none."));
    const body = bodySchema.safeParse(this.bodyInput.value);
    if (!body.success) return this.invalid(this.bodyInput, t("Please write a comment first."));
    this.clientKey ??= newClientKey();
    this.submit.disabled = true;
    this.form.setAttribute("aria-busy", "true");
    try {
      await this.onPost({
        name: name.data,
        ...(email ? { email: email.data } : {}),
        body: body.data,
        parentId: this.parent?.id ?? null,
        clientKey: this.clientKey,
      });
      this.clientKey = null;
      this.bodyInput.value = "";
      this.showError("");
      if (this.parent) this.cancelReply(false);
    } catch (error) {
      const failure = error instanceof PostFailure ? error : null;
      if (!failure?.keepKey) this.clientKey = null;
      this.showError(failure?.message ?? t("Your comment could not be posted. Please try again."));
    } finally {
      this.submit.disabled = false;
      this.form.removeAttribute("aria-busy");
    }
  }

  private invalid(field: HTMLInputElement | HTMLTextAreaElement, message: string): void {
    field.setAttribute("aria-invalid", "true");
    this.showError(message);
    field.focus();
  }

  private showError(message: string): void {
    this.error.textContent = message;
    if (!message) {
      this.nameInput.removeAttribute("aria-invalid");
      this.bodyInput.removeAttribute("aria-invalid");
    }
  }
}
