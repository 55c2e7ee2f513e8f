/**
 * Reads an article room's missed changes from the shared store (as an anonymous reader sees
 * them) for the sequencer to deliver in order. One read per gap per room, never per reader.
 */
import { rooms } from "../../shared/events.js";
import type { Comment } from "../../shared/schemas.js";
import type { ScaleOutContext } from "../app.js";
import type { ParleyServer } from "../realtime/socket-types.js";
import type { SequencedEvent } from "./article-sequencer.js";

const articlePrefix = rooms.article("");

/** A stored change as the live event a reader would have had: new, or edited/removed/moderated. */
export function liveEventOf(comment: Comment): "comment:created" | "comment:updated" {
  return comment.editedAt !== null || comment.status !== "published"
    ? "comment:updated"
    : "comment:created";
}

/** `fetchAfter` for the sequencer: every public change of the room's article after `after`. */
export function storeChangesFetcher(io: ParleyServer, ctx: ScaleOutContext) {
  return async (room: string, after: number): Promise<SequencedEvent[]> => {
    if (!room.startsWith(articlePrefix)) return [];
    const articleId = room.slice(articlePrefix.length);
    const events: SequencedEvent[] = [];
    for (let from = after, hasMore = true; hasMore;) {
      const page = await ctx.changesSince(articleId, from);
      for (const comment of page.changes) {
        events.push({
          room,
          seq: comment.seq,
          deliver: () => io.local.to(room).emit(liveEventOf(comment), comment),
        });
      }
      hasMore = page.hasMore && page.changes.length > 0;
      from = page.changes.at(-1)?.seq ?? from;
    }
    return events;
  };
}
