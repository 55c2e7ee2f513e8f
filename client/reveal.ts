/**
 * Brings a comment into view from a notification or a `#parley-comment-ID` link. Comments live in
 * a shadow root, where the browser's own fragment navigation cannot reach, so this does it.
 */
import { commentAnchor } from "./comment.view.js";
import type { ThreadListView } from "./thread-list.view.js";

/** Pages to load at most while looking for a linked comment. */
const MAX_PAGES = 5;
const PREFIX = `#${commentAnchor("")}`;

/** Reveals comments by id; `fromHash` reads the page's fragment. */
export interface Revealer {
  (commentId: string): Promise<boolean>;
  fromHash(): Promise<boolean>;
}

/** Creates the revealer for a thread list; `loadMore` fetches the next page (false at the end). */
export function revealer(list: ThreadListView, loadMore: () => Promise<boolean>): Revealer {
  const reveal = async (commentId: string): Promise<boolean> => {
    let el = list.element(commentId);
    for (let page = 0; !el && page < MAX_PAGES && (await loadMore()); page += 1) {
      el = list.element(commentId);
    }
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
    el.classList.remove("highlight");
    // Restart the highlight animation on repeated visits.
    void el.offsetWidth;
    el.classList.add("highlight");
    return true;
  };
  return Object.assign(reveal, {
    fromHash: () => {
      const hash = window.location.hash;
      return hash.startsWith(PREFIX)
        ? reveal(decodeURIComponent(hash.slice(PREFIX.length)))
        : Promise.resolve(false);
    },
  });
}
