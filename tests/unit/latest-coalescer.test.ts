/** The per-key coalescer behind `comment:voted`, on a fake clock: first at once, then the newest per window. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLatestCoalescer } from "../../server/realtime/latest-coalescer.js";

describe("createLatestCoalescer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the first value at once and folds a burst into one update per window", () => {
    const sent: [string, number][] = [];
    const c = createLatestCoalescer<number>((key, value) => sent.push([key, value]), 250);
    for (let score = 1; score <= 100; score++) c.push("a", score);
    c.push("b", 7);
    expect(sent).toEqual([
      ["a", 1],
      ["b", 7],
    ]);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([
      ["a", 1],
      ["b", 7],
      ["a", 100],
    ]);
    // A window that took nothing closes quietly; the next value goes out at once again.
    vi.advanceTimersByTime(250);
    c.push("a", 101);
    expect(sent.at(-1)).toEqual(["a", 101]);
    expect(sent).toHaveLength(4);
  });

  it("never sends more than one update per key per window, however long the burst", () => {
    const sent: number[] = [];
    const c = createLatestCoalescer<number>((_key, value) => sent.push(value), 250);
    for (let ms = 0; ms < 1000; ms += 10) {
      c.push("hot", ms);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(500);
    expect(sent.length).toBeLessThanOrEqual(5);
    expect(sent.at(-1)).toBe(990);
  });

  it("drops pending updates on stop", () => {
    const sent: number[] = [];
    const c = createLatestCoalescer<number>((_key, value) => sent.push(value), 250);
    c.push("a", 1);
    c.push("a", 2);
    c.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([1]);
  });
});
