/**
 * `@` autocomplete in the comment box: typing `@` and the start of a handle offers the handles of
 * people in this thread (at most 5); choosing one writes `@handle `. Small on purpose.
 */
import { h, onClick } from "./dom.js";
import { t } from "../i18n/translate.js";

const typing = /(?:^|\s)@([\w.-]{0,40})$/;

export function attachMentionComplete(input: HTMLTextAreaElement, handles: () => string[]) {
  const list = h("ul", {
    class: "mention-list",
    role: "listbox",
    "aria-label": t("Mention"),
    hidden: true,
  });
  input.after(list);
  const close = () => {
    list.hidden = true;
    list.replaceChildren();
  };
  input.addEventListener("input", () => {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const match = typing.exec(before);
    if (!match) return close();
    const prefix = match[1]!.toLowerCase();
    const found = [...new Set(handles())]
      .filter((x) => x.toLowerCase().startsWith(prefix))
      .slice(0, 5);
    if (found.length === 0) return close();
    list.replaceChildren(
      ...found.map((handle) =>
        h(
          "li",
          { role: "option" },
          onClick(h("button", { type: "button" }, h("bdi", null, `@${handle}`)), () => {
            const start = before.length - match[1]!.length;
            input.value = `${input.value.slice(0, start)}${handle} ${input.value.slice(before.length)}`;
            const caret = start + handle.length + 1;
            input.setSelectionRange(caret, caret);
            close();
            input.focus();
          }),
        ),
      ),
    );
    list.hidden = false;
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
}
