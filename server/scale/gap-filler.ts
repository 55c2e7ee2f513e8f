/**
 * Reads from the shared store for the article sequencer: a new room's starting seq, and the
 * changes a gap lacks (as an anonymous reader sees them). Never per reader.
 */
import { rooms } from "../../shared/events.js";
import type { Comment } from "../../shared/schemas.js";
import type { ScaleOutContext } from "../app.js";
import type { ParleyServer } from "../realtime/socket-types.js";
import type { ArticleSequencer, SequencedEvent } from "./article-sequencer.js";

const articlePrefix = rooms.article("");

/** A stored change as the live event a reader would have had: new, or edited/removed/moderated. */
function liveEventOf(comment: Comment): "comment:created" | "comment:updated" {
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

/**
 * When an article room gets its first local reader, reads the article's last seq (one read per
 * room per instance) so that live delivery there starts at once instead of after a wait.
 */
export function roomStarter(ctx: ScaleOutContext, sequencer: ArticleSequencer) {
  return (room: string): void => {
    if (!room.startsWith(articlePrefix)) return;
    const articleId = room.slice(articlePrefix.length);
    ctx.changesSince(articleId, Number.MAX_SAFE_INTEGER).then(
      (page) => sequencer.baseline(room, page.lastSeq),
      // The store is away: the room's first events wait and order themselves instead.
      () => undefined,
    );
  };
}
