/**
 * `balanced` (client/views/isolate.view.ts): user text shown in a `<bdi>` keeps every character but
 * stray isolate closers, and never leaves an isolate open, so it cannot end its `<bdi>` early or
 * keep it open past its end, whatever it holds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balanced, isolateText } from "../../client/views/isolate.view.js";

const ISOLATES = /[\u2066-\u2069]/g;

/** True when every PDI closes an isolate opened before it and none is left open. */
function paired(text: string): boolean {
  let open = 0;
  for (const mark of text.match(ISOLATES) ?? []) {
    open += mark === "\u2069" ? -1 : 1;
    if (open < 0) return false;
  }
  return open === 0;
}

describe("balanced", () => {
  it("drops a stray PDI and closes what is left open", () => {
    expect(balanced("\u2069\u202EEve")).toBe("\u202EEve");
    expect(balanced("\u2067عمر")).toBe("\u2067عمر\u2069");
    expect(balanced("a\u2066b\u2069\u2069c")).toBe("a\u2066b\u2069c");
    expect(balanced("\u202EAda \u200F")).toBe("\u202EAda \u200F");
    expect(isolateText("\u2069x")).toBe("\u2068x\u2069");
  });

  it("pairs every isolate and keeps every other character, for any text", () => {
    const char = fc.oneof(
      fc.constantFrom("\u2066", "\u2067", "\u2068", "\u2069", "\u202E", "\u202C", "\u200F"),
      fc.string({ maxLength: 3, unit: "grapheme" }),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const out = balanced(text);
        expect(paired(out)).toBe(true);
        expect(out.replace(ISOLATES, "")).toBe(text.replace(ISOLATES, ""));
        if (paired(text)) expect(out).toBe(text);
      }),
    );
  });
});
