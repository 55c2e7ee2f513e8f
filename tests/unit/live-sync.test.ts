/**
 * The embed's catch-up over the socket (client/services/live-sync.service.ts): a join whose answer
 * has more pages goes on from the last seq received, not from the article's `lastSeq` (which
 * would skip the pages left), and applies every change once.
 */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { ParleySocket } from "../../client/net/socket.client.js";
import { syncArticle, type LiveHandlers } from "../../client/services/live-sync.service.js";
import { ThreadState } from "../../client/state/thread.state.js";
import type { Comment } from "../../shared/schemas.js";

function comment(id: string, seq: number): Comment {
  return {
    id,
    articleId: "a1",
    parentId: null,
    seq,
    author: { id: "u1", name: "Ada", handle: "guest_1", avatarUrl: null, role: "guest" },
    body: `body ${seq}`,
    status: "published",
    createdAt: "2026-11-28T12:00:00.000Z",
    editedAt: null,
    editedBy: null,
    replyCount: 0,
    score: 0,
  };
}

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
