/**
 * `article:updated` is coalesced to about one per second per article: the first change goes out
 * at once; later ones within the window are folded, and the newest count goes out with the first
 * change after the window (in that change's own tick, right after its comment), or one window
 * later by a timer if no change comes. A hot thread must not double its own fan-out with count
 * updates, and a count sent from a timer at its own moment was a second broadcast to every reader
 * that a post arriving just then waited behind (the poster's ack too); riding on a post, it never
 * is.
 *
 * Each instance coalesces the posts it commits, and its updates reach every instance's readers;
 * so with N instances the window is N seconds (`windowMs` may be a function, read as each window
 * opens), and a reader still gets about one update a second, not N. Measured: with two instances
 * a hot article at 2 posts/s sent a count update per post, doubling its fan-out.
 */
export interface CountUpdate {
  articleId: string;
  commentCount: number;
  /** Orders updates: a count from an older seq never overwrites a newer one. */
  lastSeq: number;
}

/** How many articles' last sent seq are remembered. */
const MAX_REMEMBERED = 10_000;

interface Window {
  /** When the last update went out (ms, Date.now). */
  sentAt: number;
  /** This window's length (ms), read when it opened. */
  lengthMs: number;
  sent: CountUpdate;
  /** The newest folded update not sent yet. */
  latest: CountUpdate | null;
  timer: NodeJS.Timeout;
}

export function createCountCoalescer(
  emit: (update: CountUpdate) => void,
  windowMs: number | (() => number) = 1000,
) {
  const windowNow = typeof windowMs === "function" ? windowMs : () => windowMs;
  const windows = new Map<string, Window>();

  // The seq of the last count sent per article, remembered past its window so that a late update
  // from an older commit (concurrent posts commit out of seq order) never overwrites a newer one.
  // Bounded: the oldest articles are forgotten first.
  const lastSent = new Map<string, number>();
  const rememberSent = (update: CountUpdate) => {
    lastSent.delete(update.articleId);
    lastSent.set(update.articleId, update.lastSeq);
    if (lastSent.size > MAX_REMEMBERED) lastSent.delete(lastSent.keys().next().value!);
  };

  function send(update: CountUpdate) {
    const previous = windows.get(update.articleId);
    if (previous) clearTimeout(previous.timer);
    emit(update);
    rememberSent(update);
    // The window, and one more for a change to carry its folded count before the timer does.
    const lengthMs = windowNow();
    const timer = setTimeout(() => expire(update.articleId), 2 * lengthMs);
    timer.unref();
    windows.set(update.articleId, {
      sentAt: Date.now(),
      lengthMs,
      sent: update,
      latest: null,
      timer,
    });
  }

  function expire(articleId: string) {
    const window = windows.get(articleId);
    windows.delete(articleId);
    if (window?.latest) send(window.latest);
  }

  return {
    changed(update: CountUpdate) {
      if (update.lastSeq <= (lastSent.get(update.articleId) ?? -1)) return;
      const window = windows.get(update.articleId);
      if (!window) return send(update);
      const newest = window.latest ?? window.sent;
      const next = update.lastSeq > newest.lastSeq ? update : newest;
      if (Date.now() - window.sentAt >= window.lengthMs) return send(next);
      window.latest = next === window.sent ? null : next;
    },
    stop() {
      for (const { timer } of windows.values()) clearTimeout(timer);
      windows.clear();
    },
  };
}
