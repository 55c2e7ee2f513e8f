/** server/domain/moderation.rules.ts: banned words (whole words, case, accents) and verdicts. */
import { describe, expect, it } from "vitest";
import {
  decideNewComment,
  findBannedWords,
  foldForMatching,
  type ModerationSettings,
} from "../../server/domain/moderation.rules.js";

const settings = (over: Partial<ModerationSettings> = {}): ModerationSettings => ({
  articleMode: null,
  siteMode: "post",
  bannedWords: ["spam", "café", "c++", "buy now"],
  bannedWordsAction: "hold",
  ...over,
});

describe("findBannedWords", () => {
  const words = ["spam", "café", "c++", "buy now"];

  it("matches whole words only", () => {
    expect(findBannedWords("this is spam", words)).toEqual(["spam"]);
    expect(findBannedWords("spam, again!", words)).toEqual(["spam"]);
    expect(findBannedWords("(spam)", words)).toEqual(["spam"]);
    expect(findBannedWords("_spam_", words)).toEqual(["spam"]);
    expect(findBannedWords("spammer", words)).toEqual([]);
    expect(findBannedWords("antispam", words)).toEqual([]);
    expect(findBannedWords("spam2", words)).toEqual([]);
    expect(findBannedWords("spamé", words)).toEqual([]);
  });

  it("ignores case and accents, both in the text and in the list", () => {
    expect(findBannedWords("SPAM", words)).toEqual(["spam"]);
    expect(findBannedWords("Cafe au lait", words)).toEqual(["café"]);
    expect(findBannedWords("CAFÉ", words)).toEqual(["café"]);
    expect(findBannedWords("cafe\u0301", words)).toEqual(["café"]); // combining accent
    expect(findBannedWords("Späm", ["spam"])).toEqual(["spam"]);
    expect(foldForMatching("Crème Brûlée")).toBe("creme brulee");
  });

  it("treats a word's regex characters literally and matches phrases", () => {
    expect(findBannedWords("I like c++ a lot", words)).toEqual(["c++"]);
    expect(findBannedWords("I like cxx", words)).toEqual([]);
    expect(findBannedWords("Buy Now!", words)).toEqual(["buy now"]);
    expect(findBannedWords("buy nowhere", words)).toEqual([]);
    expect(findBannedWords("a.b", ["a.b"])).toEqual(["a.b"]);
    expect(findBannedWords("axb", ["a.b"])).toEqual([]);
  });

  it("finds nothing with an empty list or an empty word", () => {
    expect(findBannedWords("spam", [])).toEqual([]);
    expect(findBannedWords("anything", [""])).toEqual([]);
  });
});

describe("decideNewComment", () => {
  it("publishes a clean comment in post mode", () => {
    expect(decideNewComment("hello", settings(), false)).toEqual({ action: "publish" });
  });

  it("holds or rejects a banned word as the operator chose", () => {
    expect(decideNewComment("spam!", settings(), false).action).toBe("hold");
    const rejected = decideNewComment("spam!", settings({ bannedWordsAction: "reject" }), false);
    expect(rejected.action).toBe("reject");
    expect(rejected).toHaveProperty("reason");
    // A reason never repeats the banned word back to the poster.
    expect(JSON.stringify(rejected)).not.toContain("spam");
  });

  it("holds everything in pre mode, the article's mode overriding the site's", () => {
    expect(decideNewComment("hello", settings({ siteMode: "pre" }), false).action).toBe("hold");
    expect(
      decideNewComment("hello", settings({ siteMode: "pre", articleMode: "post" }), false).action,
    ).toBe("publish");
    expect(
      decideNewComment("hello", settings({ siteMode: "post", articleMode: "pre" }), false).action,
    ).toBe("hold");
  });

  it("rejects a banned word even in pre mode when the action is reject", () => {
    const s = settings({ siteMode: "pre", bannedWordsAction: "reject" });
    expect(decideNewComment("spam", s, false).action).toBe("reject");
  });

  it("always publishes a moderator's comment", () => {
    const strict = settings({ siteMode: "pre", articleMode: "pre", bannedWordsAction: "reject" });
    expect(decideNewComment("spam café", strict, true)).toEqual({ action: "publish" });
  });
});
