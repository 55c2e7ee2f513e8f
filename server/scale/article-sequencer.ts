/**
 * Puts each article's live events in `seq` order before they reach this instance's readers, and
 * fills the gaps. Instances commit an article's changes in seq order (a row lock) but publish
 * them afterwards, each at its own pace, so two instances' events can cross on the way; and a
 * message can be lost (Redis away, an instance killed between commit and publish). Per article
 * room this keeps the last seq delivered; an event that skips ahead is held, and the gap below
 * it is filled from the store: at once while Redis is down (the missing events cannot come),
 * else after `holdMs` if they have not come by then. Readers' "last seq held" therefore never
 * jumps a comment they lack, and `article:join { after }` misses nothing. Seqs that are not
 * public (a held comment's) simply stay absent from the fill.
 */

/** One seq-bearing event for an article room. */
export interface SequencedEvent {
  room: string;
  seq: number;
  deliver(): void;
}

/** How long an event that skips ahead waits for the missing ones while Redis is up. */
const DEFAULT_HOLD_MS = 250;

/** At most this many filled seqs are remembered per room (to drop their late live copies). */
const FILLED_MEMORY = 1_000;

interface RoomState {
  /** Highest seq delivered; null until the first delivery (the first event waits, as the
   * order is unknown yet, unless Redis is down and no other instance's event can come). */
  last: number | null;
  held: Map<number, SequencedEvent>;
  /** Seqs delivered from the store whose live event may still arrive: dropped when it does. */
  filled: Set<number>;
  timer: NodeJS.Timeout | null;
  filling: boolean;
}

export interface ArticleSequencer {
  accept(event: SequencedEvent): void;
  /**
   * Where a new room's live delivery starts: the article's last seq when its first local reader
   * joined. Without it the room's first events wait `holdMs`, as their order is unknown.
   */
  baseline(room: string, lastSeq: number): void;
  /** The room's last local reader left: its state goes (held events had no one to reach). */
  forget(room: string): void;
  /** Cancels every timer (shutdown). */
  stop(): void;
}

export interface ArticleSequencerDeps {
  /** False drops the room's state, as nobody here would receive its events. */
  hasReaders(room: string): boolean;
  /** The room's public changes after `after`, from the store, as events. */
  fetchAfter(room: string, after: number): Promise<SequencedEvent[]>;
  /** True while missing events cannot arrive (Redis is down): fill without waiting. */
  fillAtOnce(): boolean;
  /** A fill failed (the store is away too): the held events go out in order regardless. */
  onFillError(error: unknown): void;
  holdMs?: number;
}

export function createArticleSequencer(deps: ArticleSequencerDeps): ArticleSequencer {
  const holdMs = deps.holdMs ?? DEFAULT_HOLD_MS;
  const states = new Map<string, RoomState>();

  const clearTimer = (state: RoomState) => {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
  };

  const drop = (room: string) => {
    const state = states.get(room);
    if (state) clearTimer(state);
    states.delete(room);
  };

  /** Delivers every held event in seq order. */
  const flush = (state: RoomState) => {
    clearTimer(state);
    for (const event of [...state.held.values()].sort((a, b) => a.seq - b.seq)) {
      state.last = Math.max(state.last ?? 0, event.seq);
      event.deliver();
    }
    state.held.clear();
  };

  const drainConsecutive = (state: RoomState) => {
    for (let next = state.held.get((state.last ?? 0) + 1); next;) {
      state.held.delete(next.seq);
      state.last = next.seq;
      next.deliver();
      next = state.held.get(next.seq + 1);
    }
  };

  /** Delivers what is consecutive, then fills the remaining gap at once or after the wait. */
  const settle = (room: string, state: RoomState) => {
    if (state.last !== null) drainConsecutive(state);
    if (state.held.size === 0) return clearTimer(state);
    if (deps.fillAtOnce()) return fill(room, state);
    if (!state.timer) {
      state.timer = setTimeout(() => fill(room, state), holdMs);
      state.timer.unref();
    }
  };

  /** Fetches what lies between the last delivered seq and the highest held one, delivers up to
   * there, and settles what arrived meanwhile. */
  const fill = (room: string, state: RoomState) => {
    clearTimer(state);
    if (state.held.size === 0) return;
    // No event delivered yet: the lowest held one is the baseline, and the gaps above it fill.
    const after = state.last ?? Math.min(...state.held.keys()) - 1;
    const upTo = Math.max(...state.held.keys());
    // Nothing missing between (the first event of a room, in order): no read needed.
    if (state.held.size === upTo - after) return flush(state);
    state.filling = true;
    const done = (fetched: SequencedEvent[]) => {
      state.filling = false;
      if (states.get(room) !== state) return;
      for (const event of fetched) {
        // Only the gap: later changes will arrive live, and held events are what was emitted.
        if (event.seq <= after || event.seq >= upTo || state.held.has(event.seq)) continue;
        state.held.set(event.seq, event);
        state.filled.add(event.seq);
      }
      if (state.filled.size > FILLED_MEMORY) state.filled.clear();
      for (const event of [...state.held.values()].sort((a, b) => a.seq - b.seq)) {
        if (event.seq > upTo) break;
        state.held.delete(event.seq);
        state.last = Math.max(state.last ?? 0, event.seq);
        event.deliver();
      }
      // Events that came during the fetch may have gaps of their own.
      settle(room, state);
    };
    deps.fetchAfter(room, after).then(done, (error: unknown) => {
      deps.onFillError(error);
      state.filling = false;
      if (states.get(room) === state) flush(state);
    });
  };

  const stateOf = (room: string): RoomState => {
    let state = states.get(room);
    if (!state) {
      state = { last: null, held: new Map(), filled: new Set(), timer: null, filling: false };
      states.set(room, state);
    }
    return state;
  };

  return {
    accept(event) {
      const { room, seq } = event;
      if (!deps.hasReaders(room)) return drop(room);
      const state = stateOf(room);
      // Already delivered from the store.
      if (state.filled.delete(seq)) return;
      // Too late to be in order (a fill failed, or a repeat): deliver rather than lose it.
      if (state.last !== null && seq <= state.last) return event.deliver();
      state.held.set(seq, event);
      // A fill in flight settles everything held once it answers.
      if (!state.filling) settle(room, state);
    },
    baseline(room, lastSeq) {
      if (!deps.hasReaders(room)) return;
      const state = stateOf(room);
      if (state.last !== null || state.filling) return;
      // Held events at or below it predate the room's first reader: they go first, in order.
      for (const event of [...state.held.values()].sort((a, b) => a.seq - b.seq)) {
        if (event.seq > lastSeq) break;
        state.held.delete(event.seq);
        event.deliver();
      }
      state.last = lastSeq;
      clearTimer(state);
      settle(room, state);
    },
    forget: drop,
    stop() {
      for (const room of [...states.keys()]) drop(room);
    },
  };
}
