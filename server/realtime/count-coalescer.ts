/**
 * `article:updated` is coalesced to about one per second per article: the first change goes out at
 * once, later ones within the window are folded into one at its end. A hot thread must not double
 * its own fan-out with count updates.
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

export function createCountCoalescer(
  emit: (update: CountUpdate) => void,
  windowMs: number | (() => number) = 1000,
) {
  const windowNow = typeof windowMs === "function" ? windowMs : () => windowMs;
  const windows = new Map<
    string,
    { latest: CountUpdate | null; sent: CountUpdate; timer: NodeJS.Timeout }
  >();

  // The seq of the last count sent per article, remembered past its window so that a late update
  // from an older commit (concurrent posts commit out of seq order) never overwrites a newer one.
  // Bounded: the oldest articles are forgotten first.
  const lastSent = new Map<string, number>();
  const rememberSent = (update: CountUpdate) => {
    lastSent.delete(update.articleId);
    lastSent.set(update.articleId, update.lastSeq);
    if (lastSent.size > MAX_REMEMBERED) lastSent.delete(lastSent.keys().next().value!);
  };

  function open(update: CountUpdate) {
    emit(update);
    rememberSent(update);
    const timer = setTimeout(() => close(update.articleId), windowNow());
    timer.unref();
    windows.set(update.articleId, { latest: null, sent: update, timer });
  }

  function close(articleId: string) {
    const window = windows.get(articleId);
    windows.delete(articleId);
    if (window?.latest) open(window.latest);
  }

  return {
    changed(update: CountUpdate) {
      if (update.lastSeq <= (lastSent.get(update.articleId) ?? -1)) return;
      const window = windows.get(update.articleId);
      if (!window) return open(update);
      const newest = window.latest ?? window.sent;
      if (update.lastSeq > newest.lastSeq) window.latest = update;
    },
    stop() {
      for (const { timer } of windows.values()) clearTimeout(timer);
      windows.clear();
    },
  };
}
