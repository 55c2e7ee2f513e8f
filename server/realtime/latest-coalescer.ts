/**
 * Coalesces a stream of values per key to at most one emit per window: the first value goes out
 * at once, later ones within the window collapse into the newest, sent when the window ends. Used
 * for `comment:voted`, where a hot comment may take hundreds of votes a second.
 */
export function createLatestCoalescer<T>(emit: (key: string, value: T) => void, windowMs: number) {
  const windows = new Map<string, { latest: T | null; timer: NodeJS.Timeout }>();

  function open(key: string, value: T) {
    emit(key, value);
    const timer = setTimeout(() => close(key), windowMs);
    // A pending update must not keep a stopping process alive.
    timer.unref();
    windows.set(key, { latest: null, timer });
  }

  function close(key: string) {
    const window = windows.get(key);
    windows.delete(key);
    if (window?.latest != null) open(key, window.latest);
  }

  return {
    /** Takes a new value for `key`: sent now, or folded into the window's last emit. */
    push(key: string, value: T) {
      const window = windows.get(key);
      if (window) window.latest = value;
      else open(key, value);
    },
    stop() {
      for (const { timer } of windows.values()) clearTimeout(timer);
      windows.clear();
    },
  };
}
