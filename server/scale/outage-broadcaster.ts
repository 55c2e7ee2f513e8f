/**
 * The fan-out port with Redis in mind.
 * - An article's comment events (`comment:created` / `comment:updated`, which carry `seq`) go to
 *   the other instances as one server-side message through the Redis adapter, and on every
 *   instance, this one included, through the article sequencer, so readers get them in seq order
 *   whichever instance committed them.
 * - Everything else (counts, notifications, resync) is a plain room broadcast via the adapter.
 * - While Redis is down nothing is published: this instance's own readers stay live through
 *   `io.local` instead of waiting on a publish that cannot happen, and the articles concerned are
 *   remembered for the resync when Redis returns.
 */
import type { Server } from "socket.io";
import { z } from "zod";
import type { ServerToClientEvents } from "../../shared/events.js";
import type { Comment } from "../../shared/schemas.js";
import type { Metrics } from "../metrics.js";
import { type Broadcaster, localAudience } from "../realtime/broadcaster.js";
import type { ParleyServer, SocketData } from "../realtime/socket-types.js";
import type { ArticleSequencer } from "./article-sequencer.js";
import { articleIdsOf, type MissedArticles } from "./missed-articles.js";
import type { RedisLink } from "./redis-link.js";

/** The server-side event name that carries an article's comment event between instances. */
const ARTICLE_EVENT = "parley:article-event";

/** What one instance tells the others; parsed on arrival, as anything off the wire is. */
const articleEnvelope = z.object({
  room: z.string(),
  event: z.enum(["comment:created", "comment:updated"]),
  comment: z.looseObject({ id: z.string(), seq: z.number().int() }),
});
type ArticleEnvelope = z.infer<typeof articleEnvelope>;

interface InterServerEvents {
  [ARTICLE_EVENT]: (envelope: ArticleEnvelope) => void;
}
type FanoutServer = Server<object, ServerToClientEvents, InterServerEvents, SocketData>;

export interface OutageBroadcasterDeps {
  io: ParleyServer;
  metrics: Metrics;
  link: RedisLink;
  missed: MissedArticles;
  sequencer: ArticleSequencer;
  onInvalid: (error: unknown) => void;
}

export function outageAwareBroadcaster(deps: OutageBroadcasterDeps): Broadcaster {
  const { io, metrics, link, missed, sequencer } = deps;
  const cluster = io as unknown as FanoutServer;

  const sequence = ({ room, event, comment }: ArticleEnvelope) =>
    sequencer.accept({
      room,
      seq: comment.seq,
      // Parsed only as far as ordering needs; the payload is the sender's stored comment.
      deliver: () => io.local.to(room).emit(event, comment as unknown as Comment),
    });

  cluster.on(ARTICLE_EVENT, (raw) => {
    const parsed = articleEnvelope.safeParse(raw);
    if (parsed.success) sequence(parsed.data);
    else deps.onInvalid(parsed.error);
  });

  return {
    toRooms(roomNames, event, ...args) {
      metrics.deliveries.inc({ event }, localAudience(io, roomNames));
      const up = link.isUp();
      if (up) missed.published(roomNames);
      else missed.localOnly(roomNames);

      const [room] = roomNames;
      if (
        (event === "comment:created" || event === "comment:updated") &&
        roomNames.length === 1 &&
        room !== undefined &&
        articleIdsOf(roomNames).length === 1
      ) {
        const envelope: ArticleEnvelope = { room, event, comment: args[0] as Comment };
        if (up) cluster.serverSideEmit(ARTICLE_EVENT, envelope);
        sequence(envelope);
        return;
      }
      if (up) io.to(roomNames).emit(event, ...args);
      else io.local.to(roomNames).emit(event, ...args);
    },
  };
}
