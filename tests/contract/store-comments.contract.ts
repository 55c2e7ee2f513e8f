/**
 * Store contract, comments: seq, idempotent posting, replies and counts, edits and removals,
 * catch-up (`listChanges`) and who sees pending comments.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import { ArticleChanged } from "../../server/store/store.js";
import {
  anonymous,
  article,
  at,
  expectAppError,
  type GetStore,
  guest,
  moderator,
  post,
  viewerOf,
} from "./store-fixtures.js";

/** Declares the comment tests inside the current describe block. */
export function describeCommentContract(get: GetStore): void {
  describe("comments", () => {
    it("stores a comment and returns it as the contract shapes it", async () => {
      const author = await guest(get(), "Mr Bell");
      const articleId = article();
      const id = newId();
      const createdAt = at();
      const result = await post(get(), { id, articleId, authorId: author.id, createdAt });
      expect(result.created).toBe(true);
      expect(result.notifications).toEqual([]);
      expect(result.article).toMatchObject({ articleId, lastSeq: 1, commentCount: 1 });
      expect(result.comment).toEqual({
        id,
        articleId,
        parentId: null,
        rootId: null,
        seq: 1,
        createdSeq: 1,
        author: {
          id: author.id,
          name: "Mr Bell",
          handle: author.handle,
          avatarUrl: null,
          role: "guest",
        },
        body: "A comment",
        status: "published",
        createdAt,
        editedAt: null,
        editedBy: null,
        replyCount: 0,
        score: 0,
        clientKey: null,
      });
      expect(await get().getComment(id)).toEqual(result.comment);
      expect(await get().getComment(`missing-${newId()}`)).toBeNull();
    });

    it("keeps a body with markup and unicode byte for byte", async () => {
      const author = await guest(get());
      const body =
        `<script>alert("x")</script> & <b>bold</b>\n"quotes" 'single'\n` +
        `Ünïcödé 日本語 עברית 👩🏽‍💻 e\u0301 \u200b\u2028end`;
      const { comment } = await post(get(), { articleId: article(), authorId: author.id, body });
      expect(comment.body).toBe(body);
      expect((await get().getComment(comment.id))?.body).toBe(body);
    });

    it("gives strictly increasing seqs per article, independent between articles", async () => {
      const author = await guest(get());
      const [a, b] = [article(), article()];
      const seqs: Record<string, number[]> = { [a]: [], [b]: [] };
      for (const articleId of [a, b, a, a, b, a]) {
        const { comment, article: stats } = await post(get(), { articleId, authorId: author.id });
        expect(stats.lastSeq).toBe(comment.seq);
        seqs[articleId]!.push(comment.seq);
      }
      expect(seqs[a]).toEqual([1, 2, 3, 4]);
      expect(seqs[b]).toEqual([1, 2]);
    });

    it("writes nothing when the article no longer is as the caller expected", async () => {
      const user = await guest(get());
      const articleId = article();
      const open = { moderation: null };
      // No row yet: a new article is open and of the site's mode, as expected.
      const first = await post(get(), { articleId, authorId: user.id, expect: open });
      expect(first.created).toBe(true);
      const again = await post(get(), { articleId, authorId: user.id, expect: open });
      expect(again.comment.seq).toBe(first.comment.seq + 1);
      await get().setArticleSettings(articleId, { moderation: "pre" });
      const key = newId();
      const stale = post(get(), { articleId, authorId: user.id, expect: open, clientKey: key });
      await expect(stale).rejects.toBeInstanceOf(ArticleChanged);
      const pre = { moderation: "pre" as const };
      await post(get(), { articleId, authorId: user.id, expect: pre, status: "pending" });
      await get().setArticleSettings(articleId, { closedAt: at() });
      await expect(post(get(), { articleId, authorId: user.id, expect: pre })).rejects.toThrow(
        ArticleChanged,
      );
      // Nothing taken: one seq per accepted post, and the refused clientKey is still free.
      const after = await get().getArticle(articleId);
      expect([after.lastSeq, after.commentCount]).toEqual([3, 2]);
      await get().setArticleSettings(articleId, { closedAt: null });
      const reused = await post(get(), { articleId, authorId: user.id, clientKey: key });
      expect(reused.created).toBe(true);
    });

    it("returns the first comment when an author posts the same clientKey again", async () => {
      const author = await guest(get());
      const other = await guest(get());
      const articleId = article();
      const clientKey = `key-${newId()}`;
      const first = await post(get(), { articleId, authorId: author.id, clientKey });
      const again = await post(get(), { articleId, authorId: author.id, clientKey, body: "2nd" });
      expect(again.created).toBe(false);
      expect(again.notifications).toEqual([]);
      expect(again.comment).toEqual(first.comment);
      expect(again.article).toEqual(first.article);
      // The key belongs to its author: someone else may use the same one.
      const theirs = await post(get(), { articleId, authorId: other.id, clientKey });
      expect(theirs.created).toBe(true);
      expect(theirs.comment.seq).toBe(2);
      expect((await get().getArticle(articleId)).commentCount).toBe(2);
    });

    it("makes exactly one comment from 10 concurrent posts with one clientKey", async () => {
      const author = await guest(get());
      const articleId = article();
      const clientKey = `key-${newId()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          post(get(), { articleId, authorId: author.id, clientKey }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.comment.id)).size).toBe(1);
      const changes = await get().listChanges({
        articleId,
        after: 0,
        limit: 50,
        viewer: anonymous,
      });
      expect(changes.changes).toHaveLength(1);
      expect(await get().getArticle(articleId)).toMatchObject({ lastSeq: 1, commentCount: 1 });
    });

    it("rejects a parent that is unknown or on another article, taking no seq", async () => {
      const author = await guest(get());
      const [a, b] = [article(), article()];
      const { comment: onB } = await post(get(), { articleId: b, authorId: author.id });
      await post(get(), { articleId: a, authorId: author.id });
      await expectAppError(
        post(get(), { articleId: a, authorId: author.id, parentId: `nope-${newId()}` }),
        "not_found",
      );
      await expectAppError(
        post(get(), { articleId: a, authorId: author.id, parentId: onB.id }),
        "not_found",
      );
      expect(await get().getArticle(a)).toMatchObject({ lastSeq: 1, commentCount: 1 });
      expect(await get().getArticle(b)).toMatchObject({ lastSeq: 1, commentCount: 1 });
    });

    it("counts published comments only; removal blanks the body and takes a new seq", async () => {
      const author = await guest(get());
      const articleId = article();
      const { comment: root } = await post(get(), { articleId, authorId: author.id });
      const { comment: reply } = await post(get(), {
        articleId,
        authorId: author.id,
        parentId: root.id,
      });
      const pending = await post(get(), { articleId, authorId: author.id, status: "pending" });
      expect(pending.article).toMatchObject({ commentCount: 2, lastSeq: 3 });
      expect((await get().getComment(root.id))?.replyCount).toBe(1);

      const removed = await get().updateComment({ id: reply.id, status: "removed" });
      expect(removed.previousStatus).toBe("published");
      expect(removed.comment).toMatchObject({ status: "removed", body: "", seq: 4, createdSeq: 2 });
      expect(removed.article).toMatchObject({ commentCount: 1, lastSeq: 4 });
      expect(removed.notifications).toEqual([]);
      expect((await get().getComment(root.id))?.replyCount).toBe(0);
      expect((await get().getComment(reply.id))?.body).toBe("");
      // A removed comment keeps its place in its thread.
      const { threads } = await get().listThreads({
        articleId,
        sort: "oldest",
        limit: 10,
        cursor: null,
        viewer: anonymous,
      });
      expect(threads[0]?.replies.map((r) => [r.id, r.status, r.body])).toEqual([
        [reply.id, "removed", ""],
      ]);
    });

    it("edits a comment under a new seq, keeping its place", async () => {
      const author = await guest(get());
      const articleId = article();
      const { comment } = await post(get(), { articleId, authorId: author.id });
      await post(get(), { articleId, authorId: author.id });
      const editedAt = at();
      const edited = await get().updateComment({ id: comment.id, body: "Edited", editedAt });
      expect(edited.comment).toMatchObject({ body: "Edited", editedAt, seq: 3, createdSeq: 1 });
      expect(edited.comment.createdAt).toBe(comment.createdAt);
      expect(edited.article).toMatchObject({ lastSeq: 3, commentCount: 2 });
      await expectAppError(get().updateComment({ id: `nope-${newId()}`, body: "x" }), "not_found");
    });

    it("records who edited, with the author's role, and keeps it through later changes", async () => {
      const author = await guest(get());
      const mod = await get().upsertExternalUser({
        id: `mod-${newId()}`,
        subject: `mod-${newId()}`,
        issuedAt: 1_800_000_000,
        name: "Mod",
        email: null,
        avatarUrl: null,
        role: "moderator",
        createdAt: at(),
      });
      const articleId = article();
      const { comment } = await post(get(), { articleId, authorId: author.id });
      expect(comment).toMatchObject({ editedBy: null, author: { role: "guest" } });
      const byMod = await get().updateComment({
        id: comment.id,
        body: "Tidied",
        editedAt: at(),
        editedBy: "moderator",
      });
      expect(byMod.comment.editedBy).toBe("moderator");
      const held = await get().updateComment({ id: comment.id, status: "pending" });
      expect(held.comment.editedBy).toBe("moderator");
      const own = await post(get(), { articleId, authorId: mod.id });
      expect(own.comment.author.role).toBe("moderator");
      const byAuthor = await get().updateComment({
        id: comment.id,
        body: "Mine",
        editedAt: at(),
        editedBy: "author",
      });
      expect((await get().getComment(comment.id))?.editedBy).toBe("author");
      expect(byAuthor.comment.editedBy).toBe("author");
    });

    it("refuses a change made for a version an edit has replaced, changing nothing", async () => {
      const author = await guest(get());
      const articleId = article();
      const { comment } = await post(get(), { articleId, authorId: author.id, status: "pending" });
      const editedAt = at();
      await get().updateComment({ id: comment.id, body: "v2", editedAt, editedBy: "author" });
      const before = await get().getComment(comment.id);
      await expectAppError(
        get().updateComment({ id: comment.id, status: "published", ifEditedAt: null }),
        "conflict",
      );
      expect(await get().getComment(comment.id)).toEqual(before);
      expect((await get().getArticle(articleId)).lastSeq).toBe(before!.seq);
      const ok = await get().updateComment({
        id: comment.id,
        status: "published",
        ifEditedAt: editedAt,
      });
      expect(ok.comment).toMatchObject({ status: "published", body: "v2" });
    });

    it("lists exactly the changes after N, in seq order, page by page", async () => {
      const author = await guest(get());
      const articleId = article();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        ids.push((await post(get(), { articleId, authorId: author.id, body: `c${i}` })).comment.id);
      }
      await get().updateComment({ id: ids[1]!, body: "edited", editedAt: at() }); // seq 8
      await get().updateComment({ id: ids[5]!, status: "removed" }); // seq 9
      const after3 = await get().listChanges({
        articleId,
        after: 3,
        limit: 100,
        viewer: anonymous,
      });
      expect(after3.hasMore).toBe(false);
      expect(after3.changes.map((c) => [c.id, c.seq])).toEqual([
        [ids[3], 4],
        [ids[4], 5],
        [ids[6], 7],
        [ids[1], 8],
        [ids[5], 9],
      ]);
      expect(after3.changes[0]).not.toHaveProperty("clientKey");
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const page = await get().listChanges({ articleId, after, limit: 2, viewer: anonymous });
        seen.push(...page.changes.map((c) => c.seq));
        if (!page.hasMore) break;
        expect(page.changes).toHaveLength(2);
        after = page.changes[1]!.seq;
      }
      expect(seen).toEqual([1, 3, 4, 5, 7, 8, 9]);
      const none = await get().listChanges({ articleId, after: 9, limit: 5, viewer: anonymous });
      expect(none).toMatchObject({ changes: [], hasMore: false });
    });

    it("shows pending comments to their author and moderators only", async () => {
      const author = await guest(get());
      const stranger = await guest(get());
      const articleId = article();
      const { comment: root } = await post(get(), { articleId, authorId: stranger.id });
      const { comment: held } = await post(get(), {
        articleId,
        authorId: author.id,
        status: "pending",
      });
      const { comment: heldReply } = await post(get(), {
        articleId,
        authorId: author.id,
        parentId: root.id,
        status: "pending",
      });
      expect((await get().getComment(root.id))?.replyCount).toBe(0);
      const seenBy = async (viewer: typeof anonymous) => {
        const threads = await get().listThreads({
          articleId,
          sort: "oldest",
          limit: 10,
          cursor: null,
          viewer,
        });
        const changes = await get().listChanges({ articleId, after: 0, limit: 10, viewer });
        return {
          threads: threads.threads.map((t) => [t.comment.id, t.replies.map((r) => r.id)]),
          changes: changes.changes.map((c) => c.id),
        };
      };
      const all = {
        threads: [
          [root.id, [heldReply.id]],
          [held.id, []],
        ],
        changes: [root.id, held.id, heldReply.id],
      };
      expect(await seenBy(viewerOf(author))).toEqual(all);
      expect(await seenBy(moderator)).toEqual(all);
      const published = { threads: [[root.id, []]], changes: [root.id] };
      expect(await seenBy(viewerOf(stranger))).toEqual(published);
      expect(await seenBy(anonymous)).toEqual(published);
    });
  });
}
