/**
 * Thread-page cursors: opaque to clients, base64url JSON inside, bound to the sort they came from
 * so a cursor of one listing cannot be replayed against another.
 */
import { z } from "zod";
import type { Sort } from "../../shared/schemas.js";
import type { ThreadCursor } from "../store/store.js";

/**
 * Bounded to what the stores hold (a seq is a safe integer, a score PostgreSQL's 32-bit
 * `integer`): an altered cursor with a larger number must be `invalid_input`, not a database
 * error ("integer out of range") that would surface as a 500.
 */
const cursorSchema = z.object({
  s: z.enum(["newest", "oldest", "top"]),
  q: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sc: z.number().int().min(-2_147_483_648).max(2_147_483_647).optional(),
});

export function encodeCursor(cursor: ThreadCursor, sort: Sort): string {
  const body = {
    s: sort,
    q: cursor.createdSeq,
    ...(sort === "top" ? { sc: cursor.score ?? 0 } : {}),
  };
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

/** The cursor, or null when it is not one of ours for this sort. */
export function decodeCursor(text: string, sort: Sort): ThreadCursor | null {
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(text, "base64url").toString("utf8")),
    );
    if (!parsed.success || parsed.data.s !== sort) return null;
    if (sort === "top" && parsed.data.sc === undefined) return null;
    return {
      createdSeq: parsed.data.q,
      ...(parsed.data.sc !== undefined ? { score: parsed.data.sc } : {}),
    };
  } catch {
    return null;
  }
}

const repliesCursorSchema = z.object({ r: z.string().max(64), a: z.number().int().min(0) });

/** A replies cursor: bound to its thread's root, so it cannot page another thread. */
export function encodeRepliesCursor(rootId: string, after: number): string {
  return Buffer.from(JSON.stringify({ r: rootId, a: after })).toString("base64url");
}

/** The createdSeq the next replies start after, or null when the text is not a cursor of this thread. */
export function decodeRepliesCursor(text: string, rootId: string): number | null {
  try {
    const parsed = repliesCursorSchema.safeParse(
      JSON.parse(Buffer.from(text, "base64url").toString("utf8")),
    );
    return parsed.success && parsed.data.r === rootId ? parsed.data.a : null;
  } catch {
    return null;
  }
}
