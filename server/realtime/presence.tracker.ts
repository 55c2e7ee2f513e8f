/**
 * "N reading now": counts each article's connections from Socket.IO's own room membership, and
 * once per interval publishes the counts that changed (and a bounded slice of the rest, so totals
 * from other instances and the departure of a crashed one are noticed) to the presence board,
 * then tells each article's local readers its total when it changed.
 *
 * The round is the coalescer: however many sockets join or leave, an article costs at most one
 * `presence:updated` per interval and the board one round trip per interval. That is why this is
 * a timer and not latest-coalescer.ts per article: with Redis every article's window would be a
 * round trip of its own, and the work per interval would grow with the articles that changed.
 */
import type { Logger } from "pino";
import { rooms } from "../../shared/events.js";
import type { PresenceBoard } from "./presence-board.js";
import type { ParleyServer } from "./socket-types.js";

/** Articles one round publishes and reads back at most: the bound of a round's board work. */
const PRESENCE_ARTICLES_PER_ROUND = 500;

const ARTICLE_ROOM_PREFIX = rooms.article("");

export interface PresenceDeps {
  io: ParleyServer;
  board: PresenceBoard;
  /** PRESENCE_INTERVAL_MS (above 0). */
  intervalMs: number;
  logger: Logger;
  /** Articles per round; default PRESENCE_ARTICLES_PER_ROUND (tests make it small). */
  articlesPerRound?: number;
}

/** What the gateway asks of presence. */
export interface Presence {
  /** The article's readers as this instance knows them now (its own sockets counted exactly). */
  estimate(articleId: string): number;
  /** Runs one round now (tests; the timer runs them otherwise). */
  round(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts counting and the round timer. */
export function attachPresence(deps: PresenceDeps): Presence {
  const { io, board, logger } = deps;
  const perRound = deps.articlesPerRound ?? PRESENCE_ARTICLES_PER_ROUND;
  const adapter = io.of("/").adapter;
  const local = (articleId: string) =>
    adapter.rooms.get(ARTICLE_ROOM_PREFIX + articleId)?.size ?? 0;

  // Articles whose local count changed since their last round, in order of first change.
  const dirty = new Set<string>();
  // Totals last told to local readers, and this instance's own count as last published.
  const told = new Map<string, number>();
  const published = new Map<string, number>();
  // The rest of this instance's articles, revisited a slice per round.
  let rotation: string[] = [];
  let failing = false;

  const onMembership = (room: string) => {
    if (room.startsWith(ARTICLE_ROOM_PREFIX)) dirty.add(room.slice(ARTICLE_ROOM_PREFIX.length));
  };
  adapter.on("join-room", onMembership);
  adapter.on("leave-room", onMembership);

  function nextRound(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const articleId of dirty) {
      if (counts.size >= perRound) break;
      counts.set(articleId, local(articleId));
      dirty.delete(articleId);
    }
    if (rotation.length === 0) {
      rotation = [...adapter.rooms.keys()]
        .filter((room) => room.startsWith(ARTICLE_ROOM_PREFIX))
        .map((room) => room.slice(ARTICLE_ROOM_PREFIX.length));
    }
    while (counts.size < perRound && rotation.length > 0) {
      const articleId = rotation.pop()!;
      if (!counts.has(articleId)) counts.set(articleId, local(articleId));
    }
    return counts;
  }

  let running: Promise<void> | null = null;
  async function runRound(): Promise<void> {
    const counts = nextRound();
    if (counts.size === 0) return;
    let totals: Map<string, number>;
    try {
      totals = await board.sync({ local: counts });
    } catch (error) {
      // Counts not published are published by a later round (Redis away: nothing changes here).
      for (const articleId of counts.keys()) dirty.add(articleId);
      if (!failing) logger.warn({ err: error }, "presence round failed; retrying each interval");
      failing = true;
      return;
    }
    failing = false;
    for (const [articleId, mine] of counts) {
      if (mine === 0) {
        published.delete(articleId);
        told.delete(articleId);
        continue;
      }
      published.set(articleId, mine);
      const readers = totals.get(articleId) ?? mine;
      if (told.get(articleId) === readers) continue;
      told.set(articleId, readers);
      // Every instance tells its own readers: nothing crosses the adapter for presence.
      io.local.to(rooms.article(articleId)).emit("presence:updated", { articleId, readers });
    }
  }

  const round = () => (running ??= runRound().finally(() => (running = null)));
  const timer = setInterval(() => void round(), deps.intervalMs);
  timer.unref();

  return {
    estimate(articleId) {
      const known = told.get(articleId) ?? 0;
      return Math.max(local(articleId), known - (published.get(articleId) ?? 0) + local(articleId));
    },
    round,
    async stop() {
      clearInterval(timer);
      adapter.off("join-room", onMembership);
      adapter.off("leave-room", onMembership);
      await running;
      await board.close();
    },
  };
}
