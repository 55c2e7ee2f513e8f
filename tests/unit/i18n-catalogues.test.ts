/**
 * The shipped catalogues against client/i18n/en.ts: each complete (every English id, none
 * unknown, the same placeholders, every plural category its language uses), in one register, and
 * written by the build as files that parse back to the same messages. The checker itself is
 * tested on broken catalogues, so a green run means something.
 */
import { afterEach, describe, expect, it } from "vitest";
import { catalogues } from "../../client/i18n/catalogues/index.js";
import { checkCatalogue } from "../../client/i18n/catalogues/check.js";
import { parseCatalogue } from "../../client/i18n/catalogue.schema.js";
import { localeDefine, localeFiles } from "../../client/i18n/locales.vite.js";
import { t, useMessages, type Messages } from "../../client/i18n/translate.js";
import { catalogueProblems } from "../../scripts/check-catalogues.js";

describe("shipped catalogues", () => {
  afterEach(() => useMessages("en", {}));

  it("are the seven languages of issue 13", () => {
    expect(Object.keys(catalogues).sort()).toEqual(["ar", "de", "es", "fr", "it", "nl", "pl"]);
  });

  for (const [tag, messages] of Object.entries(catalogues)) {
    it(`${tag}: every English id, no other, same placeholders, all plural categories`, () => {
      expect(checkCatalogue(tag, messages)).toEqual([]);
    });
  }

  it("keep one register each (de Sie, fr vous, es tú, it tu, nl je)", () => {
    // Whole words, letters with accents included ("n’êtes" holds no "tes").
    const any = (...list: string[]) =>
      new RegExp(`(?<![\\p{L}’'])(${list.join("|")})(?!\\p{L})`, "u");
    const words = (tag: string) =>
      Object.values(catalogues[tag] ?? {})
        .flatMap((v) => (typeof v === "string" ? [v] : Object.values(v)))
        .join(" | ");
    expect(words("de")).not.toMatch(any("du", "Du", "dich", "dir", "dein", "deine", "deinen"));
    expect(words("de")).toMatch(any("Sie", "Ihr", "Ihre", "Ihren"));
    expect(words("fr")).not.toMatch(any("tu", "toi", "ton", "ta", "tes", "Tu"));
    expect(words("fr")).toMatch(any("vous", "votre", "Vous"));
    expect(words("es")).not.toMatch(any("usted", "Usted", "su comentario"));
    expect(words("es")).toMatch(any("tu", "Tu", "te"));
    expect(words("it")).not.toMatch(any("Lei", "Suo", "Sua"));
    expect(words("it")).toMatch(any("tuo", "tua", "ti"));
    expect(words("nl")).not.toMatch(any("u", "uw", "U", "Uw"));
    expect(words("nl")).toMatch(any("je", "jij", "Je"));
  });

  it("speak Arabic's six plural forms and Polish's four", () => {
    useMessages("ar", catalogues.ar ?? {});
    const ar = (count: number) => t("{count} Comments", { count });
    expect([0, 1, 2, 3, 11, 100].map(ar)).toEqual([
      "لا تعليقات",
      "تعليق واحد",
      "تعليقان",
      "3 تعليقات",
      "11 تعليقًا",
      "100 تعليق",
    ]);
    useMessages("pl", catalogues.pl ?? {});
    const pl = (count: number) => t("{count} Comments", { count });
    expect([1, 2, 5, 22, 25, 1.5].map(pl)).toEqual([
      "1 komentarz",
      "2 komentarze",
      "5 komentarzy",
      "22 komentarze",
      "25 komentarzy",
      "1.5 komentarza",
    ]);
  });

  it("are written by the build as JSON that parses back to the same messages", () => {
    const files = localeFiles();
    const define = JSON.parse(localeDefine().__PARLEY_LOCALES__ ?? "null") as string;
    const [tags, hash] = define.split(".");
    expect(tags?.split(" ").sort()).toEqual(Object.keys(catalogues).sort());
    expect(hash).toMatch(/^[0-9a-f]{10}$/);
    for (const { tag, file, json } of files) {
      expect(file).toBe(`${tag}.${hash}.json`);
      expect({ ...parseCatalogue(JSON.parse(json)) }).toEqual(catalogues[tag]);
    }
  });

  it("the script lists nothing for the shipped ones and names an unknown tag", () => {
    const problems = catalogueProblems([]);
    expect(Object.values(problems).flat()).toEqual([]);
    expect(catalogueProblems(["xx"])).toEqual({ xx: ['no catalogue "xx"'] });
  });
});

describe("the catalogue check", () => {
  const de = catalogues.de ?? {};

  it("names a missing id, an unknown one, and wrong placeholders", () => {
    const { "Sort by": _gone, ...rest } = de;
    const broken = {
      ...rest,
      "Sort by (typo)": "Sortieren",
      "Commenting as {name}": "Sie kommentieren als {nom}",
      "On {title}": "Zu diesem Artikel",
    } as Messages;
    expect(checkCatalogue("de", broken)).toEqual([
      '"Sort by": missing',
      '"Commenting as {name}": unknown {nom}',
      '"Commenting as {name}": missing {name}',
      '"On {title}": missing {title}',
      '"Sort by (typo)": not an English id (en.ts)',
    ]);
  });

  it("names missing plural categories, foreign ones, and a number left out of `other`", () => {
    const broken: Messages = {
      ...catalogues.pl,
      "{count} Comments": { one: "{count} komentarz", other: "komentarze", two: "dwa" },
    };
    expect(checkCatalogue("pl", broken)).toEqual([
      '"{count} Comments": no "few" form',
      '"{count} Comments": no "many" form',
      '"{count} Comments" (other): missing {count}',
      '"{count} Comments": "two" is not a pl plural category',
    ]);
  });

  it("lets Arabic's zero, one and two forms name no number, but not few", () => {
    const forms = { ...(catalogues.ar?.["{count} Comments"] as object), few: "تعليقات" };
    expect(
      checkCatalogue("ar", { ...catalogues.ar, "{count} Comments": forms } as Messages),
    ).toEqual(['"{count} Comments" (few): missing {count}']);
  });

  it("keeps the spaces that join a fragment to a name", () => {
    const broken: Messages = { ...de, "Reply to ": "Antwort an", " commented": "kommentierte" };
    expect(checkCatalogue("de", broken)).toEqual([
      '"Reply to ": lost its trailing space',
      '" commented": runs into the name before',
    ]);
  });
});
