/**
 * The embed's catch-up over the socket (client/services/live-sync.service.ts): a join whose answer
 * has more pages goes on from the last seq received, not from the article's `lastSeq` (which
 * would skip the pages left), and applies every change once; a join the server refuses for now is
 * asked again while connected, and only then.
 */
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ParleySocket } from "../../client/net/socket.client.js";
import { syncArticle, type LiveHandlers } from "../../client/services/live-sync.service.js";
import { ThreadState } from "../../client/state/thread.state.js";
import type { Comment } from "../../shared/schemas.js";
import { comment } from "../helpers/comments.js";

const joined = (changes: Comment[], hasMore: boolean) => ({
  ok: true,
  articleId: "a1",
  commentCount: 9,
  lastSeq: 9,
  serverTime: "2026-11-28T12:00:00.000Z",
  changes,
  hasMore,
});

describe("catching up over the socket", () => {
  it("pages on from the last seq received while the answer has more", async () => {
    const answers = [
      joined([comment("c1", 1), comment("c2", 2)], true),
      joined([comment("c3", 3)], false),
    ];
    const afters: unknown[] = [];
    const socket = Object.assign(new EventEmitter(), {
      connected: true,
      timeout: () => ({
        emitWithAck: (_event: string, payload: { after?: number }) => {
          afters.push(payload.after);
          return Promise.resolve(answers.shift() ?? joined([], false));
        },
      }),
    });
    const state = new ThreadState();
    const shown: string[] = [];
    let live = false;
    const handled: Partial<LiveHandlers> = {
      apply: (c) => {
        if (state.accept(c) !== "stale") shown.push(c.id);
      },
      joined: () => {
        live = true;
      },
    };
    // Every other handler does nothing (a proxy, so handlers added later need no change here).
    const on = new Proxy(handled, {
      get: (target, key: keyof LiveHandlers) => target[key] ?? (() => undefined),
    }) as LiveHandlers;
    const { catchUp } = syncArticle(socket as unknown as ParleySocket, "a1", state, on);
    await catchUp();
    expect(afters).toEqual([0, 2]);
    expect(shown).toEqual(["c1", "c2", "c3"]);
    expect(live).toBe(true);
    // Once the last page is in, the article's lastSeq is where the next catch-up starts.
    expect(state.lastSeq).toBe(9);
  });
});

const refused = (code: string) => ({ ok: false, error: { code, message: `refused: ${code}` } });

/** A connected fake socket answering joins from `answers` (then a plain ok), and what it saw. */
function refusingSocket(answers: unknown[]) {
  const afters: unknown[] = [];
  const socket = Object.assign(new EventEmitter(), {
    connected: true,
    timeout: () => ({
      emitWithAck: (_event: string, payload: { after?: number }) => {
        afters.push(payload.after);
        return Promise.resolve(answers.shift() ?? joined([], false));
      },
    }),
  });
  const events: string[] = [];
  const state = new ThreadState();
  const handled: Partial<LiveHandlers> = {
    apply: (c) => void state.accept(c),
    joined: () => void events.push("joined"),
    delayed: () => void events.push("delayed"),
  };
  const on = new Proxy(handled, {
    get: (target, key: keyof LiveHandlers) => target[key] ?? (() => undefined),
  }) as LiveHandlers;
  const { catchUp } = syncArticle(socket as unknown as ParleySocket, "a1", state, on);
  return { socket, afters, events, catchUp };
}

describe("a refused join", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is asked again from the last seq received until it is accepted, then no more", async () => {
    vi.useFakeTimers();
    const { afters, events, catchUp } = refusingSocket([
      joined([comment("c1", 1), comment("c2", 2)], true),
      refused("unavailable"),
      refused("rate_limited"),
      joined([comment("c3", 3)], false),
    ]);
    await catchUp();
    expect(events).toEqual(["delayed"]);
    await vi.runOnlyPendingTimersAsync();
    expect(events).toEqual(["delayed", "delayed"]);
    await vi.runOnlyPendingTimersAsync();
    expect(events).toEqual(["delayed", "delayed", "joined"]);
    // The first page's seqs are kept: every retry goes on from seq 2, not from the start.
    expect(afters).toEqual([0, 2, 2, 2]);
    // Accepted: nothing is left to fire.
    expect(vi.getTimerCount()).toBe(0);
  });

  it("is retried after a timed-out or failing ack", async () => {
    vi.useFakeTimers();
    const { afters, events, catchUp } = refusingSocket([
      Promise.reject(new Error("operation has timed out")),
      refused("internal"),
    ]);
    await catchUp();
    await vi.runOnlyPendingTimersAsync();
    await vi.runOnlyPendingTimersAsync();
    expect(events).toEqual(["delayed", "delayed", "joined"]);
    expect(afters).toEqual([0, 0, 0]);
  });

  it("is not retried once the socket is gone: the reconnect joins anyway", async () => {
    vi.useFakeTimers();
    const { socket, afters, catchUp } = refusingSocket([refused("unavailable")]);
    await catchUp();
    expect(vi.getTimerCount()).toBe(1);
    socket.connected = false;
    socket.emit("disconnect", "transport close");
    await vi.runAllTimersAsync();
    expect(afters).toEqual([0]);
  });

  it("is not retried when it can never succeed", async () => {
    vi.useFakeTimers();
    for (const code of ["forbidden", "invalid_input", "not_found"]) {
      const { afters, events, catchUp } = refusingSocket([refused(code)]);
      await catchUp();
      expect(vi.getTimerCount()).toBe(0);
      expect(afters).toEqual([0]);
      expect(events).toEqual([]);
    }
  });
});
