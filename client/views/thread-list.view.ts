/**
 * The list of threads: root comments with their replies, "Show N more replies" for long branches,
 * and live insertion that never moves what the reader is reading. While the reader is scrolled
 * into the list, new top-level comments wait behind an "N new comments" pill.
 */
import type { Comment, RepliesPage, Sort, Thread } from "../../shared/schemas.js";
import { type CommentContext, renderComment, updateComment } from "./comment.view.js";
import { h, onClick } from "./dom.js";
import { showScore } from "./vote-report.view.js";
import type { ThreadState } from "../state/thread.state.js";
import { t } from "../i18n/translate.js";

/** Branches longer than this start collapsed, showing the first `SHOWN_REPLIES`. */
const COLLAPSE_OVER = 4;
const SHOWN_REPLIES = 2;

/** The thread list and its pill. */
export class ThreadListView {
  /** The `<ol>` of threads. */
  readonly list = h("ol", { class: "threads" });
  /** The "N new comments" pill, mounted just above the list. */
  readonly pill = h("button", { type: "button", class: "pill", hidden: true });
  private readonly elements = new Map<string, HTMLElement>();
  private waiting: Comment[] = [];
  /** Live replies whose thread is not on the page (yet): placed when it arrives via the pill. */
  private orphans: Comment[] = [];
  sort: Sort = "newest";
  /** True once every page has been loaded, so new comments may go at the end. */
  complete = false;

  constructor(
    private readonly state: ThreadState,
    private readonly ctx: CommentContext,
    /** The next page of a thread's replies (the server sends only the first with the thread). */
    private readonly loadReplies: (rootId: string, cursor: string) => Promise<RepliesPage>,
  ) {
    onClick(this.pill, () => this.showWaiting(true));
    // Back at the top of the list, waiting comments can simply appear.
    window.addEventListener(
      "scroll",
      () => {
        if (this.waiting.length > 0 && !this.readerIsInside()) this.showWaiting(false);
      },
      { passive: true },
    );
  }

  /** Empties the list (a new sort order). */
  reset(): void {
    this.list.replaceChildren();
    this.elements.clear();
    this.waiting = [];
    this.orphans = [];
    this.updatePill();
  }

  /** The element of a rendered comment. */
  element(id: string): HTMLElement | undefined {
    return this.elements.get(id);
  }

  /** Appends a page of threads, skipping any already shown (pages and live events overlap). */
  appendPage(threads: Thread[]): void {
    for (const thread of threads) {
      for (const comment of [thread.comment, ...thread.replies]) this.state.accept(comment);
      if (this.elements.has(thread.comment.id)) continue;
      const latest = (c: Comment) => this.state.get(c.id) ?? c;
      const item = this.threadItem(latest(thread.comment), thread.replies.map(latest));
      if (thread.repliesCursor !== null) {
        const replies = item.querySelector<HTMLOListElement>(":scope > .replies");
        replies?.append(
          this.serverMore(thread.comment.id, replies, thread.moreReplies, thread.repliesCursor),
        );
      }
      this.list.append(item);
    }
  }

  /**
   * "Show more replies": loads the thread's next replies page in place, before the button. Live
   * replies that arrived meanwhile sit after it (they are the newest) and are not shown twice.
   */
  private serverMore(
    rootId: string,
    list: HTMLOListElement,
    more: number,
    first: string,
  ): HTMLLIElement {
    let cursor = first;
    let left = more;
    const label = () => t("Show more replies ({count})", { count: left });
    const button = h("button", { type: "button", class: "link-button" }, label());
    const item = h("li", { class: "more-replies server-replies" }, button);
    onClick(button, () => {
      if (button.disabled) return;
      button.disabled = true;
      // Replies the embed collapsed itself are shown too: the reader asked for more.
      for (const hidden of list.querySelectorAll<HTMLElement>(":scope > li[hidden]"))
        hidden.hidden = false;
      list.querySelector(":scope > li.more-replies:not(.server-replies)")?.remove();
      this.loadReplies(rootId, cursor).then(
        (page) => {
          let firstNew: HTMLElement | undefined;
          for (const reply of page.replies) {
            this.state.accept(reply);
            left -= 1;
            if (this.elements.has(reply.id)) continue;
            const li = this.replyItem(this.state.get(reply.id) ?? reply, false);
            item.before(li);
            firstNew ??= li.querySelector("article") ?? undefined;
          }
          if (page.repliesCursor === null) item.remove();
          else {
            cursor = page.repliesCursor;
            button.textContent = label();
            button.disabled = false;
          }
          this.placeOrphans();
          firstNew?.focus();
        },
        () => {
          button.disabled = false;
        },
      );
    });
    return item;
  }

  /** Live replies whose parent was not shown yet may have a place now. */
  private placeOrphans(): void {
    const orphans = this.orphans;
    this.orphans = [];
    for (const reply of orphans) {
      const latest = this.state.get(reply.id) ?? reply;
      if (!this.elements.has(reply.id) && latest.status === "published") this.placeReply(latest);
    }
  }

  /**
   * Shows a thread fetched on its own (a deep link): appended when it is not on the page, else
   * its replies not shown yet are placed under it.
   */
  showThread(thread: Thread): void {
    if (!this.elements.has(thread.comment.id)) {
      this.appendPage([thread]);
      return;
    }
    for (const reply of thread.replies) {
      this.state.accept(reply);
      if (!this.elements.has(reply.id)) this.placeReply(this.state.get(reply.id) ?? reply);
    }
  }

  /**
   * Shows a comment that is new to this page. Own comments show at once; others may wait behind
   * the pill. Returns false when it has no place yet (its thread is on a page not loaded).
   */
  placeNew(comment: Comment, own: boolean): boolean {
    if (this.elements.has(comment.id) || this.replaceWaiting(comment)) return true;
    if (comment.status === "pending" && !own) return false;
    if (comment.status === "removed") return false;
    if (comment.parentId) return this.placeReply(comment);
    if (this.sort !== "newest") {
      if (!this.complete && !own) return false;
      this.list.append(this.threadItem(comment, [], true));
      return true;
    }
    if (own) {
      this.showWaiting(false);
      if (!this.elements.has(comment.id)) this.list.prepend(this.threadItem(comment, [], true));
      return true;
    }
    if (this.readerIsInside()) {
      this.waiting.push(comment);
      this.updatePill();
    } else {
      this.list.prepend(this.threadItem(comment, [], true));
    }
    return true;
  }

  /** Re-renders every comment: who the reader is changed, and with it Edit, Delete and Report. */
  refreshAll(): void {
    for (const [id, el] of this.elements) {
      const comment = this.state.get(id);
      if (comment) updateComment(el, comment, this.ctx);
    }
  }

  /** Re-renders one shown comment as it is now known (its pinned state changed). */
  rerender(id: string): void {
    const el = this.elements.get(id);
    const comment = this.state.get(id);
    if (el && comment) updateComment(el, comment, this.ctx);
  }

  /** Shows a comment's new score (and this reader's vote, when known). */
  setScore(id: string, score: number, myVote?: number): void {
    this.state.setScore(id, score);
    const el = this.elements.get(id);
    if (el) showScore(el, score, myVote);
  }

  /** Re-renders a known comment after an edit, removal or moderation decision. */
  update(comment: Comment): void {
    const el = this.elements.get(comment.id);
    if (el) updateComment(el, comment, this.ctx);
    else if (!this.replaceWaiting(comment) && comment.status === "published") {
      this.placeNew(comment, false);
    }
  }

  /** Keeps a comment waiting behind the pill current (or drops it once removed). */
  private replaceWaiting(comment: Comment): boolean {
    const index = this.waiting.findIndex((c) => c.id === comment.id);
    if (index < 0) return false;
    if (comment.status === "published") this.waiting[index] = comment;
    else this.waiting.splice(index, 1);
    this.updatePill();
    return true;
  }

  private placeReply(comment: Comment): boolean {
    const root = this.elements.get(this.state.rootOf(comment));
    const replies = root?.closest(".thread")?.querySelector<HTMLOListElement>(":scope > .replies");
    if (!replies) {
      // Bounded: replies to threads on pages never loaded come with those pages anyway.
      if (this.orphans.length < 200) this.orphans.push(comment);
      return false;
    }
    replies.append(this.replyItem(comment, true));
    return true;
  }

  private threadItem(root: Comment, replies: Comment[], fresh = false): HTMLLIElement {
    const article = this.track(root, fresh);
    const list = h("ol", { class: "replies" });
    const collapse = replies.length > COLLAPSE_OVER;
    replies.forEach((reply, index) => {
      const item = this.replyItem(reply, false);
      if (collapse && index >= SHOWN_REPLIES) item.hidden = true;
      list.append(item);
    });
    if (collapse) {
      const hiddenCount = replies.length - SHOWN_REPLIES;
      const button = h(
        "button",
        { type: "button", class: "link-button" },
        t("Show {count} more replies", { count: hiddenCount }),
      );
      const item = h("li", { class: "more-replies" }, button);
      onClick(button, () => {
        for (const hidden of list.querySelectorAll<HTMLElement>(":scope > li[hidden]"))
          hidden.hidden = false;
        const first = list.children[SHOWN_REPLIES]?.querySelector("article");
        item.remove();
        if (first instanceof HTMLElement) first.focus();
      });
      list.children[SHOWN_REPLIES - 1]?.after(item);
    }
    return h("li", { class: "thread", "data-thread-id": root.id }, article, list);
  }

  private replyItem(reply: Comment, fresh: boolean): HTMLLIElement {
    return h("li", null, this.track(reply, fresh));
  }

  private track(comment: Comment, fresh: boolean): HTMLElement {
    const el = renderComment(comment, this.ctx);
    if (fresh) el.classList.add("fresh");
    this.elements.set(comment.id, el);
    return el;
  }

  /** The reader has scrolled past the top of the list: inserting above would be unwelcome. */
  private readerIsInside(): boolean {
    return this.list.isConnected && this.list.getBoundingClientRect().top < 0;
  }

  private showWaiting(focus: boolean): void {
    const waiting = this.waiting;
    if (waiting.length === 0) return;
    this.waiting = [];
    // Oldest first, each prepended, leaves the newest on top.
    for (const comment of waiting) this.list.prepend(this.threadItem(comment, [], true));
    // Replies that came while their thread waited can go under it now.
    this.placeOrphans();
    this.updatePill();
    if (focus) {
      const first = this.elements.get(waiting[waiting.length - 1]?.id ?? "");
      first?.scrollIntoView({ block: "start", behavior: "smooth" });
      first?.focus({ preventScroll: true });
    }
  }

  private updatePill(): void {
    const count = this.waiting.length;
    this.pill.hidden = count === 0;
    this.pill.textContent = t("{count} new comments", { count });
  }
}
