/**
 * `article:updated` is coalesced to about one per second per article: the first change goes out at
 * once, later ones within the window are folded into one at its end. A hot thread must not double
 * its own fan-out with count updates.
 */
export interface CountUpdate {
  articleId: string;
  commentCount: number;
  /** Orders updates: a count from an older seq never overwrites a newer one. */
  lastSeq: number;
}

export function createCountCoalescer(emit: (update: CountUpdate) => void, windowMs = 1000) {
  const windows = new Map<
    string,
    { latest: CountUpdate | null; sent: CountUpdate; timer: NodeJS.Timeout }
  >();

  function open(update: CountUpdate) {
    emit(update);
    const timer = setTimeout(() => close(update.articleId), windowMs);
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
