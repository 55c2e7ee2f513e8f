/**
 * Identical reads asked for together share one store read. When an instance stops, its readers
 * all come back within a second or two, each joining with `after` = the last seq it holds: nearly
 * all the same article and the same seq. Without this, each of a thousand readers read the same
 * changes page (and took a place in the read gate, whose queue then refused the rest).
 *
 * The one rule that keeps sharing exact: a caller shares only a read that *starts after it asked*.
 * A joiner enters the room before it reads, so a read started earlier might miss an event
 * committed between that read and the join (delivered to the room before the joiner was in it).
 * So per key there is at most one read running and one batch waiting: callers who arrive while a
 * read runs form the next batch, which starts when the running one ends (through the read gate,
 * if given, with one place in its queue for the whole batch). Its answer is the same as each
 * caller's own read would have been, only later by at most one read's time.
 *
 * Nothing is kept once a batch is answered: the map holds keys with a read in flight only, so
 * memory is bounded by the reads running, not by the keys ever asked. A batch waiting behind its
 * key's running read holds no place in the gate yet; there is at most one per key with a read
 * running, and those are bounded by the gate's concurrency and queue.
 */
import type { ReadGate } from "./read-gate.js";

interface KeyState {
  /** The batch still taking callers (its read has not started), if any. */
  open: Promise<unknown> | null;
  /** Settles when the last started (or waiting) batch of this key has been answered. */
  tail: Promise<unknown>;
}

export interface ReadCoalescer {
  /**
   * `read`'s answer, shared with every caller of the same `key` whose read has not started yet.
   * With `gate`, the batch's read runs through it (one gate place per batch, not per caller).
   * A failed read fails every caller of its batch.
   */
  run<T>(key: string, read: () => Promise<T>, gate?: ReadGate): Promise<T>;
  /** Keys with a read in flight (for tests: none remain once every answer is out). */
  size(): number;
}

export interface ReadCoalescerOptions {
  /** Told each time a caller shares a batch someone else opened (a store read saved). */
  onShared?: () => void;
}

export function createReadCoalescer(options: ReadCoalescerOptions = {}): ReadCoalescer {
  const keys = new Map<string, KeyState>();
  const direct: Pick<ReadGate, "run"> = { run: (read) => read() };

  return {
    run<T>(key: string, read: () => Promise<T>, gate: Pick<ReadGate, "run"> = direct) {
      const state = keys.get(key);
      if (state?.open) {
        options.onShared?.();
        return state.open as Promise<T>;
      }
      const current: KeyState = state ?? { open: null, tail: Promise.resolve() };
      // Closed when its read starts (later callers need a read of their own), or when the gate
      // refused it without starting it.
      const close = (): void => {
        if (current.open === batch) current.open = null;
      };
      const batch: Promise<T> = current.tail
        .then(() =>
          gate.run(() => {
            close();
            return read();
          }),
        )
        .finally(close);
      current.open = batch;
      const settled = batch.then(
        () => undefined,
        () => undefined,
      );
      current.tail = settled;
      keys.set(key, current);
      void settled.then(() => {
        // The last batch of this key answered and no new one opened: forget the key.
        if (current.tail === settled && current.open === null) keys.delete(key);
      });
      return batch;
    },
    size: () => keys.size,
  };
}
