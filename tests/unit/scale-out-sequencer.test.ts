/**
 * The article sequencer: live events leave in seq order, gaps are filled from the store (at once
 * while Redis is down, after the wait otherwise), and nothing is delivered twice or lost.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type ArticleSequencerDeps,
  createArticleSequencer,
  type SequencedEvent,
} from "../../server/scale/article-sequencer.js";

const ROOM = "article:a";

describe("article sequencer", () => {
  let delivered: number[];
  let stored: number[];
  let down: boolean;
  let fetches: number[];

  const event = (seq: number, via = ""): SequencedEvent => ({
    room: ROOM,
    seq,
    deliver: () => delivered.push(via ? -seq : seq),
  });

  const make = (overrides: Partial<ArticleSequencerDeps> = {}) =>
    createArticleSequencer({
      hasReaders: () => true,
      fetchAfter: (_room, after) => {
        fetches.push(after);
        return Promise.resolve(stored.filter((s) => s > after).map((s) => event(s, "store")));
      },
      fillAtOnce: () => down,
      onFillError: () => undefined,
      holdMs: 250,
      ...overrides,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    delivered = [];
    stored = [];
    down = false;
    fetches = [];
  });
  afterEach(() => vi.useRealTimers());

  it("orders crossed events and reads nothing when none is missing", async () => {
    const sequencer = make();
    sequencer.accept(event(2));
    sequencer.accept(event(1));
    sequencer.accept(event(3));
    expect(delivered).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(delivered).toEqual([1, 2, 3]);
    sequencer.accept(event(5));
    sequencer.accept(event(4));
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(fetches).toEqual([]);
  });

  it("fills a gap that outlasts the wait from the store, and drops the late live copy", async () => {
    const sequencer = make();
    sequencer.accept(event(1));
    await vi.advanceTimersByTimeAsync(250);
    stored = [1, 2, 3];
    sequencer.accept(event(3));
    await vi.advanceTimersByTimeAsync(250);
    expect(delivered).toEqual([1, -2, 3]);
    sequencer.accept(event(2));
    expect(delivered).toEqual([1, -2, 3]);
  });

  it("skips seqs the store does not show (a held comment) after the wait", async () => {
    const sequencer = make();
    sequencer.accept(event(1));
    await vi.advanceTimersByTimeAsync(250);
    stored = [1, 3];
    sequencer.accept(event(3));
    await vi.advanceTimersByTimeAsync(250);
    expect(delivered).toEqual([1, 3]);
  });

  it("fills at once while Redis is down, and settles events that came during the read", async () => {
    const sequencer = make();
    sequencer.accept(event(1));
    await vi.advanceTimersByTimeAsync(250);
    down = true;
    stored = [1, 2, 3, 4, 5];
    sequencer.accept(event(3));
    sequencer.accept(event(5));
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([1, -2, 3, -4, 5]);
    expect(fetches).toEqual([1, 3]);
  });

  it("delivers what it holds, in order, when the store cannot be read either", async () => {
    const sequencer = make({ fetchAfter: () => Promise.reject(new Error("store down")) });
    down = true;
    sequencer.accept(event(1));
    sequencer.accept(event(4));
    sequencer.accept(event(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([1, 3, 4]);
    sequencer.accept(event(2));
    expect(delivered).toEqual([1, 3, 4, 2]);
  });

  it("keeps no state for a room without readers here", async () => {
    const sequencer = make({ hasReaders: () => false });
    sequencer.accept(event(2));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(delivered).toEqual([]);
  });

  it("starts a new room at its baseline without waiting, late older events first", async () => {
    const sequencer = make();
    sequencer.accept(event(5));
    sequencer.accept(event(7));
    sequencer.baseline(ROOM, 6);
    expect(delivered).toEqual([5, 7]);
    sequencer.accept(event(8));
    expect(delivered).toEqual([5, 7, 8]);
    expect(fetches).toEqual([]);
    // A baseline that comes after the room's first delivery changes nothing.
    sequencer.baseline(ROOM, 2);
    sequencer.accept(event(9));
    expect(delivered).toEqual([5, 7, 8, 9]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetches).toEqual([]);
  });
});
