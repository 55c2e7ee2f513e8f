// The comment markup parser (client/views/markup.parser.ts), in Node: a table of cases that pins
// each rule, fuzzing for the invariants every body must keep, and hostile bodies at and beyond the
// maximum length that must still parse (no backtracking; the output is asserted, never the time).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.js";
import {
  MAX_DEPTH,
  parseMarkup,
  type MarkupNode,
  type MarkupSpan,
} from "../../client/views/markup.parser.js";

const ALLOWED = new Set(["strong", "em", "code", "spoiler", "blockquote", "a"]);
/** Characters the parser may drop: markers, and the line breaks and spaces around quotes. */
const MARKER_OR_SPACE = /[*_`|>\s]/g;

/** The text a reader gets from the tree (what the DOM's textContent is once spoilers open). */
function plain(nodes: MarkupNode[]): string {
  return nodes
    .map((node) =>
      typeof node === "string" ? node : node.kind === "a" ? node.text : plain(node.children),
    )
    .join("");
}

/** Throws unless the tree holds only allowed kinds, nests within bounds, and links only http(s). */
function checkTree(nodes: MarkupNode[], depth = 0, top = true): void {
  for (const node of nodes) {
    if (typeof node === "string") continue;
    expect(ALLOWED.has(node.kind)).toBe(true);
    if (node.kind === "a") {
      expect(["http:", "https:"]).toContain(new URL(node.href).protocol);
      expect(node.text).not.toMatch(/\s/);
      continue;
    }
    if (node.kind === "blockquote") expect(top).toBe(true);
    if (node.kind === "code") {
      expect(node.children).toHaveLength(1);
      expect(typeof node.children[0]).toBe("string");
    }
    const inner = node.kind === "blockquote" ? depth : depth + 1;
    expect(inner).toBeLessThanOrEqual(MAX_DEPTH);
    checkTree(node.children, inner, false);
  }
}

function isSubsequence(part: string, whole: string): boolean {
  let at = 0;
  for (const char of part) {
    at = whole.indexOf(char, at);
    if (at < 0) return false;
    at += char.length;
  }
  return true;
}

/** Every invariant at once: allowed tree, and no character lost or added except markers. */
function checkBody(body: string, lenient = false): MarkupNode[] {
  const tree = parseMarkup(body, lenient);
  checkTree(tree);
  const text = plain(tree);
  expect(text.replace(MARKER_OR_SPACE, "")).toBe(body.replace(MARKER_OR_SPACE, ""));
  expect(isSubsequence(text, body)).toBe(true);
  return tree;
}

const span =
  (kind: MarkupSpan["kind"]) =>
  (...children: MarkupNode[]): MarkupNode => ({ kind, children });
const strong = span("strong");
const em = span("em");
const spoiler = span("spoiler");
const quote = span("blockquote");
const code = (text: string) => span("code")(text);
const link = (text: string, href = text): MarkupNode => ({ kind: "a", href, text });

describe("parseMarkup: the rules, case by case", () => {
  const cases: [string, string, MarkupNode[]][] = [
    ["plain text stays one string", "Just words.\nTwo lines.", ["Just words.\nTwo lines."]],
    ["bold", "a **b** c", ["a ", strong("b"), " c"]],
    ["italic with underscores", "_b_, c", [em("b"), ", c"]],
    ["a single asterisk stays literal", "2*3*4 and *not italic*", ["2*3*4 and *not italic*"]],
    ["snake_case_words stay words", "use snake_case_words here", ["use snake_case_words here"]],
    ["dunder names stay", "__init__ and __x", ["__init__ and __x"]],
    ["@handles keep their underscores", "@_ada_ and @bob_smith_", ["@_ada_ and @bob_smith_"]],
    ["code keeps markers literal", "`a **b** _c_`", [code("a **b** _c_")]],
    ["spoiler", "It was ||the butler||.", ["It was ", spoiler("the butler"), "."]],
    ["unclosed markers stay literal", "**open and _open and `open", ["**open and _open and `open"]],
    ["empty spans stay literal", "**** || __", ["**** || __"]],
    ["a marker needs a non-space inside", "** a ** and _ b _", ["** a ** and _ b _"]],
    ["nesting", "**a _b_ c**", [strong("a ", em("b"), " c")]],
    ["spans never overlap", "**a _b** c_", [strong("a _b"), " c_"]],
    ["the first closer wins", "**a **b** c**", [strong("a **b"), " c**"]],
    ["deeper than MAX_DEPTH stays literal", "**_||`x`||_**", [strong(em(spoiler(code("x"))))]],
    [
      "a span never holds one of its kind (its first closer ends the outer one)",
      "**a **b** c** and ||x ||y|| z||",
      [strong("a **b"), " c** and ", spoiler("x ||y"), " z||"],
    ],
    ["bare links", "See https://a.example/x.", ["See ", link("https://a.example/x"), "."]],
    [
      "underscores and asterisks inside an address are the address",
      "https://a.example/_x_/y_ and _https://b.example/a_b_",
      [link("https://a.example/_x_/y_"), " and _", link("https://b.example/a_b_")],
    ],
    ["markers around an address", "**https://a.example/x**", [strong(link("https://a.example/x"))]],
    [
      "no javascript: links",
      "javascript:alert(1) and <a href=x>",
      ["javascript:alert(1) and <a href=x>"],
    ],
    ["a quote", "> said\n> this\nreply", [quote("said\nthis"), "reply"]],
    ["a quote between lines", "a\n>b\nc", ["a", quote("b"), "c"]],
    [
      "quotes hold markup",
      "> **x** https://a.example",
      [quote(strong("x"), " ", link("https://a.example", "https://a.example/"))],
    ],
    ["> only at the line start", "a > b", ["a > b"]],
    ["bold across lines", "**a\nb**", [strong("a\nb")]],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => expect(checkBody(body)).toEqual(expected));
  }

  it("in a cut preview, an open spoiler hides the rest instead of showing it", () => {
    // Open spoilers in a preview nest one per `||`: MAX_DEPTH bounds them.
    expect(checkBody("||a ||b ||c ||d ||e", true)).toEqual([
      spoiler("a ", spoiler("b ", spoiler("c ", spoiler("d ||e")))),
    ]);
    expect(checkBody("Twist: ||the butl", true)).toEqual(["Twist: ", spoiler("the butl")]);
    expect(checkBody("Twist: ||the butl")).toEqual(["Twist: ||the butl"]);
    expect(checkBody("**open ||x", true)).toEqual(["**open ", spoiler("x")]);
  });
});

/** Pieces that make the parser's life hard: markers, addresses, HTML, bidi and zero-width marks. */
const piece = fc.oneof(
  fc.constantFrom(
    "**",
    "*",
    "_",
    "`",
    "||",
    "|",
    ">",
    "> ",
    "\n",
    " ",
    "a",
    "é",
    "日本",
    "@ada_l",
    "snake_case",
    "https://a.example/x_y_",
    "http://b.example/(p)",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    '" onerror=alert(1) x="',
    "\u202e",
    "\u200b",
    "\u2066",
    "🙂",
  ),
  fc.string({ maxLength: 4, unit: "grapheme" }),
);
const body = fc.array(piece, { maxLength: 200 }).map((parts) => parts.join(""));

describe("parseMarkup: fuzzed", () => {
  it("keeps every invariant on bodies built from hostile pieces", () => {
    fc.assert(
      fc.property(body, fc.boolean(), (text, lenient) => {
        checkBody(text, lenient);
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps every invariant on arbitrary unicode", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary" }), (text) => {
        checkBody(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseMarkup: hostile bodies at the maximum length", () => {
  const max = limits.bodyMaxChars;

  it("leaves runs of one marker literal", () => {
    for (const marker of ["*", "_", "`", "|", "~"]) {
      expect(parseMarkup(marker.repeat(max))).toEqual([marker.repeat(max)]);
      expect(parseMarkup(marker.repeat(2 * max))).toEqual([marker.repeat(2 * max)]);
    }
  });

  it("parses nested and interleaved markers within the bounds", () => {
    for (const text of [
      "**_".repeat(max / 3),
      "**_**_".repeat(max / 6),
      "**_||`".repeat(max / 6),
      "_a ".repeat(max / 3),
      "**a ".repeat(max / 4),
      `${"**_||".repeat(500)}x${"||_**".repeat(500)}`,
      "> **x\n".repeat(max / 6),
      `https://a.example/${")".repeat(max)}`,
      `https://a.example/${"_*".repeat(max)}`,
    ]) {
      checkBody(text);
    }
    const nested = parseMarkup(`${"**_||".repeat(500)}x${"||_**".repeat(500)}`);
    expect(plain(nested)).toContain("x");
  });
});
