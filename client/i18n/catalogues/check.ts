/**
 * What a catalogue must be, as a list of problems (empty when it is right): every English id
 * translated, no id English lacks, the same `{placeholders}`, plurals only where English counts
 * (`{count}`) and with every category the language's Intl.PluralRules uses, fragments keeping the
 * space that joins them to a name. Run by tests/unit/i18n-catalogues.test.ts and, as a to-do list
 * for translators, by `npm run check:catalogues` (scripts/check-catalogues.ts).
 */
import { en } from "../en.js";
import type { Messages, PluralText } from "../translate.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Plural forms that may leave the number unsaid ("تعليقان", "un seul"), as languages do. */
const WORDED = new Set(["zero", "one", "two"]);

function checkText(id: string, text: string, category: string | null): string[] {
  const problems: string[] = [];
  const want = placeholders(id);
  const have = placeholders(text);
  const allowed =
    category !== null && WORDED.has(category) ? want.filter((p) => p !== "count") : want;
  for (const name of have) if (!want.includes(name)) problems.push(`unknown {${name}}`);
  for (const name of allowed) if (!have.includes(name)) problems.push(`missing {${name}}`);
  // A fragment placed before a name keeps its trailing space; one after a name must not run into
  // it (a space or punctuation, as Arabic's ": ").
  if (id.endsWith(" ") && !/\s$/u.test(text)) problems.push("lost its trailing space");
  if (id.startsWith(" ") && !/^[\s\p{P}]/u.test(text)) problems.push("runs into the name before");
  if (text.trim() === "") problems.push("is empty");
  return problems.map((p) => `${JSON.stringify(id)}${category ? ` (${category})` : ""}: ${p}`);
}

/** The problems of catalogue `messages` for language `tag`. */
export function checkCatalogue(tag: string, messages: Messages): string[] {
  const problems: string[] = [];
  const known = new Set<string>(en);
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  for (const id of en) if (!(id in messages)) problems.push(`${JSON.stringify(id)}: missing`);
  for (const [id, value] of Object.entries<string | PluralText>(messages)) {
    if (!known.has(id)) {
      problems.push(`${JSON.stringify(id)}: not an English id (en.ts)`);
      continue;
    }
    if (typeof value === "string") {
      problems.push(...checkText(id, value, null));
      continue;
    }
    if (!id.includes("{count}")) problems.push(`${JSON.stringify(id)}: a plural without {count}`);
    for (const category of categories) {
      const form = value[category];
      if (form === undefined) problems.push(`${JSON.stringify(id)}: no "${category}" form`);
      else problems.push(...checkText(id, form, category));
    }
    for (const category of Object.keys(value)) {
      if (!(categories as string[]).includes(category)) {
        problems.push(`${JSON.stringify(id)}: "${category}" is not a ${tag} plural category`);
      }
    }
  }
  return problems;
}
