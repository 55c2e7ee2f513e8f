/**
 * The embed's HTTP fallback on its own (client/services/http-follow.service.ts), on fake timers: it
 * waits before reading, reads from the last seq held (paging through `hasMore`, never trusting the
 * answer's `lastSeq`), stops when the socket connects, waits out `Retry-After`, slows down after
 * failures and garbage, and skips reads while the page is hidden. The browser side is
 * tests/e2e/http-fallback.test.ts.
 */
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../client/net/api.client.js";
import type { ParleySocket } from "../../client/net/socket.client.js";
import { followOverHttp, FALLBACK_AFTER_MS } from "../../client/services/http-follow.service.js";
import { ThreadState } from "../../client/state/thread.state.js";
import { pollSeconds } from "../../client/wiring/http-follow.wiring.js";
import type { Comment } from "../../shared/schemas.js";
import { comment } from "../helpers/comments.js";

const INTERVAL_MS = 15_000;

type Page = { articleId: string; lastSeq: number; changes: Comment[]; hasMore: boolean };
type Answer = Page | Error;

/** A socket that never connects until told, an API answering from a queue, a page that can hide. */
function setUp(intervalMs = INTERVAL_MS) {
  const socket = Object.assign(new EventEmitter(), { connected: false });
  const answers: Answer[] = [];
  const afters: number[] = [];
  /** When each read was asked for (the fake clock). */
  const times: number[] = [];
  const api = {
    changes: vi.fn((_articleId: string, after: number) => {
      afters.push(after);
      times.push(Date.now());
      const next = answers.shift() ?? { articleId: "a1", lastSeq: 0, changes: [], hasMore: false };
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    }),
  };
  const page = Object.assign(new EventTarget(), { hidden: false });
  const state = new ThreadState();
  const shown: string[] = [];
  const modes: boolean[] = [];
  const follow = followOverHttp({
    socket: socket as unknown as ParleySocket,
    api,
    articleId: "a1",
    state,
    apply: (c) => {
      if (state.accept(c) !== "stale") shown.push(c.id);
    },
    delayed: (reading) => modes.push(reading),
    intervalMs,
    page,
  });
  return { socket, answers, afters, times, api, page, state, shown, modes, follow };
}

const page = (changes: Comment[], hasMore = false, lastSeq = 999): Page => ({
  articleId: "a1",
  lastSeq,
  changes,
  hasMore,
});

describe("following an article over HTTP while the socket is blocked", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits about 10 s without a socket, then reads from the last seq held", async () => {
    const s = setUp();
    s.state.noteSeq(7);
    s.follow.start();
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 0.8 - 1);
    expect(s.api.changes).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 0.4 + 2);
    expect(s.afters).toEqual([7]);
    expect(s.modes).toEqual([true]);
    // And again about one interval later.
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 1.2 + 1);
    expect(s.afters).toEqual([7, 7]);
  });

  it("never reads while the socket is connected", async () => {
    const s = setUp();
    s.socket.connected = true;
    s.follow.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(s.api.changes).not.toHaveBeenCalled();
  });

  it("pages through hasMore by the seqs received, not the answer's lastSeq, and applies once", async () => {
    const s = setUp();
    s.answers.push(
      page([comment("c1", 1), comment("c2", 2)], true, 50),
      page([comment("c2", 2), comment("c3", 3)], false, 50),
      page([comment("c3", 3)], false, 50),
    );
    s.follow.start();
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 1.2 + 1);
    expect(s.afters).toEqual([0, 2]);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 1.2 + 1);
    // The answer said lastSeq 50, but only seq 3 was received: the next read asks after 3.
    expect(s.afters).toEqual([0, 2, 3]);
    expect(s.shown).toEqual(["c1", "c2", "c3"]);
  });

  it("stops as soon as the socket connects, and starts again after it drops", async () => {
    const s = setUp();
    s.follow.start();
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 1.2 + 1);
    expect(s.api.changes).toHaveBeenCalledTimes(1);
    s.socket.connected = true;
    s.socket.emit("connect");
    expect(s.modes).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(s.api.changes).toHaveBeenCalledTimes(1);
    s.socket.connected = false;
    s.socket.emit("disconnect", "transport close");
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 1.2 + 1);
    expect(s.api.changes).toHaveBeenCalledTimes(2);
  });

  it("waits out a 429's Retry-After, and stays 'delayed' (the server answered)", async () => {
    const s = setUp();
    s.answers.push(new ApiError(429, "rate_limited", "slow down", 120));
    s.follow.start();
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 1.2 + 1);
    expect(s.api.changes).toHaveBeenCalledTimes(1);
    expect(s.modes).toEqual([true]);
    await vi.advanceTimersByTimeAsync(180_001);
    const [first = 0, second = 0] = s.times;
    expect(second - first).toBeGreaterThanOrEqual(120_000);
  });

  it("does not take an absurd Retry-After at its word: ten minutes at most", async () => {
    const s = setUp();
    s.answers.push(new ApiError(503, "unavailable", "busy", 86_400));
    s.follow.start();
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 1.2 + 1);
    await vi.advanceTimersByTimeAsync(600_000 * 1.25 * 1.2 + 1);
    const [first = 0, second = 0] = s.times;
    expect(second - first).toBeGreaterThanOrEqual(600_000);
    expect(second - first).toBeLessThanOrEqual(600_000 * 1.25 * 1.2);
  });

  it("slows down after failures and garbage, and says so ('offline')", async () => {
    const s = setUp();
    s.answers.push(
      new ApiError(0, "network", "unreachable"),
      new Error("an answer that failed its schema"),
    );
    s.follow.start();
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS * 1.2 + 1);
    expect(s.modes).toEqual([false]);
    // Twice the interval now: not within one interval.
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 1.2 + 1);
    expect(s.api.changes).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 1.2);
    expect(s.api.changes).toHaveBeenCalledTimes(2);
    expect(s.modes).toEqual([false, false]);
    // Four times: a good answer then eases it back a tenth at a time.
    await vi.advanceTimersByTimeAsync(4 * INTERVAL_MS * 1.2 + 1);
    expect(s.api.changes).toHaveBeenCalledTimes(3);
    expect(s.modes).toEqual([false, false, true]);
  });

  it("skips reads while the page is hidden and reads as it shows again", async () => {
    const s = setUp();
    s.page.hidden = true;
    s.follow.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(s.api.changes).not.toHaveBeenCalled();
    s.page.hidden = false;
    s.page.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.api.changes).toHaveBeenCalledTimes(1);
    // Showing again with no read missed does not read again.
    s.page.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.api.changes).toHaveBeenCalledTimes(1);
  });

  it("waits one interval instead of 10 s when the interval is shorter", async () => {
    const s = setUp(2_000);
    s.follow.start();
    await vi.advanceTimersByTimeAsync(2_000 * 1.2 + 1);
    expect(s.api.changes).toHaveBeenCalledTimes(1);
  });
});

describe("data-parley-poll-seconds", () => {
  it("takes 1 to 600 seconds and ignores anything else", () => {
    expect(pollSeconds(undefined)).toBe(15);
    expect(pollSeconds("1")).toBe(1);
    expect(pollSeconds("30")).toBe(30);
    expect(pollSeconds("600")).toBe(600);
    for (const hostile of ["", "0", "-5", "0.5", "601", "1e9", "Infinity", "NaN", "abc", "15s"]) {
      expect(pollSeconds(hostile), hostile).toBe(15);
    }
  });
});
