/**
 * Guards on the embed's stylesheet as a whole (styles.ts plus every style module it concatenates):
 * the public `--parley-*` tokens are all declared for the rules inside, nothing but the theme
 * declares a colour, every token a rule uses exists (a typo would silently void a declaration),
 * and no inline-axis property is physical, so a right-to-left root mirrors everything.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { adoptStyles } from "../../client/views/styles.js";

/** The names other parts of the embed rely on (docs/embed.md, Theming). */
const REQUIRED = [
  "--parley-color-text",
  "--parley-color-muted",
  "--parley-color-bg",
  "--parley-color-surface",
  "--parley-color-border",
  "--parley-color-accent",
  "--parley-color-accent-text",
  "--parley-color-danger",
  "--parley-radius",
  "--parley-space",
  "--parley-font",
  "--parley-font-size",
];

/** Rules whose colours are not themeable on purpose: avatar hues behind white initials. */
const FIXED_COLOUR_RULES = /^(\.hue-\d+|\.avatar)$/;

/** Captures the CSS text `adoptStyles` hands to a constructed sheet (Node has no CSSOM). */
function stylesheetText(): string {
  let text = "";
  const original = (globalThis as { CSSStyleSheet?: unknown }).CSSStyleSheet;
  (globalThis as { CSSStyleSheet?: unknown }).CSSStyleSheet = class {
    replaceSync(css: string) {
      text = css;
    }
  };
  try {
    adoptStyles({ adoptedStyleSheets: [] } as unknown as ShadowRoot);
  } finally {
    (globalThis as { CSSStyleSheet?: unknown }).CSSStyleSheet = original;
  }
  return text;
}

/** Innermost `selector{declarations}` pairs (rules inside @media included, @media itself not). */
function rules(css: string): { selector: string; body: string }[] {
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selector: (m[1] ?? "").trim(),
    body: m[2] ?? "",
  }));
}

describe("embed stylesheet", () => {
  let css = "";
  beforeAll(() => {
    css = stylesheetText();
  });

  it("declares every public token inside the section, from the private theme values", () => {
    const root = rules(css).find((rule) => rule.selector === ".parley");
    for (const name of REQUIRED) expect(root?.body, name).toMatch(new RegExp(`${name}:var\\(`));
    // Both ways of asking for dark: the attribute and the preference (unless forced light).
    expect(css).toContain(":host([data-parley-theme=dark]){color-scheme:dark;");
    expect(css).toContain(
      "@media (prefers-color-scheme:dark){:host(:not([data-parley-theme=light])){color-scheme:dark;",
    );
  });

  it("uses only tokens that exist", () => {
    const declared = new Set([...css.matchAll(/(--[\w-]+):/g)].map((m) => m[1]));
    const used = [...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1] ?? "");
    // Public names read on :host come from the host page; everything else must be declared here.
    const missing = used.filter((name) => !declared.has(name) && !/^--parley-/.test(name));
    expect(missing).toEqual([]);
    const publicUsedInRules = rules(css)
      .filter((rule) => !rule.selector.startsWith(":host"))
      .flatMap((rule) => [...rule.body.matchAll(/var\((--parley-[\w-]+)\)/g)].map((m) => m[1]));
    expect(publicUsedInRules.filter((name) => !declared.has(name))).toEqual([]);
  });

  it("takes every colour from the theme", () => {
    const literal = rules(css)
      .filter(
        (rule) => !rule.selector.startsWith(":host") && !FIXED_COLOUR_RULES.test(rule.selector),
      )
      .filter((rule) => /#[0-9a-f]{3,8}\b|(?<![\w-])(?:white|black)(?![\w-])/i.test(rule.body))
      .map((rule) => rule.selector);
    expect(literal).toEqual([]);
  });

  it("has no physical inline-axis property", () => {
    const physical =
      /(?:^|;)\s*(?:(?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right)\s*:|(?:text-align|float|clear)\s*:\s*(?:left|right)/;
    const offenders = rules(css)
      .filter((rule) => physical.test(rule.body))
      .map((rule) => `${rule.selector}{${rule.body}}`);
    expect(offenders).toEqual([]);
  });
});
