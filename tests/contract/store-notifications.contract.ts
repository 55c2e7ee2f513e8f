/**
 * Store contract, notifications and subscriptions: who is told of a new comment (the parent's
 * author unless `none`; `all` subscribers; never the actor; nobody for pending ones), reading
 * them, and moderation publishing a held comment.
 */
import { describe, expect, it } from "vitest";
import type { Notification } from "../../shared/schemas.js";
import { newId } from "../../server/core/ids.js";
import type { CommentRecord, CreatedNotification, Store } from "../../server/store/store.js";
import { article, at, type GetStore, guest, post } from "./store-fixtures.js";

type Row = [recipient: string, type: string, commentId: string];

/** Rows sorted by recipient: the store promises no order among one comment's notifications. */
function byRecipient(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => a[0].localeCompare(b[0]));
}

/** [recipient, type, comment] of each created notification, sorted by recipient. */
function who(created: CreatedNotification[]): Row[] {
  return byRecipient(
    created.map((n): Row => [n.recipientId, n.notification.type, n.notification.comment.id]),
  );
}

/**
 * Everyone told of a comment: the `reply` its write created, then every batch of `all` followers
 * written after it, as subscriber-fanout.ts does (pages of 2, to cross page boundaries).
 */
async function told(
  store: Store,
  written: { comment: CommentRecord; notifications: CreatedNotification[] },
  at = written.comment.createdAt,
): Promise<CreatedNotification[]> {
  const exclude = [written.comment.author.id, ...written.notifications.map((n) => n.recipientId)];
  const all = [...written.notifications];
  let afterUserId: string | null = null;
  do {
    const batch = await store.notifySubscribers({
      comment: written.comment,
      at,
      exclude,
      afterUserId,
      limit: 2,
    });
    all.push(...batch.notifications);
    afterUserId = batch.nextAfterUserId;
  } while (afterUserId !== null);
  return all;
}

/** Declares the notification and subscription tests inside the current describe block. */
export function describeNotificationContract(get: GetStore): void {
  describe("subscriptions", () => {
    it("defaults to replies, and keeps each user's choice per article", async () => {
      const user = await guest(get());
      const [a, b] = [article(), article()];
      expect(await get().getSubscription(user.id, a)).toBe("replies");
      await get().setSubscription(user.id, a, "all");
      await get().setSubscription(user.id, a, "none");
      await get().setSubscription(user.id, b, "all");
      expect(await get().getSubscription(user.id, a)).toBe("none");
      expect(await get().getSubscription(user.id, b)).toBe("all");
    });
  });

  describe("notifications", () => {
    it("tells the parent's author of a reply, never of their own", async () => {
      const ann = await guest(get(), "Ann");
      const bob = await guest(get(), "Bob");
      const articleId = article();
      const { comment: root } = await post(get(), { articleId, authorId: ann.id });
      const self = await post(get(), { articleId, authorId: ann.id, parentId: root.id });
      expect(self.notifications).toEqual([]);
      const createdAt = at();
      const reply = await post(get(), {
        articleId,
        authorId: bob.id,
        parentId: root.id,
        createdAt,
      });
      expect(who(reply.notifications)).toEqual([[ann.id, "reply", reply.comment.id]]);
      const [created] = reply.notifications;
      expect(created!.notification).toEqual({
        id: created!.notification.id,
        type: "reply",
        articleId,
        comment: {
          id: reply.comment.id,
          articleId,
          parentId: root.id,
          seq: reply.comment.seq,
          author: reply.comment.author,
          body: reply.comment.body,
          status: "published",
          createdAt,
          editedAt: null,
          editedBy: null,
          replyCount: 0,
          score: 0,
        },
        createdAt,
        readAt: null,
      } satisfies Notification);
      expect(await get().listNotifications(ann.id, { unreadOnly: false, limit: 10 })).toEqual([
        created!.notification,
      ]);
      expect(await get().countUnread(ann.id)).toBe(1);
      expect(await get().countUnread(bob.id)).toBe(0);
    });

    it("stays silent for `none` and tells `all` subscribers of every new comment", async () => {
      const ann = await guest(get(), "Ann");
      const bob = await guest(get(), "Bob");
      const cat = await guest(get(), "Cat");
      const articleId = article();
      await get().setSubscription(ann.id, articleId, "none");
      await get().setSubscription(cat.id, articleId, "all");
      await get().setSubscription(bob.id, article(), "all"); // another article: no effect here
      const first = await post(get(), { articleId, authorId: ann.id });
      const root = first.comment;
      expect(who(await told(get(), first))).toEqual([[cat.id, "comment", root.id]]);
      const reply = await post(get(), { articleId, authorId: bob.id, parentId: root.id });
      // The post's own transaction writes no follower's notification: they come after it.
      expect(reply.notifications).toEqual([]);
      expect(who(await told(get(), reply))).toEqual([[cat.id, "comment", reply.comment.id]]);
      // Cat follows everything: her own comment is not news to her; Ann chose none.
      const own = await post(get(), { articleId, authorId: cat.id, parentId: reply.comment.id });
      expect(who(await told(get(), own))).toEqual([[bob.id, "reply", own.comment.id]]);
      // Bob now follows all, and Cat replies to him: one `reply`, not a second `comment`.
      await get().setSubscription(bob.id, articleId, "all");
      const again = await post(get(), { articleId, authorId: cat.id, parentId: reply.comment.id });
      expect(who(again.notifications)).toEqual([[bob.id, "reply", again.comment.id]]);
      expect(who(await told(get(), again))).toEqual([[bob.id, "reply", again.comment.id]]);
      const fresh = await post(get(), { articleId, authorId: ann.id });
      expect(fresh.notifications).toEqual([]);
      expect(who(await told(get(), fresh))).toEqual(
        byRecipient([
          [bob.id, "comment", fresh.comment.id],
          [cat.id, "comment", fresh.comment.id],
        ]),
      );
      expect(await get().countUnread(ann.id)).toBe(0);
      // Cat: Ann's root, Bob's reply and Ann's fresh comment.
      expect(await get().countUnread(cat.id)).toBe(3);
    });

    it("says no one follows only when no one but the author follows with `all`", async () => {
      const ann = await guest(get(), "Ann");
      const bob = await guest(get(), "Bob");
      const articleId = article();
      await post(get(), { articleId, authorId: ann.id }); // the article's first comment
      await get().setSubscription(ann.id, articleId, "all"); // the author alone: nobody to tell
      await get().setSubscription(bob.id, articleId, "replies");
      // false lets the fan-out skip its read; a store may also not know (undefined), never lie.
      expect((await post(get(), { articleId, authorId: ann.id })).followed).not.toBe(true);
      await get().setSubscription(bob.id, articleId, "all");
      const followed = await post(get(), { articleId, authorId: ann.id });
      expect(followed.followed).not.toBe(false);
      expect(who(await told(get(), followed))).toEqual([[bob.id, "comment", followed.comment.id]]);
    });

    it("writes followers in user-id pages, each once, leaving out the excluded", async () => {
      const author = await guest(get(), "Author");
      const articleId = article();
      const followers = [];
      for (let i = 0; i < 5; i++) followers.push(await guest(get(), `F${i}`));
      for (const f of [author, ...followers]) await get().setSubscription(f.id, articleId, "all");
      const written = await post(get(), { articleId, authorId: author.id });
      const [skipped, ...rest] = followers;
      const pages: CreatedNotification[][] = [];
      let afterUserId: string | null = null;
      do {
        const batch = await get().notifySubscribers({
          comment: written.comment,
          at: written.comment.createdAt,
          exclude: [author.id, skipped!.id],
          afterUserId,
          limit: 2,
        });
        pages.push(batch.notifications);
        afterUserId = batch.nextAfterUserId;
      } while (afterUserId !== null);
      // Four followers in pages of two: two full pages, then an empty one that ends the walk.
      expect(pages.map((p) => p.length)).toEqual([2, 2, 0]);
      const ids = pages.flat().map((n) => n.recipientId);
      expect([...ids].sort()).toEqual(rest.map((f) => f.id).sort());
      expect(ids).toEqual([...ids].sort());
      for (const f of rest) expect(await get().countUnread(f.id)).toBe(1);
      expect(await get().countUnread(skipped!.id)).toBe(0);
      expect(await get().countUnread(author.id)).toBe(0);
    });

    it("notifies no one of a pending comment until it is published with notifyAt", async () => {
      const ann = await guest(get(), "Ann");
      const bob = await guest(get(), "Bob");
      const cat = await guest(get(), "Cat");
      const articleId = article();
      await get().setSubscription(cat.id, articleId, "all");
      const { comment: root } = await post(get(), { articleId, authorId: ann.id });
      await told(get(), { comment: root, notifications: [] });
      const held = await post(get(), {
        articleId,
        authorId: bob.id,
        parentId: root.id,
        status: "pending",
      });
      expect(held.notifications).toEqual([]);
      expect(await get().countUnread(ann.id)).toBe(0);
      const notifyAt = at();
      const approved = await get().updateComment({
        id: held.comment.id,
        status: "published",
        notifyAt,
      });
      expect(approved.previousStatus).toBe("pending");
      expect(approved.article.commentCount).toBe(2);
      expect((await get().getComment(root.id))?.replyCount).toBe(1);
      // The approval's transaction tells the parent's author; followers come after it.
      expect(who(approved.notifications)).toEqual([[ann.id, "reply", held.comment.id]]);
      const everyone = await told(get(), approved, notifyAt);
      expect(who(everyone)).toEqual(
        byRecipient([
          [ann.id, "reply", held.comment.id],
          [cat.id, "comment", held.comment.id],
        ]),
      );
      for (const n of everyone) {
        expect(n.notification.createdAt).toBe(notifyAt);
        expect(n.notification.comment.status).toBe("published");
      }
      // Publishing without notifyAt (e.g. restoring) tells no one.
      const quiet = await post(get(), { articleId, authorId: bob.id, status: "pending" });
      const restored = await get().updateComment({ id: quiet.comment.id, status: "published" });
      expect(restored.notifications).toEqual([]);
      // Cat: Ann's root and the approved reply; nothing for the held or the restored comment.
      expect(await get().countUnread(cat.id)).toBe(2);
    });

    it("lists newest first, and marks all, some, or none of another's as read", async () => {
      const ann = await guest(get(), "Ann");
      const bob = await guest(get(), "Bob");
      const articleId = article();
      const { comment: annRoot } = await post(get(), { articleId, authorId: ann.id });
      const { comment: bobRoot } = await post(get(), { articleId, authorId: bob.id });
      const toAnn: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await post(get(), { articleId, authorId: bob.id, parentId: annRoot.id });
        toAnn.push(r.notifications[0]!.notification.id);
      }
      const toBob = (await post(get(), { articleId, authorId: ann.id, parentId: bobRoot.id }))
        .notifications[0]!.notification.id;

      const list = await get().listNotifications(ann.id, { unreadOnly: false, limit: 10 });
      expect(list.map((n) => n.id)).toEqual([...toAnn].reverse());
      expect(
        (await get().listNotifications(ann.id, { unreadOnly: false, limit: 2 })).map((n) => n.id),
      ).toEqual([toAnn[3], toAnn[2]]);

      // Someone else's ids (and unknown ones) are left alone.
      expect(await get().markNotificationsRead(bob.id, [toAnn[0]!, `x-${newId()}`], at())).toBe(1);
      expect(await get().countUnread(ann.id)).toBe(4);

      const readAt = at();
      expect(await get().markNotificationsRead(ann.id, [toAnn[0]!, toAnn[2]!], readAt)).toBe(2);
      const unread = await get().listNotifications(ann.id, { unreadOnly: true, limit: 10 });
      expect(unread.map((n) => n.id)).toEqual([toAnn[3], toAnn[1]]);
      const all = await get().listNotifications(ann.id, { unreadOnly: false, limit: 10 });
      expect(all.find((n) => n.id === toAnn[0])?.readAt).toBe(readAt);
      // Marking again does not move a readAt already set.
      expect(await get().markNotificationsRead(ann.id, null, at())).toBe(0);
      const after = await get().listNotifications(ann.id, { unreadOnly: false, limit: 10 });
      expect(after.find((n) => n.id === toAnn[0])?.readAt).toBe(readAt);
      expect(after.every((n) => n.readAt !== null)).toBe(true);
      expect(await get().countUnread(bob.id)).toBe(1);
      expect(await get().markNotificationsRead(bob.id, [], at())).toBe(1);
      expect(toBob).toBeTruthy();
    });
  });
}
