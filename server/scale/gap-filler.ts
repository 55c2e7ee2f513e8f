/**
 * While Redis is down, an article's local events skip other instances' comments; this fetches
 * the skipped changes from the shared store (as an anonymous reader sees them) so the sequencer
 * can deliver them in order. One read per gap per room, never per reader, and only during an
 * outage: while Redis is up it declines and the sequencer waits for the events themselves.
 */
import { rooms } from "../../shared/events.js";
import type { Comment } from "../../shared/schemas.js";
import type { ScaleOutContext } from "../app.js";
import type { ParleyServer } from "../realtime/socket-types.js";
import type { GapFiller, SequencedEvent } from "./article-sequencer.js";
import type { RedisLink } from "./redis-link.js";

const articlePrefix = rooms.article("");

/** A stored change as the live event a reader would have had: new, or edited/removed/moderated. */
export function liveEventOf(comment: Comment): "comment:created" | "comment:updated" {
  return comment.editedAt !== null || comment.status !== "published"
    ? "comment:updated"
    : "comment:created";
}

export function storeGapFiller(io: ParleyServer, link: RedisLink, ctx: ScaleOutContext): GapFiller {
  return (room, after) => {
    if (link.isUp() || !room.startsWith(articlePrefix)) return null;
    const articleId = room.slice(articlePrefix.length);
    const toEvent = (comment: Comment): SequencedEvent => ({
      room,
      seq: comment.seq,
      deliver: () => io.local.to(room).emit(liveEventOf(comment), comment),
    });
    return (async () => {
      const events: SequencedEvent[] = [];
      for (let from = after, hasMore = true; hasMore;) {
        const page = await ctx.changesSince(articleId, from);
        events.push(...page.changes.map(toEvent));
        hasMore = page.hasMore && page.changes.length > 0;
        from = page.changes.at(-1)?.seq ?? from;
      }
      return events;
    })();
  };
}
