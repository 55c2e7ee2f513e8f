/**
 * server/domain/banned-words.rules.ts: banned words matched on a normalised form, so invisible
 * characters, look-alike letters, compatibility forms and letters spelled apart do not get past
 * them, while the whole-word rule still keeps ordinary words ("scampi") clear.
 */
import { describe, expect, it } from "vitest";
import { findBannedWords, spacedRuns } from "../../server/domain/banned-words.rules.js";
import { decideEdit } from "../../server/domain/moderation.rules.js";
import { editTime } from "../../server/domain/comment.service.js";

const words = ["scam", "buy now"];
const found = (text: string) => findBannedWords(text, words);

describe("banned words on a normalised form", () => {
  it.each([
    ["zero-width space", "a s\u200bcam"],
    ["zero-width joiner and non-joiner", "s\u200dc\u200cam"],
    ["soft hyphen", "sc\u00adam"],
    ["word joiner", "sca\u2060m"],
    ["byte order mark", "\ufeffscam"],
    ["bidi controls", "\u202escam\u202c"],
    ["variation selector", "scam\ufe0f"],
    ["Cyrillic look-alikes", "ѕсаm"],
    ["Cyrillic whole word", "ЅСАМ"],
    ["Greek and Cyrillic mixed", "sсαm"],
    ["fullwidth letters", "ｓｃａｍ"],
    ["mathematical letters", "𝐬𝐜𝐚𝐦"],
    ["spaced letters", "this is a s c a m"],
    ["dotted letters", "s.c.a.m!"],
    ["dashed letters", "s-c-a-m"],
    ["underscored letters", "s_c_a_m"],
    ["spaced and disguised", "s c а m"],
    ["spaced with doubled gaps", "s  c  a  m"],
  ])("catches %s", (_what, text) => {
    expect(found(text)).toEqual(["scam"]);
  });

  it("catches a phrase spelled apart or with invisible characters", () => {
    expect(found("b\u200buy now")).toEqual(["buy now"]);
    expect(found("b u y n o w")).toEqual(["buy now"]);
  });

  it.each([
    ["a longer word", "scampi for dinner"],
    ["a longer word in look-alikes", "ѕсаmpi"],
    ["a word ending in it", "the Ascam project"],
    ["letters spelled apart into another word", "s c a m p i"],
    ["ordinary single letters", "I am a fan of plan B"],
    ["initials", "J. R. R. Tolkien"],
    ["a list", "a, b, c and d"],
    ["an ordinary sentence", "scams are bad but this is not one"],
    ["similar word", "I scanned it"],
  ])("leaves %s alone", (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  it("spells out runs of single letters only", () => {
    expect(spacedRuns("a s c a m here")).toEqual(["ascam"]);
    expect(spacedRuns("s.c.a.m and x-y-z")).toEqual(["scam", "xyz"]);
    expect(spacedRuns("no runs in here")).toEqual([]);
  });

  it("normalises the list too: a banned word written with look-alikes still matches", () => {
    expect(findBannedWords("a scam", ["ѕсаm"])).toEqual(["ѕсаm"]);
  });
});

describe("decideEdit", () => {
  const settings = {
    articleMode: null,
    siteMode: "post" as const,
    bannedWords: ["scam"],
    bannedWordsAction: "reject" as const,
  };
  it("applies the rules of a new comment to an author's edit", () => {
    expect(decideEdit("a s c a m", settings, "author").action).toBe("reject");
    expect(decideEdit("a ѕсаm", { ...settings, bannedWordsAction: "hold" }, "author").action).toBe(
      "hold",
    );
    expect(decideEdit("fine", { ...settings, articleMode: "pre" }, "author").action).toBe("hold");
    expect(decideEdit("fine", settings, "author").action).toBe("publish");
  });
  it("keeps the status on a moderator's edit", () => {
    expect(decideEdit("scam", { ...settings, articleMode: "pre" }, "moderator")).toEqual({
      action: "keep",
    });
  });
});

describe("editTime", () => {
  it("is strictly after the previous edit, so each version has its own editedAt", () => {
    const now = new Date("2026-12-01T00:00:00.000Z");
    expect(editTime(now, null)).toBe("2026-12-01T00:00:00.000Z");
    expect(editTime(now, "2026-12-01T00:00:00.000Z")).toBe("2026-12-01T00:00:00.001Z");
    expect(editTime(now, "2026-11-30T00:00:00.000Z")).toBe("2026-12-01T00:00:00.000Z");
  });
});
