/**
 * Store contract, a person's own data: what exportUser hands back (theirs, and of others only
 * what they replied to), and deleteUser in both modes (replies keep their place, every changed
 * comment takes its article's next seq, sessions' user is marked deleted, the rest erased).
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { Store } from "../../server/store/store.js";
import { anonymous, article, at, type GetStore, guest, post } from "./store-fixtures.js";

/** Ann's world: her root with Bob's reply and her reply to Bob, a vote, a subscription. */
async function annAndBob(store: Store) {
  const ann = await store.createGuest({
    id: newId(),
    name: "Ann",
    email: "ann@example.com",
    createdAt: at(),
  });
  const bob = await guest(store, "Bob");
  const carol = await guest(store, "Carol");
  const articleId = article();
  const { comment: root } = await post(store, { articleId, authorId: ann.id, body: "Ann's root" });
  const bobReply = await post(store, {
    articleId,
    authorId: bob.id,
    parentId: root.id,
    body: "Bob replies",
  });
  const { comment: annReply } = await post(store, {
    articleId,
    authorId: ann.id,
    parentId: bobReply.comment.id,
    body: "Ann answers Bob",
  });
  await store.setSubscription(ann.id, articleId, "all");
  const { comment: carolRoot } = await post(store, {
    articleId,
    authorId: carol.id,
    body: "Carol elsewhere",
  });
  // Followers hear of a new comment after its commit, as the subscriber fan-out writes them.
  await store.notifySubscribers({
    comment: carolRoot,
    at: at(),
    exclude: [carol.id],
    afterUserId: null,
    limit: 100,
  });
  const { comment: held } = await post(store, {
    articleId,
    authorId: ann.id,
    body: "Ann held",
    status: "pending",
  });
  await store.setVote({ commentId: carolRoot.id, userId: ann.id, value: -1, at: at() });
  return { ann, bob, carol, articleId, root, bobReply, annReply, carolRoot, held };
}

/** Declares the account tests inside the current describe block. */
export function describeAccountContract(get: GetStore): void {
  describe("account export", () => {
    it("hands a user everything of theirs, and of others only what they replied to", async () => {
      const w = await annAndBob(get());
      const data = await get().exportUser(w.ann.id);
      expect(data).not.toBeNull();
      expect(data!.user).toMatchObject({ id: w.ann.id, name: "Ann", email: "ann@example.com" });
      expect(data!.comments.map((c) => c.body)).toEqual([
        "Ann's root",
        "Ann answers Bob",
        "Ann held",
      ]);
      expect(data!.repliedTo.map((c) => c.id)).toEqual([w.bobReply.comment.id]);
      expect(data!.votes).toEqual([
        expect.objectContaining({ commentId: w.carolRoot.id, articleId: w.articleId, value: -1 }),
      ]);
      expect(data!.subscriptions).toEqual([{ articleId: w.articleId, notify: "all" }]);
      // Bob's reply and Carol's root notified Ann (reply, and `all`): by reference only.
      expect(data!.notifications.map((n) => [n.type, n.commentId]).sort()).toEqual(
        [
          ["comment", w.carolRoot.id],
          ["reply", w.bobReply.comment.id],
        ].sort(),
      );
      const text = JSON.stringify(data);
      expect(text).not.toContain("Carol elsewhere");
      expect(text).not.toContain(w.carol.id);
    });

    it("answers null for an unknown user", async () => {
      expect(await get().exportUser(`missing-${newId()}`)).toBeNull();
    });
  });

  describe("account deletion", () => {
    it("anonymize: words stay under a deleted name, replies in place, each change a new seq", async () => {
      const w = await annAndBob(get());
      const before = await get().getArticle(w.articleId);
      const result = await get().deleteUser({
        userId: w.ann.id,
        mode: "anonymize",
        name: "Deleted user",
        handle: `deleted_${newId()}`,
        at: at(),
      });
      expect(result!.changes.map((c) => c.comment.id).sort()).toEqual(
        [w.root.id, w.annReply.id, w.held.id].sort(),
      );
      const seqs = result!.changes.map((c) => c.comment.seq);
      expect(seqs.every((s) => s > before.lastSeq)).toBe(true);
      expect(new Set(seqs).size).toBe(seqs.length);
      for (const { comment } of result!.changes) {
        expect(comment.author).toMatchObject({ name: "Deleted user", avatarUrl: null });
      }
      const root = await get().getComment(w.root.id);
      expect(root).toMatchObject({ body: "Ann's root", status: "published" });
      expect((await get().getComment(w.held.id))!.status).toBe("pending");
      const after = await get().getArticle(w.articleId);
      expect(after.commentCount).toBe(before.commentCount);
      expect(after.lastSeq).toBe(before.lastSeq + 3);
      const user = await get().getUser(w.ann.id);
      expect(user).toMatchObject({ name: "Deleted user", email: null });
      expect(user!.deletedAt).not.toBeNull();
      expect(await get().listNotifications(w.ann.id, { unreadOnly: false, limit: 50 })).toEqual([]);
      expect(await get().getSubscription(w.ann.id, w.articleId)).toBe("replies");
      expect(await get().exportUser(w.ann.id)).toBeNull();
      // Twice is nothing new.
      expect(
        await get().deleteUser({
          userId: w.ann.id,
          mode: "anonymize",
          name: "Deleted user",
          handle: `deleted_${newId()}`,
          at: at(),
        }),
      ).toBeNull();
    });

    it("remove: comments become removed placeholders; replies keep their place; held stay hidden", async () => {
      const w = await annAndBob(get());
      const before = await get().getArticle(w.articleId);
      const result = await get().deleteUser({
        userId: w.ann.id,
        mode: "remove",
        name: "Deleted user",
        handle: `deleted_${newId()}`,
        at: at(),
      });
      expect(result!.changes).toHaveLength(3);
      for (const { comment } of result!.changes) {
        expect(comment).toMatchObject({ status: "removed", body: "" });
      }
      const after = await get().getArticle(w.articleId);
      // Two published comments left the count (the held one never was in it).
      expect(after.commentCount).toBe(before.commentCount - 2);
      const { threads } = await get().listThreads({
        articleId: w.articleId,
        sort: "oldest",
        limit: 10,
        cursor: null,
        viewer: anonymous,
      });
      const first = threads[0]!;
      expect(first.comment).toMatchObject({ id: w.root.id, status: "removed", body: "" });
      expect(first.replies.map((r) => [r.id, r.status])).toEqual([
        [w.bobReply.comment.id, "published"],
        [w.annReply.id, "removed"],
      ]);
      // The held comment was never public: not even its placeholder shows.
      expect(threads.map((t) => t.comment.id)).not.toContain(w.held.id);
      const { changes } = await get().listChanges({
        articleId: w.articleId,
        after: before.lastSeq,
        limit: 10,
        viewer: anonymous,
      });
      expect(changes.map((c) => c.id).sort()).toEqual([w.root.id, w.annReply.id].sort());
    });
  });
}
