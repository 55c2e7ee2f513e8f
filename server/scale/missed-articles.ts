/**
 * Which articles other instances may have missed events of: those this instance emitted to
 * while Redis was down (delivered to local readers only), plus those it emitted to just before
 * the loss was noticed, since a publish in flight when the connection dropped is lost too.
 */
import { rooms } from "../../shared/events.js";

/** Emits this recent before the loss was noticed count as possibly lost. */
const SUSPECT_WINDOW_MS = 2_000;

const articlePrefix = rooms.article("");

/** The article ids among room names. */
export function articleIdsOf(roomNames: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const room of roomNames) {
    if (room.startsWith(articlePrefix)) ids.push(room.slice(articlePrefix.length));
  }
  return ids;
}

export interface MissedArticles {
  /** Redis is up: remember these rooms for a moment, in case the link is dropping right now. */
  published(roomNames: string[]): void;
  /** Redis is down: these rooms' events reached local readers only. */
  localOnly(roomNames: string[]): void;
  /** The link was just lost: what was published in the last moments is suspect too. */
  linkLost(): void;
  /** Every article missed so far, forgetting them. */
  take(): Set<string>;
}

export function trackMissedArticles(now: () => number = Date.now): MissedArticles {
  const missed = new Set<string>();
  // Two generations of recently published articles, rotated every window: O(1) per emit and
  // bounded memory, at the cost of counting up to two windows as recent.
  let current = new Set<string>();
  let previous = new Set<string>();
  let rotatedAt = now();

  const rotate = () => {
    if (now() - rotatedAt < SUSPECT_WINDOW_MS) return;
    previous = now() - rotatedAt < 2 * SUSPECT_WINDOW_MS ? current : new Set();
    current = new Set();
    rotatedAt = now();
  };

  return {
    published(roomNames) {
      rotate();
      for (const id of articleIdsOf(roomNames)) current.add(id);
    },
    localOnly(roomNames) {
      for (const id of articleIdsOf(roomNames)) missed.add(id);
    },
    linkLost() {
      rotate();
      for (const id of previous) missed.add(id);
      for (const id of current) missed.add(id);
    },
    take() {
      const taken = new Set(missed);
      missed.clear();
      return taken;
    },
  };
}
