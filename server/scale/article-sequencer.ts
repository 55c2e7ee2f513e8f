/**
 * Puts each article's live events back in `seq` order before they reach this instance's readers.
 * Instances commit an article's changes in seq order (a row lock) but publish them afterwards,
 * each at its own pace, so two instances' events can cross on the way. Per article room this
 * keeps the last seq delivered; an event that skips ahead waits at most `holdMs` for the gap to
 * fill. Gaps that never fill are normal (a held comment's seq goes to moderators only; a message
 * lost with Redis is recovered by resync), so after the wait the held events go out in order.
 */

/** One seq-bearing event for an article room. */
export interface SequencedEvent {
  room: string;
  seq: number;
  deliver(): void;
}

/** How long an event that skips ahead waits for the missing ones. */
export const DEFAULT_HOLD_MS = 250;

interface RoomState {
  /** Highest seq delivered; null until the first event, which also waits (order unknown yet). */
  last: number | null;
  held: Map<number, SequencedEvent>;
  timer: NodeJS.Timeout | null;
}

export interface ArticleSequencer {
  accept(event: SequencedEvent): void;
  /** Cancels every timer (shutdown). */
  stop(): void;
}

/** `hasReaders(room)`: false drops the room's state, as nobody here would receive its events. */
export function createArticleSequencer(
  hasReaders: (room: string) => boolean,
  holdMs: number = DEFAULT_HOLD_MS,
): ArticleSequencer {
  const states = new Map<string, RoomState>();

  const drop = (room: string) => {
    const state = states.get(room);
    if (state?.timer) clearTimeout(state.timer);
    states.delete(room);
  };

  const drainConsecutive = (state: RoomState) => {
    for (let next = state.held.get((state.last ?? 0) + 1); next;) {
      state.held.delete(next.seq);
      state.last = next.seq;
      next.deliver();
      next = state.held.get(next.seq + 1);
    }
    if (state.held.size === 0 && state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
  };

  const flush = (room: string) => {
    const state = states.get(room);
    if (!state) return;
    state.timer = null;
    for (const event of [...state.held.values()].sort((a, b) => a.seq - b.seq)) {
      state.last = Math.max(state.last ?? 0, event.seq);
      event.deliver();
    }
    state.held.clear();
  };

  return {
    accept(event) {
      if (!hasReaders(event.room)) return drop(event.room);
      let state = states.get(event.room);
      if (!state) {
        state = { last: null, held: new Map(), timer: null };
        states.set(event.room, state);
      }
      // Too late to be in order (its wait expired, or a repeat): deliver rather than lose it.
      if (state.last !== null && event.seq <= state.last) return event.deliver();
      state.held.set(event.seq, event);
      if (state.last !== null) drainConsecutive(state);
      if (state.held.size > 0 && !state.timer) {
        state.timer = setTimeout(() => flush(event.room), holdMs);
        state.timer.unref();
      }
    },
    stop() {
      for (const room of [...states.keys()]) drop(room);
    },
  };
}
