/**
 * Which language a page gets, and which way it writes. The candidates come in order of preference
 * (the element's `data-parley-locale`, the page's `<html lang>`, the browser's languages); the
 * first whose language subtag Parley ships wins ("de-AT" and "de_AT" get "de"), else English. The
 * shipped list is the build's (`locales.vite.ts`), so a language without a catalogue costs no fetch.
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
 * The first candidate Parley has a catalogue for, as a language subtag; "en" when none has one,
 * or when English comes first. Empty candidates are skipped: a page's `lang=""` falls through.
 */
export function chooseLocale(
  candidates: readonly (string | null | undefined)[],
  shipped: readonly string[],
): string {
  for (const candidate of candidates) {
    const language = languageOf(candidate ?? "");
    if (language === "en" || (language && shipped.includes(language))) return language;
  }
  return "en";
}

/** "rtl" for a language written right to left, else "ltr". */
export function textDirection(locale: string): "ltr" | "rtl" {
  return RTL.includes(languageOf(locale)) ? "rtl" : "ltr";
}
