/**
 * Brings a comment into view from a notification or a `#parley-comment-ID` link. Comments live in
 * a shadow root, where the browser's own fragment navigation cannot reach, so this does it: if the
 * comment is not on the pages loaded, its thread is fetched on its own (however far back it is),
 * then it is scrolled to, focused and highlighted (class `highlight`, `aria-current="true"`).
 */
import { commentIdFromHash } from "../../shared/comment-link.js";
import type { ThreadListView } from "./thread-list.view.js";

/** Reveals comments by id; `fromHash` reads the page's fragment. */
export interface Revealer {
  (commentId: string): Promise<boolean>;
  fromHash(): Promise<boolean>;
}

/**
 * Creates the revealer for a thread list; `loadThread` fetches and shows the thread holding a
 * comment (false when there is none on this article).
 */
export function revealer(
  list: ThreadListView,
  loadThread: (commentId: string) => Promise<boolean>,
): Revealer {
  let current: HTMLElement | null = null;
  const reveal = async (commentId: string): Promise<boolean> => {
    let el = list.element(commentId);
    if (!el && (await loadThread(commentId))) el = list.element(commentId);
    if (!el) return false;
    // A reply inside a collapsed branch: open the branch first.
    const item = el.closest("li");
    if (item?.hidden) {
      item.parentElement
        ?.querySelector<HTMLButtonElement>(":scope > .more-replies button")
        ?.click();
    }
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
    current?.removeAttribute("aria-current");
    current?.classList.remove("highlight");
    current = el;
    // Restart the highlight animation on repeated visits.
    void el.offsetWidth;
    el.classList.add("highlight");
    el.setAttribute("aria-current", "true");
    return true;
  };
  return Object.assign(reveal, {
    fromHash: () => {
      const id = commentIdFromHash(window.location.hash);
      return id ? reveal(id) : Promise.resolve(false);
    },
  });
}
