/**
 * The realtime listener of trust-and-safety events: queue events to the `moderators` room (held
 * and reported comments, decisions), and scores to an article's readers, coalesced per comment.
 * Decisions themselves reach readers as `comment:updated` through the main fan-out listener.
 */
import { rooms } from "../../shared/events.js";
import type { CommentVoted } from "../../shared/trust.schemas.js";
import type { DomainEvents } from "../domain/domain-events.js";
import { stripPrivate } from "../store/rows.js";
import type { Broadcaster } from "./broadcaster.js";
import { createLatestCoalescer } from "./latest-coalescer.js";

/** At most this many `comment:voted` per second per comment (the first of a burst goes at once). */
const VOTE_UPDATES_PER_SECOND = 4;

/** Subscribes to the domain events; `stop()` drops coalesced updates not yet sent. */
export function attachTrustFanout(events: DomainEvents, broadcaster: Broadcaster) {
  const votes = createLatestCoalescer<CommentVoted>(
    (_commentId, update) =>
      broadcaster.toRooms([rooms.article(update.articleId)], "comment:voted", update),
    1000 / VOTE_UPDATES_PER_SECOND,
  );

  events.on("comment.created", ({ comment }) => {
    if (comment.status !== "pending") return;
    broadcaster.toRooms([rooms.moderators], "moderation:queued", {
      queue: "pending",
      comment: stripPrivate(comment),
      reportCount: 0,
      reasons: [],
    });
  });

  // An edit of a held comment (or one an edit held again) refreshes it in the moderators' queue,
  // so what they approve is what they see; a decision never leaves a comment pending.
  events.on("comment.updated", ({ comment }) => {
    if (comment.status !== "pending") return;
    broadcaster.toRooms([rooms.moderators], "moderation:queued", {
      queue: "pending",
      comment: stripPrivate(comment),
      reportCount: 0,
      reasons: [],
    });
  });

  events.on("comment.reported", ({ comment, openReports, reason }) => {
    broadcaster.toRooms([rooms.moderators], "moderation:queued", {
      queue: "reported",
      comment: stripPrivate(comment),
      reportCount: openReports,
      reasons: reason ? [reason] : [],
    });
  });

  events.on("moderation.decided", ({ action, comment, moderatorId, decidedAt }) => {
    broadcaster.toRooms([rooms.moderators], "moderation:decided", {
      action,
      articleId: comment.articleId,
      commentId: comment.id,
      moderatorId,
      decidedAt,
      comment: stripPrivate(comment),
    });
  });

  events.on("comment.voted", (update) => votes.push(update.commentId, update));

  return { stop: () => votes.stop() };
}
