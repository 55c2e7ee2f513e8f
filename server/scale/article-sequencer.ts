/**
 * Puts each article's live events in `seq` order before they reach this instance's readers.
 * Instances commit an article's changes in seq order (a row lock) but publish them afterwards,
 * each at its own pace, so two instances' events can cross on the way. Per article room this
 * keeps the last seq delivered; an event that skips ahead waits for the gap to fill:
 * - while Redis is up, at most `holdMs`: gaps that never fill are normal (a held comment's seq
 *   goes to moderators only), so after the wait the held events go out in order;
 * - while Redis is down the missing events (other instances' comments) cannot come, so the gap
 *   is filled from the store at once. Readers' "last seq held" then never jumps a comment they
 *   lack, and their `article:join { after }` after the resync misses nothing.
 */

/** One seq-bearing event for an article room. */
export interface SequencedEvent {
  room: string;
  seq: number;
  deliver(): void;
}

/** How long an event that skips ahead waits for the missing ones while Redis is up. */
export const DEFAULT_HOLD_MS = 250;

/** Fetches a room's events after `after` from the store; null: do not fill now (Redis is up). */
export type GapFiller = (room: string, after: number) => Promise<SequencedEvent[]> | null;

interface RoomState {
  /** Highest seq delivered; null until the first event, which also waits (order unknown yet). */
  last: number | null;
  held: Map<number, SequencedEvent>;
  timer: NodeJS.Timeout | null;
  filling: boolean;
}

export interface ArticleSequencer {
  accept(event: SequencedEvent): void;
  /** Cancels every timer (shutdown). */
  stop(): void;
}

export interface ArticleSequencerDeps {
  /** False drops the room's state, as nobody here would receive its events. */
  hasReaders(room: string): boolean;
  fillGap: GapFiller;
  /** A fill failed (the store is away too): the held events go out in order regardless. */
  onFillError(error: unknown): void;
  holdMs?: number;
}

export function createArticleSequencer(deps: ArticleSequencerDeps): ArticleSequencer {
  const holdMs = deps.holdMs ?? DEFAULT_HOLD_MS;
  const states = new Map<string, RoomState>();

  const drop = (room: string) => {
    const state = states.get(room);
    if (state?.timer) clearTimeout(state.timer);
    states.delete(room);
  };

  const deliverInOrder = (state: RoomState, events: Iterable<SequencedEvent>) => {
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (state.last !== null && event.seq <= state.last) continue;
      state.last = event.seq;
      event.deliver();
    }
  };

  const drainConsecutive = (state: RoomState) => {
    for (let next = state.held.get((state.last ?? 0) + 1); next;) {
      state.held.delete(next.seq);
      state.last = next.seq;
      next.deliver();
      next = state.held.get(next.seq + 1);
    }
  };

  const flush = (room: string) => {
    const state = states.get(room);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    deliverInOrder(state, state.held.values());
    state.held.clear();
  };

  const fill = (
    room: string,
    state: RoomState,
    after: number,
    fetching: Promise<SequencedEvent[]>,
  ) => {
    state.filling = true;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    const done = (fetched: SequencedEvent[]) => {
      state.filling = false;
      // Held events win over fetched copies of the same seq: they are what was emitted.
      for (const event of fetched)
        if (event.seq > after && !state.held.has(event.seq)) state.held.set(event.seq, event);
      if (states.get(room) === state) flush(room);
    };
    fetching.then(done, (error: unknown) => {
      deps.onFillError(error);
      done([]);
    });
  };

  return {
    accept(event) {
      const { room } = event;
      if (!deps.hasReaders(room)) return drop(room);
      let state = states.get(room);
      if (!state) {
        state = { last: null, held: new Map(), timer: null, filling: false };
        states.set(room, state);
      }
      // Too late to be in order (its wait expired, or a repeat): deliver rather than lose it.
      if (state.last !== null && event.seq <= state.last) return event.deliver();
      state.held.set(event.seq, event);
      // A fill in flight delivers everything held once it answers.
      if (state.filling) return;
      if (state.last !== null) drainConsecutive(state);
      if (state.held.size === 0) {
        if (state.timer) clearTimeout(state.timer);
        state.timer = null;
        return;
      }
      const fetching = state.last === null ? null : deps.fillGap(room, state.last);
      if (fetching && state.last !== null) return fill(room, state, state.last, fetching);
      if (!state.timer) {
        state.timer = setTimeout(() => flush(room), holdMs);
        state.timer.unref();
      }
    },
    stop() {
      for (const room of [...states.keys()]) drop(room);
    },
  };
}
