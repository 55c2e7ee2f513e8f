/**
 * The embed's messages: English texts exactly as the browser tests and docs/protocol.md name them,
 * plurals by Intl.PluralRules, and a language lacking a message falling back to English.
 */
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.js";
import { t, useMessages, type Messages } from "../../client/i18n/translate.js";

describe("embed i18n", () => {
  afterEach(() => useMessages("en", {}));

  it("keeps the English wording, plurals included", () => {
    expect(t("Post Comment")).toBe("Post Comment");
    expect(t("{count} Comments", { count: 1 })).toBe("1 Comment");
    expect(t("{count} Comments", { count: 0 })).toBe("0 Comments");
    expect(t("{count} Comments", { count: 2 })).toBe("2 Comments");
    expect(t("{count} new comments", { count: 1 })).toBe("1 new comment");
    expect(t("Notifications, {count} unread", { count: 3 })).toBe("Notifications, 3 unread");
    expect(t("Reported {count} times", { count: 1 })).toBe("Reported 1 time");
    expect(t("Reported {count} times", { count: 4 })).toBe("Reported 4 times");
  });

  it("lists each message once", () => {
    expect(new Set(en).size).toBe(en.length);
  });

  it("fills parameters as text, never as markup, a pattern or a second placeholder", () => {
    expect(t("Commenting as {name}", { name: "<b>{count}</b>" })).toBe(
      "Commenting as <b>{count}</b>",
    );
    expect(t("{name} replied to you", { name: "$& $1 $$" })).toBe("$& $1 $$ replied to you");
    expect(t("{name} replied to you", { name: "__proto__" })).toBe("__proto__ replied to you");
  });

  it("uses another language's texts and plural rules, English for what it lacks", () => {
    const pl: Messages = {
      "{count} Comments": {
        one: "{count} komentarz",
        few: "{count} komentarze",
        many: "{count} komentarzy",
        other: "{count} komentarza",
      },
      "Post Comment": "Opublikuj",
    };
    useMessages("pl", pl);
    expect(t("{count} Comments", { count: 1 })).toBe("1 komentarz");
    expect(t("{count} Comments", { count: 3 })).toBe("3 komentarze");
    expect(t("{count} Comments", { count: 5 })).toBe("5 komentarzy");
    expect(t("Post Comment")).toBe("Opublikuj");
    expect(t("Sort by")).toBe("Sort by");
    // English plural forms, by English rules, for a plural the language lacks.
    expect(t("{count} new comments", { count: 1 })).toBe("1 new comment");
    // A plural given without the category the language asks for: its `other`.
    useMessages("pl", { "{count} Comments": { other: "{count} x" } });
    expect(t("{count} Comments", { count: 5 })).toBe("5 x");
  });

  it("makes an unknown message or a missing parameter a type error", () => {
    // @ts-expect-error: not a message
    expect(t("Post comment")).toBe("Post comment");
    // @ts-expect-error: `count` is required
    expect(typeof t("{count} Comments")).toBe("string");
    // @ts-expect-error: a catalogue may not invent ids
    useMessages("de", { "Post comment": "Kommentieren" });
  });
});
