/** server/domain/cursor.ts: opaque thread-page cursors bound to their sort. */
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../server/domain/cursor.js";

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

describe("thread cursors", () => {
  it("round-trips for newest and oldest", () => {
    for (const sort of ["newest", "oldest"] as const) {
      expect(decodeCursor(encodeCursor({ createdSeq: 42 }, sort), sort)).toEqual({
        createdSeq: 42,
      });
    }
  });

  it("round-trips for top, with the score (negative and zero too)", () => {
    for (const score of [7, 0, -3]) {
      expect(decodeCursor(encodeCursor({ createdSeq: 9, score }, "top"), "top")).toEqual({
        createdSeq: 9,
        score,
      });
    }
    // A top cursor made without a score starts from 0.
    expect(decodeCursor(encodeCursor({ createdSeq: 9 }, "top"), "top")).toEqual({
      createdSeq: 9,
      score: 0,
    });
  });

  it("is URL-safe text", () => {
    const cursor = encodeCursor({ createdSeq: 123456789, score: -17 }, "top");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("refuses a cursor of another sort", () => {
    const newest = encodeCursor({ createdSeq: 5 }, "newest");
    expect(decodeCursor(newest, "oldest")).toBeNull();
    expect(decodeCursor(newest, "top")).toBeNull();
    expect(decodeCursor(encodeCursor({ createdSeq: 5, score: 1 }, "top"), "newest")).toBeNull();
  });

  it("refuses garbage without throwing", () => {
    const garbage = [
      "",
      "!!!",
      "not-a-cursor",
      b64("not json"),
      b64("null"),
      b64([1, 2]),
      b64({}),
      b64({ s: "newest" }),
      b64({ s: "newest", q: -1 }),
      b64({ s: "newest", q: 1.5 }),
      b64({ s: "newest", q: "5" }),
      b64({ s: "sideways", q: 5 }),
      b64({ s: "top", q: 5 }), // top without a score
      b64({ s: "top", q: 5, sc: 0.5 }),
    ];
    for (const text of garbage) {
      for (const sort of ["newest", "oldest", "top"] as const) {
        expect(decodeCursor(text, sort), `${text} as ${sort}`).toBeNull();
      }
    }
  });
});
