/**
 * Starts the page's language before the first render: picks the locale from the candidates,
 * fetches that catalogue from the Parley server (English needs none) and installs it for `t()`.
 * A catalogue that fails, is garbled or takes over 3 seconds (net/catalogue.client.ts) leaves the
 * page in English rather than showing English and then switching.
 */
import { parseCatalogue } from "../i18n/catalogue.schema.js";
import { chooseLocale, textDirection } from "../i18n/locale.js";
import { useMessages } from "../i18n/translate.js";
import { fetchCatalogue } from "../net/catalogue.client.js";

/**
 * The shipped catalogues, written in by the build (locales.vite.ts): "de fr … ar.<hash>", their
 * tags, then the hash in every file name (`/locales/<tag>.<hash>.json`).
 */
declare const __PARLEY_LOCALES__: string | undefined;

/** The language a page shows: its BCP 47 tag (as `lang`) and writing direction (as `dir`). */
export interface Language {
  locale: string;
  dir: "ltr" | "rtl";
}

const ENGLISH: Language = { locale: "en", dir: "ltr" };

/**
 * Chooses, loads and installs the language: the page's `declared` tags decide (the first not
 * blank), else the browser's languages (`navigator.languages`).
 */
export async function startLanguage(
  declared: readonly (string | null | undefined)[],
  origin: string,
): Promise<Language> {
  const [tags = "", hash] = (
    typeof __PARLEY_LOCALES__ === "string" ? __PARLEY_LOCALES__ : ""
  ).split(".");
  const locale = chooseLocale(declared, navigator.languages, tags.split(" "));
  if (locale === "en" || !tags) return ENGLISH;
  const data = await fetchCatalogue(origin, `${locale}.${hash}.json`);
  const messages = parseCatalogue(data);
  if (Object.keys(messages).length === 0) return ENGLISH;
  useMessages(locale, messages);
  return { locale, dir: textDirection(locale) };
}

/** Sets `lang` and `dir` on a root element, so text, screen readers and logical CSS follow. */
export function applyLanguage(root: Element | null, language: Language): void {
  root?.setAttribute("lang", language.locale);
  root?.setAttribute("dir", language.dir);
}
