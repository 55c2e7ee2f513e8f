/**
 * The embed's one deduplication point: whatever order pages, live events, catch-up answers and the
 * poster's own answer arrive in, a comment is new once, and an older copy never wins.
 */
import { describe, expect, it } from "vitest";
import { ThreadState } from "../../client/state/thread.state.js";
import { comment } from "../helpers/comments.js";

describe("ThreadState", () => {
  it("accepts a comment once, newer versions as changes, older or equal copies as stale", () => {
    const state = new ThreadState();
    expect(state.accept(comment("c1", 3))).toBe("new");
    expect(state.accept(comment("c1", 3))).toBe("stale");
    expect(state.accept(comment("c1", 5, { body: "edited" }))).toBe("changed");
    expect(state.accept(comment("c1", 4, { body: "older" }))).toBe("stale");
    expect(state.get("c1")?.body).toBe("edited");
  });

  it("lets the author's full copy of an edit held again win over the readers' copy", () => {
    const state = new ThreadState();
    state.accept(comment("c1", 3));
    const held = { status: "pending" as const };
    expect(state.accept(comment("c1", 6, { ...held, body: "" }))).toBe("changed");
    expect(state.accept(comment("c1", 6, { ...held, body: "my new words" }))).toBe("changed");
    expect(state.accept(comment("c1", 6, { ...held, body: "" }))).toBe("stale");
    expect(state.get("c1")?.body).toBe("my new words");
  });

  it("tracks the highest seq seen as the next catch-up's `after`", () => {
    const state = new ThreadState();
    state.noteSeq(7);
    state.accept(comment("c1", 3));
    expect(state.lastSeq).toBe(7);
    state.accept(comment("c2", 9));
    expect(state.lastSeq).toBe(9);
  });

  it("finds a reply's thread root through known parents, or the nearest unknown one", () => {
    const state = new ThreadState();
    state.accept(comment("root", 1));
    state.accept(comment("r1", 2, { parentId: "root" }));
    const deep = comment("r2", 3, { parentId: "r1" });
    expect(state.rootOf(deep)).toBe("root");
    expect(state.rootOf(comment("x", 4, { parentId: "missing" }))).toBe("missing");
  });

  it("offers 'Most liked' only once some comment has a score", () => {
    const state = new ThreadState();
    state.accept(comment("c1", 1));
    expect(state.hasScores()).toBe(false);
    state.accept(comment("c2", 2, { score: 2 }));
    expect(state.hasScores()).toBe(true);
  });
});
