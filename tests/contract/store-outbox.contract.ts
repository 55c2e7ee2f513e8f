/**
 * Store contract, outbox and email: claims are exclusive and leased, a lost lease cannot settle,
 * failures back off and dead-letter, stats count; the mailer's transaction sees only unread,
 * un-mailed, due notifications and never the same one twice; preferences and confirmation;
 * mentions become `mention` notifications; outbox rows commit with their comment.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { DueNotification, NewOutboxMessage } from "../../server/store/outbox-store.js";
import { article, at, type GetStore, guest, post } from "./store-fixtures.js";

const FAR = "2099-01-01T00:00:00.000Z";
const LATER = "2099-01-01T00:05:00.000Z";

function message(target = "someone@mail.example"): NewOutboxMessage {
  return { id: newId(), kind: "email", target, payload: "{}", createdAt: at() };
}

/** Claims and completes whatever other tests left due, so a test sees only its own rows. */
async function drain(get: GetStore) {
  for (;;) {
    const claim = newId();
    const items = await get().claimOutbox({ now: FAR, lockedUntil: FAR, claim, limit: 500 });
    if (items.length === 0) return;
    for (const item of items) await get().completeOutbox(item.id, claim, FAR);
  }
}

export function describeOutboxContract(get: GetStore): void {
  describe("outbox", () => {
    it("gives a message to one claimer at a time, and again once the lease runs out", async () => {
      await drain(get);
      const m = message();
      await get().enqueueOutbox([m]);
      const first = await get().claimOutbox({
        now: FAR,
        lockedUntil: LATER,
        claim: "a",
        limit: 10,
      });
      expect(first.map((i) => [i.id, i.attempts, i.claim])).toEqual([[m.id, 1, "a"]]);
      expect(
        await get().claimOutbox({ now: FAR, lockedUntil: LATER, claim: "b", limit: 10 }),
      ).toEqual([]);
      // The lease ran out (the sender died): another claim takes it, and the first cannot settle.
      const second = await get().claimOutbox({
        now: LATER,
        lockedUntil: "2099-01-02T00:00:00.000Z",
        claim: "c",
        limit: 10,
      });
      expect(second.map((i) => [i.id, i.attempts])).toEqual([[m.id, 2]]);
      expect(await get().completeOutbox(m.id, "a", LATER)).toBe(false);
      expect(await get().completeOutbox(m.id, "c", LATER)).toBe(true);
      expect(
        await get().claimOutbox({
          now: "2099-12-31T00:00:00.000Z",
          lockedUntil: FAR,
          claim: "d",
          limit: 10,
        }),
      ).toEqual([]);
    });

    it("retries a failure at its time, dead-letters one without, and counts both", async () => {
      await drain(get);
      const [retried, dead] = [message(), message()];
      await get().enqueueOutbox([retried, dead]);
      const items = await get().claimOutbox({
        now: FAR,
        lockedUntil: LATER,
        claim: "x",
        limit: 10,
      });
      expect(items).toHaveLength(2);
      await get().failOutbox(retried.id, "x", "relay said 451", "2099-01-01T01:00:00.000Z", FAR);
      await get().failOutbox(dead.id, "x", "relay said 550", null, FAR);
      expect(await get().outboxStats()).toMatchObject({
        pending: { email: 1 },
        dead: { email: 1 },
      });
      expect(
        await get().claimOutbox({
          now: "2099-01-01T00:59:00.000Z",
          lockedUntil: FAR,
          claim: "y",
          limit: 10,
        }),
      ).toEqual([]);
      const again = await get().claimOutbox({
        now: "2099-01-01T01:00:00.000Z",
        lockedUntil: FAR,
        claim: "z",
        limit: 10,
      });
      expect(again.map((i) => [i.id, i.attempts])).toEqual([[retried.id, 2]]);
      await get().completeOutbox(retried.id, "z", FAR);
      expect(await get().outboxStats()).toMatchObject({
        pending: { email: 0 },
        dead: { email: 1 },
      });
    });

    it("writes a comment's outbox rows in its transaction, with the comment as committed", async () => {
      await drain(get);
      const author = await guest(get());
      const id = newId();
      const { comment } = await post(get(), {
        id,
        articleId: article(),
        authorId: author.id,
        outbox: (c) => [
          {
            ...message("https://hooks.example/in"),
            kind: "webhook",
            payload: JSON.stringify({ seq: c.seq, id: c.id }),
          },
        ],
      });
      const [item] = await get().claimOutbox({ now: FAR, lockedUntil: FAR, claim: "w", limit: 10 });
      expect(item).toMatchObject({ kind: "webhook", target: "https://hooks.example/in" });
      expect(JSON.parse(item!.payload)).toEqual({ seq: comment.seq, id });
      // A parent that does not exist: the comment and its outbox rows are both rolled back.
      await expect(
        post(get(), {
          articleId: article(),
          authorId: author.id,
          parentId: "nope",
          outbox: () => [message()],
        }),
      ).rejects.toThrow();
      expect(await get().outboxStats()).toMatchObject({ pending: { email: 0 } });
      await get().completeOutbox(item!.id, "w", FAR);
    });
  });

  describe("email preferences and due notifications", () => {
    it("keeps preferences; a new address is unconfirmed until confirmed", async () => {
      const user = await guest(get());
      expect(await get().getEmailPreferences(user.id)).toEqual({
        email: null,
        emailConfirmed: false,
        emailReplies: true,
        emailDelivery: "instant",
      });
      await get().setEmailPreferences(user.id, { email: "a@mail.example", emailDelivery: "daily" });
      expect(await get().confirmEmail(user.id, "b@mail.example")).toBe(false);
      expect(await get().confirmEmail(user.id, "a@mail.example")).toBe(true);
      expect(await get().getEmailPreferences(user.id)).toMatchObject({
        emailConfirmed: true,
        emailDelivery: "daily",
      });
      const changed = await get().setEmailPreferences(user.id, {
        email: "c@mail.example",
        emailReplies: false,
      });
      expect(changed).toEqual({
        email: "c@mail.example",
        emailConfirmed: false,
        emailReplies: false,
        emailDelivery: "daily",
      });
      expect(await get().getEmailPreferences("no-such-user")).toBeNull();
    });

    it("hands each due, unread notification to the mailer once, with its recipient and article", async () => {
      const [author, replier] = [await guest(get(), "Author"), await guest(get(), "Replier")];
      await get().setEmailPreferences(author.id, { email: "author@mail.example", confirmed: true });
      const articleId = article();
      await get().claimArticlePage(articleId, { title: "A title", url: "https://news.example/a" });
      const { comment: root } = await post(get(), { articleId, authorId: author.id });
      const {
        notifications: [unread],
      } = await post(get(), { articleId, authorId: replier.id, parentId: root.id });
      const {
        notifications: [read],
      } = await post(get(), { articleId, authorId: replier.id, parentId: root.id });
      await get().markNotificationsRead(author.id, [read!.notification.id], at());
      let seen: DueNotification[] = [];
      const query = {
        now: FAR,
        createdBefore: FAR,
        hourlyBefore: FAR,
        dailyBefore: FAR,
        limit: 10_000,
      };
      const handled = await get().mailDueNotifications(query, (due) => {
        seen = due.filter((d) => d.recipient.id === author.id);
        return {
          outbox: [message("author@mail.example")],
          handled: due.map((d) => d.notification.id),
          mailedUsers: [author.id],
        };
      });
      expect(handled).toBeGreaterThanOrEqual(1);
      expect(seen.map((d) => d.notification.id)).toEqual([unread!.notification.id]);
      expect(seen[0]).toMatchObject({
        article: { title: "A title", url: "https://news.example/a" },
        recipient: { email: "author@mail.example", emailConfirmed: true, emailDelivery: "instant" },
        notification: { type: "reply", comment: { author: { name: "Replier" } } },
      });
      let again: DueNotification[] = [];
      await get().mailDueNotifications(query, (due) => {
        again = due;
        return { outbox: [], handled: [], mailedUsers: [] };
      });
      expect(again.filter((d) => d.recipient.id === author.id)).toEqual([]);
    });

    it("turns mentions into `mention` notifications, a reply staying a reply", async () => {
      const [a, b, c] = [await guest(get()), await guest(get()), await guest(get())];
      expect((await get().findUsersByHandles([b.handle, "nobody"])).map((u) => u.id)).toEqual([
        b.id,
      ]);
      const articleId = article();
      const { comment: root } = await post(get(), { articleId, authorId: b.id });
      const { notifications } = await post(get(), {
        articleId,
        authorId: a.id,
        parentId: root.id,
        mentions: [b.id, c.id, a.id],
      });
      const types = notifications.map((n) => [n.recipientId, n.notification.type]).sort();
      expect(types).toEqual(
        [
          [b.id, "reply"],
          [c.id, "mention"],
        ].sort(),
      );
      expect((await get().listNotifications(c.id, { unreadOnly: true, limit: 5 }))[0]?.type).toBe(
        "mention",
      );
    });
  });
}
