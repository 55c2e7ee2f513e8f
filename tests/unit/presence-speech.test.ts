// When "N reading now" is spoken by the polite live region: the first count, then at most once a
// minute and only after a notable change (a quarter of the last count spoken, at least one).
import { describe, expect, it } from "vitest";
import { speakPolicy } from "../../client/views/presence.view.js";

describe("speakPolicy", () => {
  it("speaks the first count, then nothing within a minute however it moves", () => {
    let now = 1_000;
    const speak = speakPolicy(() => now);
    expect(speak(2)).toBe(true);
    for (const readers of [3, 9, 40, 2, 17]) {
      now += 5_000;
      expect(speak(readers)).toBe(false);
    }
  });

  it("after a minute speaks only a notable change from the count last spoken", () => {
    let now = 0;
    const speak = speakPolicy(() => now);
    expect(speak(100)).toBe(true);
    now += 61_000;
    expect(speak(120)).toBe(false);
    expect(speak(80)).toBe(false);
    expect(speak(125)).toBe(true);
    now += 30_000;
    expect(speak(200)).toBe(false);
    now += 30_000;
    expect(speak(200)).toBe(true);
  });

  it("treats a change of one as notable for small counts", () => {
    let now = 0;
    const speak = speakPolicy(() => now);
    expect(speak(2)).toBe(true);
    now += 60_000;
    expect(speak(2)).toBe(false);
    expect(speak(3)).toBe(true);
  });
});
