/**
 * A store whose `listChanges` is counted and can be held: tests set which reads overlap (a full
 * read gate, catch-ups that share a read) by conditions, never by timing.
 */
import type { Store } from "../../server/store/store.js";

/** Wraps `store`: `hold()` makes every `listChanges` from then wait until `release()`. */
export function heldChanges(store: Store) {
  let release: () => void = () => undefined;
  let held: Promise<void> | null = null;
  let calls = 0;
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      if (key === "listChanges") {
        return async (...args: Parameters<Store["listChanges"]>) => {
          calls += 1;
          if (held) await held;
          return target.listChanges(...args);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
  return {
    wrapped,
    hold: () => {
      held = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => {
      held = null;
      release();
    },
    /** How many `listChanges` calls have started (held ones included). */
    calls: () => calls,
  };
}
