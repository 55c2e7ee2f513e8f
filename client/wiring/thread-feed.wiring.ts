/**
 * How comments reach the page: the first page and later ones over REST, a deep-linked thread,
 * and `apply`, the single way a comment from any source (REST, socket, this reader's post) is
 * shown, counted and announced.
 */
import type { Comment, PinnedComment, Sort } from "../../shared/schemas.js";
import type { Api } from "../net/api.client.js";
import type { ThreadState } from "../state/thread.state.js";
import type { Announcer } from "../views/announcer.view.js";
import type { ComposeFormView } from "../views/compose-form.view.js";
import { h, onClick } from "../views/dom.js";
import type { HeaderView } from "../views/header.view.js";
import { observeServerTime } from "../views/relative-time.ticker.js";
import type { ThreadListView } from "../views/thread-list.view.js";
import type { Layout } from "./layout.wiring.js";
import { t } from "../i18n/translate.js";

/** What the feed needs. */
export interface FeedDeps {
  api: Api;
  articleId: string;
  state: ThreadState;
  list: ThreadListView;
  header: HeaderView;
  form: ComposeFormView;
  layout: Layout;
  announcer: Announcer;
  /** The first page is shown: time to go (or stay) live and catch up. */
  loaded: () => void;
  /** The editors' picks: the first page's `pinned`, and every comment change (a pinned copy). */
  pins: {
    setAll: (pins: PinnedComment[] | undefined) => void;
    changed: (comment: Comment) => void;
  };
}

/** The feed of one section. */
export interface ThreadFeed {
  apply: (comment: Comment, own?: boolean) => void;
  setCount: (value: number) => void;
  /** This reader's new comment: shown, scrolled to and announced. */
  posted: (comment: Comment) => void;
  /** The article's canonical page as the server keeps it (null until known). */
  articleUrl: () => string | null;
  loadFirst: () => Promise<void>;
  loadMore: () => Promise<boolean>;
  /** Fetches and shows the thread holding a comment of this article (a deep link). */
  loadThreadOf: (commentId: string) => Promise<boolean>;
  /** Scores changed: the header offers "Top" once any comment has one. */
  scoresChanged: () => void;
}

/** Builds the feed. */
export function createThreadFeed(deps: FeedDeps): ThreadFeed {
  const { api, articleId, state, list, header, layout, announcer } = deps;
  const { status, more } = layout;
  let count = 0;
  let nextCursor: string | null = null;
  let articleUrl: string | null = null;
  const scoresChanged = () => header.offerTop(state.hasScores());

  function setCount(value: number): void {
    count = value;
    header.setCount(value);
  }

  function apply(comment: Comment, own = false): void {
    const before = state.get(comment.id);
    const kind = state.accept(comment);
    if (kind === "stale") {
      if (own) list.placeNew(comment, true);
      return;
    }
    const wasPublished = before?.status === "published";
    const isPublished = comment.status === "published";
    if (wasPublished !== isPublished) setCount(count + (isPublished ? 1 : -1));
    if (kind === "new") {
      // The first comment replaces "No comments yet".
      if (list.placeNew(comment, own)) status.hidden = true;
      if (!own && isPublished) announcer.arrival(comment.author.name);
    } else {
      list.update(comment);
    }
    deps.pins.changed(comment);
    scoresChanged();
  }

  function posted(comment: Comment): void {
    apply(comment, true);
    list.element(comment.id)?.scrollIntoView({ block: "nearest" });
    announcer.say(
      comment.status === "pending"
        ? t("Your comment awaits moderation.")
        : t("Your comment was posted."),
    );
  }

  async function loadPage(sort: Sort, cursor: string | null): Promise<void> {
    const page = await api.threads(articleId, sort, cursor);
    observeServerTime(page.serverTime);
    state.noteSeq(page.lastSeq);
    if (!cursor) {
      setCount(page.commentCount);
      layout.setClosed(page.closed === true);
      articleUrl = page.article?.url ?? articleUrl;
      deps.pins.setAll(page.pinned);
    }
    list.appendPage(page.threads);
    nextCursor = page.nextCursor;
    list.complete = nextCursor === null;
    more.hidden = nextCursor === null;
    scoresChanged();
    status.hidden = true;
    if (!cursor && page.threads.length === 0) {
      status.textContent = t("No comments yet. Start the conversation.");
      status.hidden = false;
    }
  }

  async function loadThreadOf(commentId: string): Promise<boolean> {
    try {
      const answer = await api.commentThread(commentId);
      if (answer.articleId !== articleId) return false;
      list.showThread(answer.thread);
      scoresChanged();
      return true;
    } catch {
      announcer.say(t("That comment could not be found."));
      return false;
    }
  }

  async function loadMore(): Promise<boolean> {
    if (!nextCursor) return false;
    more.disabled = true;
    try {
      await loadPage(list.sort, nextCursor);
      return true;
    } catch {
      announcer.say(t("More comments could not be loaded."));
      return false;
    } finally {
      more.disabled = false;
    }
  }

  async function loadFirst(): Promise<void> {
    status.hidden = false;
    status.textContent = t("Loading comments…");
    // The form may sit under a comment that is about to leave the page.
    deps.form.cancelReply(false);
    list.reset();
    list.sort = header.sort.value as Sort;
    try {
      await loadPage(list.sort, null);
    } catch {
      status.replaceChildren(
        t("Comments could not be loaded. "),
        onClick(
          h("button", { type: "button", class: "link-button" }, t("Try again")),
          () => void loadFirst(),
        ),
      );
      return;
    }
    deps.loaded();
  }

  return {
    apply,
    setCount,
    posted,
    articleUrl: () => articleUrl,
    loadFirst,
    loadMore,
    loadThreadOf,
    scoresChanged,
  };
}
