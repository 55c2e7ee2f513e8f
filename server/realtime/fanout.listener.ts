/**
 * The realtime listener of domain events: after a commit, tell the right rooms. Readers of an
 * article get published comments and changes; a held (pending) comment goes only to its author's
 * tabs and to moderators; notifications go to every tab of their recipient.
 */
import { rooms } from "../../shared/events.js";
import type { DomainEvents } from "../domain/domain-events.js";
import { notificationWithArticle } from "../domain/article-view.js";
import { stripPrivate } from "../store/rows.js";
import type { CommentRecord } from "../store/store.js";
import type { Broadcaster } from "./broadcaster.js";
import { createCountCoalescer } from "./count-coalescer.js";

/** Rooms that may see this comment in its current state. */
function audience(
  comment: CommentRecord,
  previousStatus: CommentRecord["status"] | null,
): string[] {
  const neverPublic =
    comment.status === "pending" || (comment.status === "removed" && previousStatus === "pending");
  return neverPublic
    ? [rooms.user(comment.author.id), rooms.moderators]
    : [rooms.article(comment.articleId)];
}

export function attachFanout(events: DomainEvents, broadcaster: Broadcaster) {
  const counts = createCountCoalescer(
    (u) =>
      broadcaster.toRooms([rooms.article(u.articleId)], "article:updated", {
        articleId: u.articleId,
        commentCount: u.commentCount,
      }),
    // Every instance sends its own articles' counts to all readers: one second per instance.
    () => 1000 * Math.max(1, broadcaster.instances?.() ?? 1),
  );

  events.on("comment.created", ({ comment, article, notifications }) => {
    broadcaster.toRooms(audience(comment, null), "comment:created", stripPrivate(comment));
    if (comment.status === "published") counts.changed(article);
    for (const { recipientId, notification } of notifications) {
      broadcaster.toRooms(
        [rooms.user(recipientId)],
        "notification:created",
        notificationWithArticle(notification, article),
      );
    }
  });

  events.on("comment.updated", ({ comment, previousStatus, article, notifications }) => {
    if (previousStatus === "published" && comment.status === "pending") {
      // An edit held again leaves the public thread: readers learn that much and nothing of the
      // new text. Sent first, so the author's and moderators' full copy (same seq) follows it.
      broadcaster.toRooms([rooms.article(comment.articleId)], "comment:updated", {
        ...stripPrivate(comment),
        body: "",
      });
    }
    broadcaster.toRooms(
      audience(comment, previousStatus),
      "comment:updated",
      stripPrivate(comment),
    );
    if ((previousStatus === "published") !== (comment.status === "published"))
      counts.changed(article);
    for (const { recipientId, notification } of notifications) {
      broadcaster.toRooms(
        [rooms.user(recipientId)],
        "notification:created",
        notificationWithArticle(notification, article),
      );
    }
  });

  // Rare and decisive: not coalesced, so open forms close at once.
  events.on("article.closed", ({ article }) => {
    broadcaster.toRooms([rooms.article(article.articleId)], "article:updated", {
      articleId: article.articleId,
      commentCount: article.commentCount,
      closed: article.closedAt !== null,
    });
  });

  // Editors' picks: rare (a moderator's act, rate-limited), so sent as they happen.
  events.on("comment.pinned", ({ comment, pinnedAt }) => {
    broadcaster.toRooms([rooms.article(comment.articleId)], "comment:pinned", {
      articleId: comment.articleId,
      comment: stripPrivate(comment),
      pinnedAt,
    });
  });

  events.on("comment.unpinned", ({ articleId, commentId }) => {
    broadcaster.toRooms([rooms.article(articleId)], "comment:unpinned", { articleId, commentId });
  });

  events.on("notifications.created", ({ notifications }) => {
    for (const { recipientId, notification } of notifications) {
      broadcaster.toRooms([rooms.user(recipientId)], "notification:created", notification);
    }
  });

  events.on("notifications.read", ({ userId, ids, unreadCount }) => {
    broadcaster.toRooms([rooms.user(userId)], "notification:read", { ids, unreadCount });
  });

  return { stop: () => counts.stop() };
}
