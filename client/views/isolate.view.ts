/**
 * Direction isolation for user text shown inline (names, handles, titles, report reasons): each
 * goes in its own `<bdi>`, which takes its direction from its first strong letter, so an Arabic
 * name in an English sentence, an English title in an Arabic one, or `@handle` on a right-to-left
 * page reads as written and cannot reorder the words around it. Block containers of user text
 * (bodies, quotes, excerpts) isolate with `dir="auto"` and the sheet's `unicode-bidi: plaintext`.
 */
import { h } from "./dom.js";
import { t, type MessageId, type ParamsOf } from "../i18n/translate.js";

/**
 * `text` with its directional isolates (U+2066–U+2069) paired: a PDI with no isolate open before
 * it is dropped and isolates left open are closed. An element's isolation is itself a pair of
 * isolates, so in Chromium a stray PDI in a name closes the `<bdi>` early (an override after it
 * then reverses the rest of the line) and a stray LRI/RLI/FSI keeps it open past its end. Other
 * controls (overrides, embeddings, marks) stay: the isolate ends them.
 */
export function balanced(text: string): string {
  let open = 0;
  const paired = text.replace(/[\u2066-\u2069]/g, (mark) =>
    mark < "\u2069" ? (open++, mark) : open ? (open--, mark) : "",
  );
  return paired + "\u2069".repeat(open);
}

/** User text as an isolated inline element. */
export function isolate(text: string, className?: string): HTMLElement {
  return h("bdi", { class: className }, balanced(text));
}

/** User text isolated inside a plain-text line (a live region, an accessible name). */
export function isolateText(text: string): string {
  return `\u2068${balanced(text)}\u2069`;
}

/**
 * A translated sentence with one parameter filled by user text in its own `<bdi>`, never spliced
 * into the sentence's text: "Commenting as {name}", "On {title}".
 */
export function tIsolated<K extends MessageId>(
  id: K,
  param: keyof ParamsOf<K>,
  text: string,
): (string | Node)[] {
  // NUL never occurs in a catalogue: it marks where the parameter goes.
  const fill = t as (id: MessageId, params: Record<string, string>) => string;
  const [before = "", after = ""] = fill(id, { [param]: "\0" }).split("\0");
  return [before, isolate(text), after];
}

/** `@handle` mentions as the server finds them (not after a letter, digit, `_` or `@`), and what precedes each. */
const MENTION = /(^|[^\w@])(@\w(?:[\w.-]*\w)?)/;

/**
 * Text with each `@handle` in a `<bdi>`: it reads `@handle` in a right-to-left line too, and the
 * body's first-strong direction skips it, so an Arabic reply that starts with a mention is Arabic.
 */
export function withMentions(text: string): (string | Node)[] {
  // Split keeps both groups: text, what precedes a mention, the mention, text, and so on.
  return text.split(MENTION).map((part, i) => (i % 3 === 2 ? h("bdi", null, part) : part));
}
