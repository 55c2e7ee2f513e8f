/**
 * A fetched catalogue is data from the network: only its well-formed entries are kept, each a text
 * or a plural (texts by Intl.PluralRules category, `other` required), every text a short string.
 * A bad entry is dropped, so that message shows in English; anything not an object is no catalogue.
 * Texts only ever reach the page as text (views set `textContent` or text nodes), so a hostile
 * catalogue can say wrong words but cannot add markup. Unknown ids are kept but inert: `t()` looks
 * up only the English ids it is called with, and only as own properties.
 *
 * Checked by hand rather than with zod/mini: its record of unions cost the embed 0.8 KB gzipped
 * more (measured), more than this whole feature's budget, for a shape this small.
 */
import type { Messages, PluralText } from "./translate.js";

/** Longer than any message, short enough that a garbled file cannot bloat the page. */
const isText = (value: unknown): value is string =>
  typeof value === "string" && value.length <= 1000;

/**
 * A text, or a plural: an object of texts with `other`. Other keys than the plural categories are
 * harmless (`t()` reads only the category Intl.PluralRules picks, then `other`), and so is an
 * array (it has no own `other`).
 */
const isEntry = (value: unknown): value is string | PluralText =>
  isText(value) ||
  (typeof value === "object" &&
    value !== null &&
    Object.prototype.hasOwnProperty.call(value, "other") &&
    Object.values(value).every(isText));

/** The usable entries of `data` (parsed JSON) as messages; `{}` when `data` is no catalogue. */
export function parseCatalogue(data: unknown): Messages {
  // No prototype: an id such as "__proto__" or "constructor" is a plain (ignored) key here.
  const out = Object.create(null) as Record<string, string | PluralText>;
  // Not an object: no catalogue. An array's ids ("0", "1"…) are never asked for.
  if (typeof data !== "object" || data === null) return out;
  for (const [id, value] of Object.entries(data)) {
    if (id.length <= 300 && isEntry(value)) out[id] = value;
  }
  return out;
}
