/**
 * How late the event loop runs: a timer that notes by how much it fires after its time. When the
 * loop is busy for seconds (a saturated fan-out), frames that arrived over those seconds are read
 * together at the end; the flood guard uses this figure so such a burst is not taken for a flood.
 */

/** Milliseconds between measurements: coarse on purpose, the guard's own burst covers less. */
const INTERVAL_MS = 250;

export interface LoopLag {
  /**
   * How late the loop runs (ms): the larger of the last two delays the timer saw, plus how
   * overdue it is right now. Frames read now may have waited that long: a saturated loop's
   * turns grow one after another, so the turn under way counts as well as the last one.
   */
  recentMs(): number;
  stop(): void;
}

/** Starts measuring; the timer never keeps the process alive. */
export function createLoopLag(now: () => number = () => performance.now()): LoopLag {
  let expected = now() + INTERVAL_MS;
  let last = 0;
  let previous = 0;
  const timer = setInterval(() => {
    const at = now();
    previous = last;
    last = Math.max(0, at - expected);
    expected = at + INTERVAL_MS;
  }, INTERVAL_MS);
  timer.unref();
  return {
    recentMs: () => Math.max(last, previous) + Math.max(0, now() - expected),
    stop: () => clearInterval(timer),
  };
}
