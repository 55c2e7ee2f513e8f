/**
 * `t(id, params)`: the one way to a user-visible text. A message's id is its English text, listed
 * in ./en.ts: an id not listed there, or a missing parameter, is a type error. Another language is
 * a `Messages` object by id (any id may be missing) set with `useMessages`; an id it lacks falls
 * back to English at run time. Plurals use the language's Intl.PluralRules with `count`.
 */
import { enPlurals, type en } from "./en.js";

/** Every message id: the English text (for a plural, its `other` form). */
export type MessageId = (typeof en)[number];

/** A plural message: one text per Intl.PluralRules category; `other` is always there. */
export type PluralText = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Another language's messages by English id: any subset, each a text or a plural. */
export type Messages = { readonly [K in MessageId]?: string | PluralText };

/** The `{names}` in a text. */
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The parameters a message needs (plurals always name `{count}`). */
export type ParamsOf<K extends MessageId> = Record<Placeholders<K>, string | number>;

type Args<K extends MessageId> = [Placeholders<K>] extends [never] ? [] : [ParamsOf<K>];

const english = new Intl.PluralRules("en");
let messages: Messages = {};
let plurals = english;
let current = "en";

/** Switches to another language's messages (English fills any id they lack). */
export function useMessages(locale: string, next: Messages): void {
  messages = next;
  plurals = new Intl.PluralRules(locale);
  current = locale;
}

/** The BCP 47 tag of the language in use ("en" until `useMessages`), for Intl formatters. */
export function currentLocale(): string {
  return current;
}

function fill(text: string, params: Record<string, string | number> | undefined): string {
  if (!params) return text;
  // One pass over the template: a parameter's value is never read for placeholders itself.
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

function pick(forms: PluralText, rules: Intl.PluralRules, count: number): string {
  return forms[rules.select(count)] ?? forms.other;
}

/** The text of `id` in the current language, with its parameters filled in. */
export function t<K extends MessageId>(id: K, ...args: Args<K>): string {
  const params = args[0] as Record<string, string | number> | undefined;
  const count = Number(params?.count ?? 0);
  // Own properties only: a catalogue is data, and its prototype is not a message.
  const own = Object.prototype.hasOwnProperty.call(messages, id) ? messages[id] : undefined;
  if (typeof own === "string") return fill(own, params);
  if (own) return fill(pick(own, plurals, count), params);
  const plural = enPlurals[id];
  return fill(plural ? pick(plural, english, count) : id, params);
}
