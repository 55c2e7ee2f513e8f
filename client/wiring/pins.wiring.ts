/**
 * Editors' picks in one section: the pinned section fed by the first page's `pinned`, the live
 * `comment:pinned` / `comment:unpinned`, edits of pinned comments, and a fresh first page after a
 * reconnect or `resync` (pins take no seq, so catch-up cannot bring them).
 */
import type { Comment, PinnedComment } from "../../shared/schemas.js";
import type { Api } from "../net/api.client.js";
import type { ThreadState } from "../state/thread.state.js";
import { pinnedView } from "../views/pinned.view.js";

/** What the pins need. */
export interface PinsDeps {
  api: Api;
  articleId: string;
  state: ThreadState;
  /** Brings a comment into view in its thread. */
  reveal: (commentId: string) => void;
  /** A comment's pinned state changed: its copy in the thread re-renders (Pin becomes Unpin). */
  rerender: (commentId: string) => void;
}

/** The section's pins. */
export interface Pins {
  element: HTMLElement;
  has: (id: string) => boolean;
  /** The first page's `pinned` (absent from servers without editors' picks). */
  setAll: (pins: PinnedComment[] | undefined) => void;
  /** A pin from a live event or from this moderator's own call; null unpins. */
  set: (id: string, pin: PinnedComment | null) => void;
  /** A comment changed: a pinned one's copy follows, and leaves once it is no longer published. */
  changed: (comment: Comment) => void;
  /** Reloads the pins from the first page (after a reconnect or a `resync`). */
  refresh: () => Promise<void>;
}

/** Builds the pinned section and keeps it current. */
export function createPins(deps: PinsDeps): Pins {
  const { state } = deps;
  const view = pinnedView(deps.reveal);
  let pins: PinnedComment[] = [];
  const has = (id: string) => pins.some((pin) => pin.comment.id === id);
  // Whichever copy is newer, the pin's or the thread's, is the one shown.
  const latest = (pin: PinnedComment): PinnedComment => {
    state.accept(pin.comment);
    return { ...pin, comment: state.get(pin.comment.id) ?? pin.comment };
  };

  function show(next: PinnedComment[]): void {
    const before = pins;
    pins = next.filter((pin) => pin.comment.status === "published");
    view.show(pins);
    // Comments pinned or unpinned by this change: Pin becomes Unpin, or back.
    for (const { comment } of [...before, ...pins])
      if (before.some((pin) => pin.comment.id === comment.id) !== has(comment.id))
        deps.rerender(comment.id);
  }

  const setAll = (next: PinnedComment[] | undefined) => show((next ?? []).map(latest));

  return {
    element: view.element,
    has,
    setAll,
    set(id, pin) {
      if (!pin) show(pins.filter((p) => p.comment.id !== id));
      else if (!has(id)) show([...pins, latest(pin)]);
    },
    changed(comment) {
      // A known pin keeps its place: only its comment is newer.
      if (has(comment.id))
        show(pins.map((pin) => (pin.comment.id === comment.id ? { ...pin, comment } : pin)));
    },
    async refresh() {
      try {
        setAll((await deps.api.threads(deps.articleId, "newest", null, 1)).pinned);
      } catch {
        // Pins stay as they were until the next reconnect or sort change; the thread is intact.
      }
    },
  };
}
