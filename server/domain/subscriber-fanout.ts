/**
 * The `all` fan-out, after the commit. A comment's post (or approval) writes only the parent
 * author's `reply` notification in its transaction, so the poster's ack never waits on an
 * article's followers however many they are; this listener then writes the followers' `comment`
 * notifications in batches and announces each batch (`notifications.created`), which the realtime
 * listener delivers live as `notification:created`.
 *
 * The trade-off, kept simple on purpose: the fan-out lives in this process's memory. If the
 * process dies between a commit and the end of its fan-out, the followers not yet written never
 * get that notification (the comment itself is safe, and reaches them as a reader as always).
 * A graceful shutdown drains the queue first.
 */
import type { CommentRecord, Store } from "../store/store.js";
import type { Clock } from "./clock.js";
import type { DomainEvents } from "./domain-events.js";

/** Followers written per statement: big enough to be quick, small enough not to hold a lock long. */
const subscriberBatchSize = 500;

export interface SubscriberFanoutDeps {
  store: Pick<Store, "notifySubscribers">;
  events: DomainEvents;
  clock: Clock;
  /** Told of a batch that failed; the rest of that comment's fan-out is given up. */
  onError: (error: unknown, commentId: string) => void;
  batchSize?: number;
}

export function attachSubscriberFanout(deps: SubscriberFanoutDeps) {
  const limit = deps.batchSize ?? subscriberBatchSize;
  // One fan-out at a time, in commit order: a burst of posts on a big article queues here rather
  // than running hundreds of batches against the store at once.
  let queue: Promise<void> = Promise.resolve();

  async function fanOut(comment: CommentRecord, at: string, exclude: string[]) {
    let afterUserId: string | null = null;
    do {
      const batch = await deps.store.notifySubscribers({
        comment,
        at,
        exclude,
        afterUserId,
        limit,
      });
      if (batch.notifications.length > 0) {
        deps.events.emit("notifications.created", { notifications: batch.notifications });
      }
      afterUserId = batch.nextAfterUserId;
    } while (afterUserId !== null);
  }

  function enqueue(comment: CommentRecord, at: string, told: string[]) {
    // The author is never told of their own comment; a reply's recipient already was.
    const exclude = [comment.author.id, ...told];
    queue = queue
      .then(() => fanOut(comment, at, exclude))
      .catch((error: unknown) => deps.onError(error, comment.id));
  }

  deps.events.on("comment.created", ({ comment, notifications, followed }) => {
    // The store saw no `all` follower when it committed: the read would find none. A follow
    // committed after the comment is not told of it (as if it had followed a moment later).
    if (comment.status !== "published" || followed === false) return;
    enqueue(
      comment,
      comment.createdAt,
      notifications.map((n) => n.recipientId),
    );
  });

  // A held comment approved by a moderator is news to followers as a new comment would be.
  deps.events.on("comment.updated", ({ comment, previousStatus, notifications }) => {
    if (previousStatus !== "pending" || comment.status !== "published") return;
    const at = notifications[0]?.notification.createdAt ?? deps.clock.now().toISOString();
    enqueue(
      comment,
      at,
      notifications.map((n) => n.recipientId),
    );
  });

  return {
    /** Resolves once every fan-out queued so far has been written (or given up). */
    drain: () => queue,
  };
}
