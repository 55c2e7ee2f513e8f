/**
 * Store contract, threads: roots in the asked order with every descendant under them, and
 * cursor paging that neither repeats nor skips a thread.
 */
import { describe, expect, it } from "vitest";
import type { Sort } from "../../shared/schemas.js";
import type { ThreadCursor } from "../../server/store/store.js";
import { anonymous, article, type GetStore, guest, post } from "./store-fixtures.js";

/** Declares the thread-listing tests inside the current describe block. */
export function describeThreadContract(get: GetStore): void {
  describe("threads", () => {
    it("gives an article never commented on no threads", async () => {
      const query = { articleId: article(), limit: 20, cursor: null, viewer: anonymous };
      for (const sort of ["newest", "oldest", "top"] as const) {
        expect(await get().listThreads({ ...query, sort })).toMatchObject({
          threads: [],
          nextCursor: null,
        });
      }
    });

    it("groups every descendant under its root, oldest first, with reply counts", async () => {
      const ann = await guest(get(), "Ann");
      const bob = await guest(get(), "Bob");
      const articleId = article();
      const say = (authorId: string, parentId: string | null = null) =>
        post(get(), { articleId, authorId, parentId }).then((r) => r.comment);
      const first = await say(ann.id);
      const second = await say(bob.id);
      const r1 = await say(bob.id, first.id);
      const r2 = await say(ann.id, second.id);
      const r1a = await say(ann.id, r1.id); // a grandchild of `first`
      const r3 = await say(bob.id, first.id);
      const r1b = await say(bob.id, r1a.id); // a great-grandchild

      const { threads, nextCursor } = await get().listThreads({
        articleId,
        sort: "newest",
        limit: 10,
        cursor: null,
        viewer: anonymous,
      });
      expect(nextCursor).toBeNull();
      expect(threads.map((t) => [t.comment.id, t.replies.map((r) => r.id)])).toEqual([
        [second.id, [r2.id]],
        [first.id, [r1.id, r1a.id, r3.id, r1b.id]],
      ]);
      const replies = threads[1]!.replies;
      expect(replies.map((r) => r.parentId)).toEqual([first.id, r1.id, first.id, r1a.id]);
      expect(replies.map((r) => r.replyCount)).toEqual([1, 1, 0, 0]);
      expect(threads[1]!.comment.replyCount).toBe(2);
      // The wire shape only: server-only fields stay inside the store.
      for (const c of [threads[1]!.comment, ...replies]) {
        expect(Object.keys(c).sort()).toEqual(
          [
            "author",
            "articleId",
            "body",
            "createdAt",
            "editedAt",
            "editedBy",
            "id",
            "parentId",
            "replyCount",
            "score",
            "seq",
            "status",
          ].sort(),
        );
      }
      expect((await get().getArticle(articleId)).commentCount).toBe(7);
    });

    describe("pages through every root exactly once", () => {
      const cases: [Sort, (seqs: number[]) => number[]][] = [
        ["newest", (seqs) => [...seqs].reverse()],
        ["oldest", (seqs) => seqs],
        // Equal scores (nothing is voted here): newest first among them.
        ["top", (seqs) => [...seqs].reverse()],
      ];
      for (const [sort, expected] of cases) {
        it(`sort=${sort}`, async () => {
          const author = await guest(get());
          const articleId = article();
          const rootSeqs: number[] = [];
          for (let i = 0; i < 7; i++) {
            const { comment } = await post(get(), { articleId, authorId: author.id });
            rootSeqs.push(comment.seq);
            // A reply between roots, so created seqs of roots are not contiguous.
            if (i % 3 === 0) {
              await post(get(), { articleId, authorId: author.id, parentId: comment.id });
            }
          }
          const seen: number[] = [];
          let cursor: ThreadCursor | null = null;
          let pages = 0;
          do {
            const page = await get().listThreads({
              articleId,
              sort,
              limit: 3,
              cursor,
              viewer: anonymous,
            });
            pages += 1;
            seen.push(...page.threads.map((t) => t.comment.seq));
            expect(page.threads.length).toBe(page.nextCursor ? 3 : 1);
            cursor = page.nextCursor;
          } while (cursor && pages < 10);
          expect(pages).toBe(3);
          expect(seen).toEqual(expected(rootSeqs));
        });
      }
    });
  });
}
