/**
 * Choosing the page's language, its direction, and reading a fetched catalogue defensively: a
 * hostile or garbled one keeps only well-formed texts, pollutes nothing, and what it lacks shows
 * in English at run time.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseCatalogue } from "../../client/i18n/catalogue.schema.js";
import { chooseLocale, textDirection } from "../../client/i18n/locale.js";
import { currentLocale, t, useMessages } from "../../client/i18n/translate.js";

const SHIPPED = ["de", "fr", "es", "it", "pl", "nl", "ar"];

describe("chooseLocale", () => {
  const choose = (declared: (string | null | undefined)[], browser: string[] = []) =>
    chooseLocale(declared, browser, SHIPPED);

  it("takes the element's locale, else the page's, matched by language subtag", () => {
    expect(choose(["de-AT", "fr"])).toBe("de");
    expect(choose([undefined, "fr-CA"], ["de"])).toBe("fr");
    expect(choose(["", "ar-EG"])).toBe("ar");
    expect(choose(["  PL-pl "])).toBe("pl");
    expect(choose(["de_CH"])).toBe("de");
    expect(choose(["en-GB"], ["de"])).toBe("en");
  });

  it("gives English for a declared language Parley does not ship, not the browser's", () => {
    expect(choose(["zh-TW", "zh"], ["pl-PL"])).toBe("en");
    expect(choose(["x"], ["de"])).toBe("en");
  });

  it("walks the browser's languages when the page declares none", () => {
    expect(choose([undefined, ""], ["zh-TW", "nl-BE", "de"])).toBe("nl");
    expect(choose([null, "   "], ["en-US", "de"])).toBe("en");
    expect(choose([], ["ja"])).toBe("en");
    expect(choose([], [])).toBe("en");
  });
});

describe("textDirection", () => {
  it("is rtl for Arabic (any region) and the other right-to-left scripts, else ltr", () => {
    expect(["ar", "ar-EG", "he", "fa-IR", "ur"].map(textDirection)).toEqual(Array(5).fill("rtl"));
    expect(["en", "de-AT", "pl", "", "arn"].map(textDirection)).toEqual(Array(5).fill("ltr"));
  });
});

describe("parseCatalogue", () => {
  afterEach(() => useMessages("en", {}));

  it("is empty for anything that is not an object", () => {
    for (const data of [null, undefined, "Kommentar", 42, true]) {
      expect(Object.keys(parseCatalogue(data))).toEqual([]);
    }
  });

  it("keeps texts and plurals with `other`; drops numbers, nested junk and huge texts", () => {
    const parsed = parseCatalogue({
      Reply: "Antworten",
      Edit: 5,
      Delete: ["Löschen"],
      Save: { one: "x" },
      Cancel: { other: { deep: "x" } },
      "Sort by": "x".repeat(1001),
      "{count} Comments": { one: "{count} Kommentar", other: "{count} Kommentare" },
      ["y".repeat(301)]: "too long an id",
    });
    expect({ ...parsed }).toEqual({
      Reply: "Antworten",
      "{count} Comments": { one: "{count} Kommentar", other: "{count} Kommentare" },
    });
  });

  it("pollutes no prototype, and a catalogue's `__proto__` or `constructor` is never a message", () => {
    const parsed = parseCatalogue(
      JSON.parse(
        '{"__proto__": {"Sort by": "vergiftet"}, "constructor": "x", "Reply": "Antworten"}',
      ),
    );
    expect(({} as Record<string, unknown>)["Sort by"]).toBeUndefined();
    useMessages("de", parsed);
    expect(t("Sort by")).toBe("Sort by");
    expect(t("Reply")).toBe("Antworten");
  });

  it("falls back to English at run time for what the catalogue lacks", () => {
    useMessages("de", parseCatalogue({ Reply: "Antworten", Newest: { other: "Neueste" } }));
    expect(currentLocale()).toBe("de");
    expect(t("Reply")).toBe("Antworten");
    expect(t("Newest")).toBe("Neueste");
    expect(t("Oldest")).toBe("Oldest");
    expect(t("{count} Comments", { count: 1 })).toBe("1 Comment");
    expect(t("{count} Comments", { count: 4 })).toBe("4 Comments");
  });

  it("leaves markup in a text as text for the views (they set textContent)", () => {
    useMessages("de", parseCatalogue({ "Post Comment": "<img src=x onerror=alert(1)>" }));
    expect(t("Post Comment")).toBe("<img src=x onerror=alert(1)>");
  });
});
