/**
 * A published comment as the embed receives it, for unit tests of the embed's state and sync:
 * only `id` and `seq` matter to them, the rest is a plausible guest's comment.
 */
import type { Comment } from "../../shared/schemas.js";

/** Comment `id` on article "a1" at `seq`, with any field overridden by `extra`. */
export function comment(id: string, seq: number, extra: Partial<Comment> = {}): Comment {
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
    ...extra,
  };
}
