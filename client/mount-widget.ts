/**
 * One embed instance: renders into a shadow root on the host element (styles scoped both ways),
 * loads the first page of threads over REST, then stays live over Socket.IO.
 */
import { nameSchema, type Comment, type Sort, type User } from "../shared/schemas.js";
import { createAnnouncer } from "./views/announcer.view.js";
import { createApi } from "./net/api.client.js";
import { ComposeFormView } from "./views/compose-form.view.js";
import { emailPrefsView } from "./views/email-prefs.view.js";
import { h, onClick } from "./views/dom.js";
import { HeaderView } from "./views/header.view.js";
import { syncArticle } from "./services/live-sync.service.js";
import { NotificationsView } from "./views/notifications.view.js";
import { notifyChoice } from "./services/notify-choice.service.js";
import { createPoster } from "./services/poster.service.js";
import {
  clearSession,
  loadSession,
  onSessionChange,
  saveSession,
  ssoSession,
  tokenExpiredEvent,
  type Session,
  watchHostToken,
} from "./state/session.store.js";
import { ownCommentActions } from "./services/own-comments.service.js";
import { createVoting } from "./services/voting.service.js";
import { openSocket } from "./net/socket.client.js";
import { adoptStyles } from "./views/styles.js";
import { ThreadListView } from "./views/thread-list.view.js";
import { ThreadState } from "./state/thread.state.js";
import { observeServerTime } from "./views/relative-time.ticker.js";
import { revealer } from "./views/comment-reveal.view.js";
import { commentLink } from "../shared/comment-link.js";
import { readPage } from "./net/page-info.js";

/** Renders a live comment section for `articleId` into `host`, talking to `origin`. */
export function mountWidget(host: HTMLElement, articleId: string, origin: string): void {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  // Hosts (and tests) can follow the section's state: loading, live, offline.
  host.dataset.parleyStatus = "loading";
  // A host that signs its readers in passes their token; otherwise the guest kept on this device.
  let hostSession = ssoSession(host.dataset.parleyToken);
  let session: Session | null = hostSession ?? loadSession();
  let count = 0;
  let nextCursor: string | null = null;
  // The page this embed runs on: its canonical URL and title, told to the server with each join
  // and post (the first verified one becomes the article's page, the base of comment links).
  const page = readPage(host);
  const api = createApi(
    origin,
    () => session?.token ?? null,
    () => forgetSession(),
    page,
  );
  const state = new ThreadState();
  /** The article's canonical page as the server keeps it (null until known). */
  let articleUrl: string | null = null;
  const announcer = createAnnouncer();
  const socket = openSocket(origin, () => session?.token ?? null);

  const list = new ThreadListView(
    state,
    {
      ...createVoting({
        api,
        session: () => session,
        identify: () => identify(),
        scored: (id, score, mine) => {
          list.setScore(id, score, mine);
          header.offerTop(state.hasScores());
        },
      }),
      ...ownCommentActions(
        api,
        () => session,
        (comment) => apply(comment, true),
      ),
      authorOf: (id) => state.get(id)?.author.name ?? null,
      reply: (comment) => {
        const el = list.element(comment.id);
        if (el && !closed) form.replyTo(comment, el);
      },
      linkOf: (comment) => commentLink(articleUrl ?? page?.url ?? window.location.href, comment.id),
    },
    (rootId, cursor) => api.replies(rootId, cursor),
  );
  const reveal = revealer(list, (id) => loadThreadOf(id));
  const bell = new NotificationsView({
    api,
    articleId,
    signedIn: () => session !== null,
    reveal: (id) => void reveal(id),
    announce: (message) => announcer.say(message),
  });
  const header = new HeaderView(bell.root);
  const subscription = notifyChoice(
    header.notify,
    api,
    articleId,
    () => session !== null,
    (message) => announcer.say(message),
  );
  const poster = createPoster({
    api,
    articleId,
    session: () => session,
    signedIn: (next) => adoptSession(next),
    signedOnByHost: () => hostSession !== null && session === hostSession,
    forget: () => {
      clearSession();
      session = null;
    },
  });
  const form = new ComposeFormView(
    async (draft) => {
      const comment = await poster.post(draft);
      apply(comment, true);
      list.element(comment.id)?.scrollIntoView({ block: "nearest" });
      announcer.say(
        comment.status === "pending"
          ? "Your comment awaits moderation."
          : "Your comment was posted.",
      );
    },
    () => state.handles(),
  );
  const emailPrefs = emailPrefsView(api);
  emailPrefs.setSignedIn(session !== null);
  const formHome = h("div", { class: "form-home" }, form.form);
  form.returnHome = () => formHome.append(form.form);
  const closedNote = h("p", { class: "status muted", hidden: true }, "Comments are closed.");
  let closed = false;
  /** A closed article keeps its thread but takes no new comments or replies. */
  function setClosed(value: boolean): void {
    closed = value;
    if (closed) form.cancelReply(false);
    formHome.hidden = closed;
    closedNote.hidden = !closed;
  }
  const banner = h(
    "p",
    { class: "banner", hidden: true },
    "Connection lost. Reconnecting… new comments will appear when it is back.",
  );
  const status = h("p", { class: "status muted" }, "Loading comments…");
  const more = onClick(
    h("button", { type: "button", class: "more", hidden: true }, "Load more comments"),
    () => {
      void loadMore();
    },
  );
  shadow.replaceChildren(
    h(
      "div",
      { class: "parley" },
      header.bar,
      banner,
      formHome,
      emailPrefs.root,
      closedNote,
      header.toolbar,
      list.pill,
      status,
      list.list,
      more,
      announcer.element,
    ),
  );
  adoptStyles(shadow);
  if (session) form.setName(session.user.name);
  if (hostSession) form.useHostIdentity(hostSession.user.name);

  function setCount(value: number): void {
    count = value;
    header.setCount(value);
  }

  /** The single way a comment from any source reaches the page. */
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
    header.offerTop(state.hasScores());
  }

  async function loadPage(sort: Sort, cursor: string | null): Promise<void> {
    const page = await api.threads(articleId, sort, cursor);
    observeServerTime(page.serverTime);
    state.noteSeq(page.lastSeq);
    if (!cursor) {
      setCount(page.commentCount);
      setClosed(page.closed === true);
      articleUrl = page.article?.url ?? articleUrl;
    }
    list.appendPage(page.threads);
    nextCursor = page.nextCursor;
    list.complete = nextCursor === null;
    more.hidden = nextCursor === null;
    header.offerTop(state.hasScores());
    status.hidden = true;
    if (!cursor && page.threads.length === 0) {
      status.textContent = "No comments yet. Start the conversation.";
      status.hidden = false;
    }
  }

  /** Fetches and shows the thread holding a comment of this article (a deep link). */
  async function loadThreadOf(commentId: string): Promise<boolean> {
    try {
      const answer = await api.commentThread(commentId);
      if (answer.articleId !== articleId) return false;
      list.showThread(answer.thread);
      header.offerTop(state.hasScores());
      return true;
    } catch {
      announcer.say("That comment could not be found.");
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
      announcer.say("More comments could not be loaded.");
      return false;
    } finally {
      more.disabled = false;
    }
  }

  async function loadFirst(): Promise<void> {
    status.hidden = false;
    status.textContent = "Loading comments…";
    // The form may sit under a comment that is about to leave the page.
    form.cancelReply(false);
    list.reset();
    list.sort = header.sort.value as Sort;
    try {
      await loadPage(list.sort, null);
    } catch {
      status.replaceChildren(
        "Comments could not be loaded. ",
        onClick(
          h("button", { type: "button", class: "link-button" }, "Try again"),
          () => void loadFirst(),
        ),
      );
      return;
    }
    if (!socket.connected && !socket.active) socket.connect();
    void live.catchUp();
  }

  function adoptSession(next: Session | null): void {
    session = next;
    if (next) form.setName(next.user.name);
    emailPrefs.setSignedIn(next !== null);
    list.refreshAll();
    // Reconnect so the handshake presents the new token and this tab joins the user's room.
    socket.disconnect().connect();
    void bell.refresh();
    void subscription.sync();
  }

  /** An identity for voting or reporting: the session, or a guest from the form's name. */
  async function identify(): Promise<string | null> {
    if (session) return null;
    const name = nameSchema.safeParse(form.nameInput.value);
    if (!name.success) {
      form.nameInput.focus();
      return "Enter your name in the form above first.";
    }
    try {
      await poster.identify(name.data);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : "That did not work. Please try again.";
    }
  }

  /** The server's word on who this reader is: Parley's id, handle and current role. */
  function adoptUser(user: User): void {
    // A host session knows no id until now; any other mismatch is an answer for a token gone.
    if (!session || (session.user.id !== "" && session.user.id !== user.id)) return;
    session.user = user;
    if (session === hostSession) form.useHostIdentity(user.name);
    else saveSession(session);
    list.refreshAll();
  }

  /** The server refused the token: carry on as a reader (a new guest on the next post). */
  function forgetSession(): void {
    if (!session) return;
    if (session === hostSession) form.useHostIdentity(null);
    else clearSession();
    adoptSession(null);
  }

  header.sort.addEventListener("change", () => void loadFirst());

  const live = syncArticle(
    socket,
    articleId,
    state,
    {
      apply: (comment) => apply(comment),
      count: setCount,
      closed: setClosed,
      joined: () => {
        host.dataset.parleyStatus = "live";
      },
      connection: (up) => {
        if (!up) host.dataset.parleyStatus = "offline";
        if (banner.hidden === up) return;
        banner.hidden = up;
        announcer.say(up ? "Connection restored." : "Connection lost. Reconnecting.");
        if (up) void bell.refresh();
      },
      notification: (n) => bell.created(n),
      resynced: () => void bell.refresh(),
      notificationsRead: (update) => bell.read(update),
      voted: (id, score) => {
        list.setScore(id, score);
        header.offerTop(state.hasScores());
      },
      unauthorized: () => {
        // A refused handshake is not retried by Socket.IO: reconnect as an anonymous reader.
        if (session) forgetSession();
        else socket.connect();
      },
      sessionUpdated: (user) => adoptUser(user),
      sessionExpired: () => {
        if (!session) return;
        // A host's reader: ask the page for a fresh token (it answers by setting
        // data-parley-token, watched below). A guest: forget the session; the next post makes a
        // new guest with the name still in the form.
        if (session === hostSession) host.dispatchEvent(tokenExpiredEvent(articleId));
        else forgetSession();
      },
    },
    page,
  );
  // The host may hand over a fresh token at any time, and does so after `parley:token-expired`.
  watchHostToken(host, (next) => {
    if (next.token === hostSession?.token) return;
    hostSession = next;
    form.useHostIdentity(next.user.name);
    adoptSession(next);
  });
  onSessionChange((next) => {
    if (!hostSession && next?.token !== session?.token) adoptSession(next);
  });
  window.addEventListener("hashchange", () => void reveal.fromHash());

  void loadFirst().then(() => reveal.fromHash());
  void bell.refresh();
  void subscription.sync();
}
