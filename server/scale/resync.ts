/**
 * After Redis returns: every reader who may have missed an event is told `resync { articleIds }`
 * and catches up from the store with `article:join { after }`. Two audiences:
 * - this instance's own readers of every article: while the link was down they heard nothing
 *   from the other instances;
 * - other instances' readers of the articles this instance served locally only: sent through
 *   the adapter. (When the outage hit everyone, the others resync their own readers as well;
 *   this covers an instance that alone lost Redis.)
 * One emit per article room, so the payload is encoded once per room, not per socket.
 */
import type { Logger } from "pino";
import { rooms } from "../../shared/events.js";
import type { ParleyServer } from "../realtime/socket-types.js";
import { articleIdsOf, type MissedArticles } from "./missed-articles.js";
import type { RedisLink } from "./redis-link.js";

/** Counts of one resync, for the log and for tests. */
export interface ResyncSummary {
  localArticles: number;
  remoteArticles: number;
}

/** Emits the resyncs described above, now. */
function resyncAfterOutage(io: ParleyServer, missed: MissedArticles): ResyncSummary {
  const remote = missed.take();
  for (const articleId of remote) {
    io.to(rooms.article(articleId)).emit("resync", { articleIds: [articleId] });
  }
  let localArticles = 0;
  for (const articleId of articleIdsOf(io.of("/").adapter.rooms.keys())) {
    localArticles++;
    // Articles in `remote` already reached local sockets through the adapter's own delivery.
    if (remote.has(articleId)) continue;
    io.local.to(rooms.article(articleId)).emit("resync", { articleIds: [articleId] });
  }
  return { localArticles, remoteArticles: remote.size };
}

/** Resyncs whenever the link comes back up; notes what may be lost when it goes down. */
export function attachResync(
  io: ParleyServer,
  link: RedisLink,
  missed: MissedArticles,
  logger: Logger,
): void {
  link.onChange((up) => {
    if (!up) {
      missed.linkLost();
      return;
    }
    // Also on the first connection: readers may have come, and comments been posted, before it.
    const summary = resyncAfterOutage(io, missed);
    logger.debug(summary, "resync emitted");
  });
}
