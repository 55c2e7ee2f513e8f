/**
 * Banned-word matching on a normalised form, so the tricks that keep a word readable to people
 * but not to a plain regex do not get past it: compatibility forms (fullwidth, ligatures),
 * accents, invisible characters (zero-width space, soft hyphen, word joiner, bidi controls),
 * look-alike letters from other scripts (Cyrillic "ѕсаm"), and letters spelled apart
 * ("s c a m", "s.c.a.m", "s-c-a-m"). Pure functions, no I/O.
 */
import unhomoglyph from "unhomoglyph";

/**
 * Characters that draw nothing: Unicode's default-ignorable code points and format characters
 * (Cf: soft hyphen, zero-width space and joiners, word joiner, bidi controls, tags).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** Without accents, compatibility forms (fullwidth, ligatures) or invisible characters. */
function clean(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(INVISIBLE, "");
}

/** Lower case without accents or invisible characters, so "Café", "CAFE" and "ca\u00adfe" match. */
export function foldForMatching(text: string): string {
  return clean(text).toLocaleLowerCase("en");
}

/**
 * UTS #39 skeletons of cleaned text (the `unhomoglyph` package carries Unicode's confusables
 * data): Cyrillic "а" and Latin "a" share one. Two forms, as the data maps some capitals only
 * (Cyrillic "М" to "M", not "м" to "m") and some lower-case letters only ("l", not "L"): the
 * skeleton of the lower-cased text, and the skeleton of the lower-cased skeleton. Skeletons are
 * only ever compared with skeletons of the same form.
 */
function skeletonsOf(cleaned: string): [string, string] {
  const lower = cleaned.toLocaleLowerCase("en");
  return [unhomoglyph(lower), unhomoglyph(unhomoglyph(cleaned).toLocaleLowerCase("en"))];
}

/** What may stand between letters spelled apart: spaces, dots, dashes, underscores, stars. */
const SEP = "[\\s.\\-_*·•‧‐‑‒–—―/|+~]{1,3}";
/** Single letters, each between separators: "s c a m", "s.c.a.m". At least three of them. */
const SPACED_RUN = new RegExp(
  `(?<![\\p{L}\\p{N}])\\p{L}(?:${SEP}\\p{L}(?![\\p{L}\\p{N}])){2,}`,
  "gu",
);

/** Runs of letters spelled apart, each joined into one word ("s c a m" -> "scam"). */
export function spacedRuns(cleaned: string): string[] {
  return [...cleaned.matchAll(SPACED_RUN)].map((m) => m[0].replace(/[^\p{L}]/gu, ""));
}

/**
 * A run holds the word when it is the word, give or take one letter at either end: "a s c a m"
 * and "s c a m s" hold "scam"; "s c a m p i" is another word and does not.
 */
function runHolds(run: string, word: string): boolean {
  const at = run.indexOf(word);
  return at >= 0 && at <= 1 && run.length - at - word.length <= 1;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function wholeWord(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(word)}(?![\\p{L}\\p{N}])`, "u");
}

interface CompiledWord {
  word: string;
  /** Whole-word patterns, one per skeleton form. */
  patterns: [RegExp, RegExp];
  /** The word's letters (for runs spelled apart), one per form; null when under three letters. */
  letters: [string, string] | null;
}

/** The list is the configuration's, fixed for the process: compiled once, not per comment. */
const compiledLists = new WeakMap<string[], CompiledWord[]>();

function compile(bannedWords: string[]): CompiledWord[] {
  const known = compiledLists.get(bannedWords);
  if (known) return known;
  const compiled = bannedWords.flatMap((word): CompiledWord[] => {
    const cleanWord = clean(word);
    const forms = skeletonsOf(cleanWord);
    if (forms[0].length === 0) return [];
    const letters = skeletonsOf(cleanWord.replace(/[^\p{L}]/gu, ""));
    return [
      {
        word,
        patterns: [wholeWord(forms[0]), wholeWord(forms[1])],
        letters: letters[0].length >= 3 ? letters : null,
      },
    ];
  });
  compiledLists.set(bannedWords, compiled);
  return compiled;
}

/**
 * Banned words found in `body` as whole words (letters and digits on neither side), compared on
 * skeletons of the cleaned text; letters spelled apart are compared with the word's letters.
 */
export function findBannedWords(body: string, bannedWords: string[]): string[] {
  if (bannedWords.length === 0) return [];
  const cleaned = clean(body);
  const texts = skeletonsOf(cleaned);
  const runs = spacedRuns(cleaned).map(skeletonsOf);
  return compile(bannedWords)
    .filter(({ patterns, letters }) => {
      if (patterns[0].test(texts[0]) || patterns[1].test(texts[1])) return true;
      return (
        letters !== null &&
        runs.some((run) => runHolds(run[0], letters[0]) || runHolds(run[1], letters[1]))
      );
    })
    .map((c) => c.word);
}
