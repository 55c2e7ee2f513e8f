/**
 * The formatting bar above a comment text area (the compose form and the edit form): Bold, Italic,
 * Quote, Code, Link and Spoiler write the markup of ./markup.parser.ts around the selection, or at
 * the caret; Preview shows the text as readers will see it (the same renderer). Shortcuts in the
 * text area: Ctrl/⌘+B bold, +I italic, +E code, +K link, +Shift+. quote. Edits go through the
 * browser's own insertText where it has it, so Ctrl+Z undoes them like typing.
 */
import { h, onClick } from "./dom.js";
import { renderMarkup } from "./markup.view.js";
import { t } from "../i18n/translate.js";

type Area = HTMLTextAreaElement;

/** Replaces the selection with `text`, then selects from `from` to `to` (offsets in the value). */
function insert(area: Area, text: string, from: number, to = from): void {
  area.focus();
  // execCommand keeps the undo history; where it is gone, setRangeText still edits.
  if (!document.execCommand("insertText", false, text)) {
    area.setRangeText(text);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  area.setSelectionRange(from, to);
}

/** Puts `before` and `after` around the selection (or the caret) and keeps the words selected. */
const wrap =
  (before: string, after = before) =>
  (area: Area) => {
    const { selectionStart: start, selectionEnd: end } = area;
    const inner = start + before.length;
    insert(area, before + area.value.slice(start, end) + after, inner, inner + end - start);
  };

/** Starts each selected line (or the caret's line) with `> `. */
function quote(area: Area): void {
  const caret = area.selectionStart;
  const start = caret && area.value.lastIndexOf("\n", caret - 1) + 1;
  const text = area.value.slice(start, area.selectionEnd).replace(/^/gm, "> ");
  area.setSelectionRange(start, area.selectionEnd);
  insert(area, text, start + text.length);
}

/** Label, glyph, action and shortcut key (with Ctrl or ⌘) of each button. */
const ACTIONS = [
  ["Bold", "B", wrap("**"), "b"],
  ["Italic", "I", wrap("_"), "i"],
  ["Quote", "❝", quote, ">"],
  ["Code", "</>", wrap("`"), "e"],
  ["Link", "↗", wrap("https://", ""), "k"],
  ["Spoiler", "▒", wrap("||"), ""],
] as const;

/**
 * Puts the bar before `area` (which must already have a parent) and the preview after it, and
 * adds the shortcuts. The preview takes the area's place while Preview is pressed.
 */
export function attachFormatToolbar(area: Area): void {
  const preview = h("div", { class: "body preview", dir: "auto", hidden: true });
  const toggle = h("button", { type: "button", "aria-pressed": "false" }, t("Preview"));
  const buttons = ACTIONS.map(([id, glyph, act]) => {
    const label = t(id);
    return onClick(h("button", { type: "button", "aria-label": label }, glyph), () => act(area));
  });
  const show = (on: boolean) => {
    toggle.setAttribute("aria-pressed", String(on));
    preview.replaceChildren(on ? renderMarkup(area.value) : "");
    preview.hidden = !on;
    area.hidden = on;
    for (const button of buttons) button.disabled = on;
    // Posting or saving shows the text area again, so errors can point at it.
    if (on) area.form?.addEventListener("submit", () => show(false), { capture: true, once: true });
  };
  onClick(toggle, () => {
    show(!area.hidden);
    if (!area.hidden) area.focus();
  });
  area.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    // Ctrl+Shift+. is `>` on most layouts; Ctrl+Shift+B still bolds, as in most editors.
    const action = ACTIONS.find((entry) => entry[3] === event.key.toLowerCase());
    if (!action) return;
    event.preventDefault();
    action[2](area);
  });
  area.after(preview);
  area.before(
    h("div", { class: "format", role: "group", "aria-label": t("Formatting") }, ...buttons, toggle),
  );
}
