/**
 * server/realtime/count-coalescer.ts with fake timers: `article:updated` goes out at once, then at
 * most once per window per article, always with the newest count: with the first change after the
 * window, or by a timer one window later when none comes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCountCoalescer, type CountUpdate } from "../../server/realtime/count-coalescer.js";

const WINDOW_MS = 1000;

function setup() {
  const sent: CountUpdate[] = [];
  const coalescer = createCountCoalescer((update) => sent.push(update), WINDOW_MS);
  const change = (articleId: string, lastSeq: number, commentCount = lastSeq) =>
    coalescer.changed({ articleId, lastSeq, commentCount });
  return { sent, coalescer, change };
}

describe("count coalescer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the first change at once", () => {
    const { sent, change } = setup();
    change("a", 1);
    expect(sent).toEqual([{ articleId: "a", lastSeq: 1, commentCount: 1 }]);
  });

  it("folds changes inside the window, sent with the first change after it, at once", () => {
    const { sent, change } = setup();
    change("a", 1);
    vi.advanceTimersByTime(100);
    change("a", 2);
    change("a", 3);
    vi.advanceTimersByTime(500);
    change("a", 4);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(WINDOW_MS - 600);
    // No timer of its own at the window's end: the count rides on the next post.
    expect(sent).toHaveLength(1);
    change("a", 5);
    expect(sent.map((u) => u.lastSeq)).toEqual([1, 5]);
  });

  it("sends a folded count by a timer one window later when no change comes", () => {
    const { sent, change } = setup();
    change("a", 1);
    vi.advanceTimersByTime(100);
    change("a", 2);
    vi.advanceTimersByTime(2 * WINDOW_MS - 101);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.map((u) => u.lastSeq)).toEqual([1, 2]);
    // That send opened a window of its own: the next change is folded into it.
    change("a", 3);
    expect(sent).toHaveLength(2);
  });

  it("ignores an older seq arriving after a newer one within the window", () => {
    const { sent, change } = setup();
    change("a", 5, 5);
    change("a", 7, 6);
    change("a", 6, 5); // late, out of order
    vi.advanceTimersByTime(2 * WINDOW_MS);
    expect(sent.map((u) => [u.lastSeq, u.commentCount])).toEqual([
      [5, 5],
      [7, 6],
    ]);
  });

  it("sends nothing more after a quiet window, and the next change goes out at once", () => {
    const { sent, change } = setup();
    change("a", 1);
    vi.advanceTimersByTime(10 * WINDOW_MS);
    expect(sent).toHaveLength(1);
    change("a", 2);
    expect(sent.map((u) => u.lastSeq)).toEqual([1, 2]);
  });

  it("sends at most one update per window during a long burst, ending with the last count", () => {
    const { sent, change } = setup();
    // 100 changes, one every 50 ms: 5 seconds of a hot thread.
    for (let seq = 1; seq <= 100; seq++) {
      change("hot", seq);
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(2 * WINDOW_MS);
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)?.lastSeq).toBe(100);
    const seqs = sent.map((u) => u.lastSeq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it("keeps one window per article", () => {
    const { sent, change } = setup();
    change("a", 1);
    change("b", 1);
    change("a", 2);
    expect(sent.map((u) => u.articleId)).toEqual(["a", "b"]);
    vi.advanceTimersByTime(2 * WINDOW_MS);
    expect(sent.map((u) => `${u.articleId}${u.lastSeq}`)).toEqual(["a1", "b1", "a2"]);
  });

  it("stop() drops pending updates and their timers", () => {
    const { sent, change, coalescer } = setup();
    change("a", 1);
    change("a", 2);
    coalescer.stop();
    vi.advanceTimersByTime(10 * WINDOW_MS);
    expect(sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  // A count from an older seq arriving late (commits resolving out of order) must not overwrite
  // the newer count readers already have, even once the window has closed.
  it("never sends a count older than one already sent, even after the window", () => {
    const { sent, change } = setup();
    change("a", 9, 9);
    vi.advanceTimersByTime(2 * WINDOW_MS);
    change("a", 8, 8);
    expect(sent.map((u) => u.lastSeq)).toEqual([9]);
  });

  // With N instances each sending its own posts' counts to every reader, each window is N
  // seconds, read as it opens: a reader still gets about one update a second, not N.
  it("reads a window given as a function each time one opens", () => {
    const sent: CountUpdate[] = [];
    let instances = 2;
    const coalescer = createCountCoalescer(
      (update) => sent.push(update),
      () => WINDOW_MS * instances,
    );
    const change = (lastSeq: number) =>
      coalescer.changed({ articleId: "a", lastSeq, commentCount: lastSeq });
    const seqs = () => sent.map((u) => u.lastSeq);
    // Two instances: a window of two.
    change(1);
    change(2);
    vi.advanceTimersByTime(WINDOW_MS);
    change(3);
    expect(seqs()).toEqual([1]);
    vi.advanceTimersByTime(WINDOW_MS);
    change(4);
    expect(seqs()).toEqual([1, 4]);
    // One instance: the next window, read as it opens, is one long.
    instances = 1;
    vi.advanceTimersByTime(4 * WINDOW_MS);
    change(5);
    change(6);
    vi.advanceTimersByTime(WINDOW_MS);
    change(7);
    expect(seqs()).toEqual([1, 4, 5, 7]);
    coalescer.stop();
  });
});
