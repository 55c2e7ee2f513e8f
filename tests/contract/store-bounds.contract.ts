/**
 * Store contract, bounded reads: a thread's replies come a page at a time (the rest through
 * listReplies, each exactly once), and threads and changes pages are cut by bytes, so paging on
 * still sees every comment once.
 */
import { describe, expect, it } from "vitest";
import { jsonBytes } from "../../server/store/byte-cut.js";
import type { ThreadCursor } from "../../server/store/store.js";
import { anonymous, article, type GetStore, guest, post, viewerOf } from "./store-fixtures.js";

/** A body of `n` characters that JSON escapes to six bytes each: the worst a guest can send. */
const hostileBody = (n: number) => "\u0001".repeat(n);

/** Declares the bounded-read tests inside the current describe block. */
export function describeBoundsContract(get: GetStore): void {
  describe("bounded reads", () => {
    it("gives a thread its first replies and the rest through listReplies, each once", async () => {
      const author = await guest(get());
      const articleId = article();
      const root = (await post(get(), { articleId, authorId: author.id })).comment;
      const replies: string[] = [];
      let parentId = root.id;
      for (let i = 0; i < 7; i++) {
        const { comment } = await post(get(), { articleId, authorId: author.id, parentId });
        replies.push(comment.id);
        if (i % 2 === 0) parentId = comment.id; // nested and flat replies alike
      }
      const { threads } = await get().listThreads({
        articleId,
        sort: "newest",
        limit: 10,
        cursor: null,
        viewer: anonymous,
        repliesLimit: 3,
      });
      expect(threads).toHaveLength(1);
      const [thread] = threads;
      expect(thread!.replies.map((r) => r.id)).toEqual(replies.slice(0, 3));
      expect(thread!.moreReplies).toBe(4);
      expect(thread!.repliesAfter).not.toBeNull();

      const seen = thread!.replies.map((r) => r.id);
      let after = thread!.repliesAfter;
      let pages = 0;
      while (after !== null && pages < 10) {
        const page = await get().listReplies({
          rootId: root.id,
          after,
          limit: 3,
          viewer: anonymous,
        });
        seen.push(...page.replies.map((r) => r.id));
        after = page.repliesAfter;
        pages += 1;
      }
      expect(pages).toBe(2);
      expect(seen).toEqual(replies);
      // From the start, with no replies left after the last one.
      const all = await get().listReplies({
        rootId: root.id,
        after: root.seq,
        limit: 100,
        viewer: anonymous,
      });
      expect(all.replies.map((r) => r.id)).toEqual(replies);
      expect(all.repliesAfter).toBeNull();
    });

    it("shows a reader's own pending reply in the replies pages, and hides it from others", async () => {
      const author = await guest(get());
      const other = await guest(get());
      const articleId = article();
      const root = (await post(get(), { articleId, authorId: author.id })).comment;
      const held = (
        await post(get(), { articleId, authorId: other.id, parentId: root.id, status: "pending" })
      ).comment;
      const q = { rootId: root.id, after: root.seq, limit: 10 };
      const mine = await get().listReplies({ ...q, viewer: viewerOf(other) });
      expect(mine.replies.map((r) => r.id)).toEqual([held.id]);
      expect((await get().listReplies({ ...q, viewer: anonymous })).replies).toEqual([]);
    });

    it("cuts threads pages by bytes and pages through every thread and reply once", async () => {
      const author = await guest(get());
      const articleId = article();
      const roots: string[] = [];
      for (let i = 0; i < 6; i++) {
        const { comment } = await post(get(), {
          articleId,
          authorId: author.id,
          body: hostileBody(2000),
        });
        roots.push(comment.id);
        for (let j = 0; j < 3; j++) {
          await post(get(), {
            articleId,
            authorId: author.id,
            parentId: comment.id,
            body: hostileBody(2000),
          });
        }
      }
      const maxBytes = 40_000; // about three 12 KB comments
      const seen: string[] = [];
      let cursor: ThreadCursor | null = null;
      let pages = 0;
      do {
        const page = await get().listThreads({
          articleId,
          sort: "oldest",
          limit: 20,
          cursor,
          viewer: anonymous,
          maxBytes,
        });
        expect(jsonBytes(page.threads)).toBeLessThanOrEqual(maxBytes);
        expect(page.bytes).toBeGreaterThanOrEqual(jsonBytes(page.threads));
        expect(page.threads.length).toBeGreaterThan(0);
        for (const t of page.threads) expect(t.replies.length + t.moreReplies).toBe(3);
        seen.push(...page.threads.map((t) => t.comment.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(seen).toEqual(roots);
      expect(pages).toBeGreaterThan(1);
    });

    it("cuts changes by bytes with hasMore, so paging on completes the catch-up", async () => {
      const author = await guest(get());
      const articleId = article();
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        ids.push(
          (await post(get(), { articleId, authorId: author.id, body: hostileBody(3000) })).comment
            .id,
        );
      }
      const maxBytes = 50_000; // two to three 18 KB comments
      const seen: string[] = [];
      let after = 0;
      let pages = 0;
      for (;;) {
        const page = await get().listChanges({
          articleId,
          after,
          limit: 500,
          viewer: anonymous,
          maxBytes,
        });
        expect(jsonBytes(page.changes)).toBeLessThanOrEqual(maxBytes);
        expect(page.changes.length).toBeGreaterThan(0);
        seen.push(...page.changes.map((c) => c.id));
        after = page.changes[page.changes.length - 1]!.seq;
        pages += 1;
        if (!page.hasMore || pages > 20) break;
      }
      expect(seen).toEqual(ids);
      expect(pages).toBeGreaterThanOrEqual(4);
      // The default budget (the contract's 256 KiB less an envelope) holds as well.
      const whole = await get().listChanges({ articleId, after: 0, limit: 500, viewer: anonymous });
      expect(whole.changes.length).toBe(10);
      expect(whole.hasMore).toBe(false);
    });
  });
}
