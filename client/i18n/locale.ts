/**
 * Which language a page gets, and which way it writes. A language the page declares (the element's
 * `data-parley-locale`, else its `<html lang>`) decides: the section speaks the page's language,
 * or English when Parley does not ship it, never the reader's third choice on a Chinese page.
 * A page that declares none gets the first of the browser's languages Parley ships. Tags match by
 * language subtag ("de-AT" and "de_AT" get "de"). The shipped list is the build's
 * (`locales.vite.ts`), so a language without a catalogue costs no fetch.
 */

/**
 * Languages written right to left. A list rather than `Intl.Locale`'s text info (not in Firefox,
 * a method in new Chrome, a getter in old): the choice is always a shipped subtag, so the list only
 * has to cover those, plus the right-to-left languages most likely to come next.
 */
const RTL = ["ar", "he", "fa", "ur"];

/** The language subtag of a tag, lower case ("pt-BR" → "pt"). */
const languageOf = (tag: string) => tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? "";

/**
 * The language subtag to use: the first declared tag that is not blank (`lang=""` declares none),
 * else the first of the browser's; "en" when Parley ships no catalogue for it.
 */
export function chooseLocale(
  declared: readonly (string | null | undefined)[],
  browser: readonly string[],
  shipped: readonly string[],
): string {
  const page = declared.map((tag) => languageOf(tag ?? "")).find(Boolean);
  const languages = page ? [page] : browser.map(languageOf);
  return languages.find((language) => language === "en" || shipped.includes(language)) ?? "en";
}

/** "rtl" for a language written right to left, else "ltr". */
export function textDirection(locale: string): "ltr" | "rtl" {
  return RTL.includes(languageOf(locale)) ? "rtl" : "ltr";
}
