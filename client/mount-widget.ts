/**
 * One embed instance, the embed's composition root: renders into a shadow root on the host
 * element (styles scoped both ways), loads the first page of threads over REST, then stays live
 * over Socket.IO. Each part is built in client/wiring/; this function only connects them.
 */
import { createApi } from "./net/api.client.js";
import { readPage } from "./net/page-info.js";
import { openSocket } from "./net/socket.client.js";
import { ThreadState } from "./state/thread.state.js";
import { createAnnouncer } from "./views/announcer.view.js";
import { revealer } from "./views/comment-reveal.view.js";
import { createComposer } from "./wiring/compose.wiring.js";
import { createHeader } from "./wiring/header.wiring.js";
import { followWhenBlocked } from "./wiring/http-follow.wiring.js";
import { createLayout } from "./wiring/layout.wiring.js";
import { connectLive } from "./wiring/live.wiring.js";
import { createPins } from "./wiring/pins.wiring.js";
import { createReader } from "./wiring/reader.wiring.js";
import { createThreadFeed } from "./wiring/thread-feed.wiring.js";
import { createThreadList } from "./wiring/thread-list.wiring.js";
import { applyLanguage, type Language } from "./wiring/language.wiring.js";

/** Renders a live comment section for `articleId` into `host`, talking to `origin`, in `language`. */
export function mountWidget(
  host: HTMLElement,
  articleId: string,
  origin: string,
  language: Language,
): void {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  // Hosts (and tests) can follow the section's state: loading, live, offline.
  host.dataset.parleyStatus = "loading";
  const reader = createReader(host, articleId);
  // The page this embed runs on: its canonical URL and title, told to the server with each join
  // and post (the first verified one becomes the article's page, the base of comment links).
  const page = readPage(host);
  const api = createApi(origin, reader.token, () => reader.forget(), page);
  const socket = openSocket(origin, reader.token);
  const state = new ThreadState();
  const announcer = createAnnouncer();

  const core = { host, articleId, page, api, socket, state, reader, announcer };

  const { form, identify } = createComposer({ ...core, posted: (c) => feed.posted(c) });
  const pins = createPins({
    ...core,
    reveal: (id) => void reveal(id),
    rerender: (id) => list.rerender(id),
  });
  const list = createThreadList({
    ...core,
    identify,
    applyOwn: (comment) => feed.apply(comment, true),
    reply: (comment, el) => {
      if (!layout.closed()) form.replyTo(comment, el);
    },
    articleUrl: () => feed.articleUrl() ?? page?.url ?? null,
    scoresChanged: () => feed.scoresChanged(),
    pins,
  });
  const reveal = revealer(list, (id) => feed.loadThreadOf(id));
  const { header, bell, subscription, emailPrefs, presence } = createHeader({
    ...core,
    reveal: (id) => void reveal(id),
  });
  const parts = {
    header,
    form,
    list,
    bell,
    emailPrefs: emailPrefs.root,
    pinned: pins.element,
  };
  const layout = createLayout(shadow, { ...core, ...parts, loadMore: () => void feed.loadMore() });
  // On the section's root: its words, screen readers and logical CSS follow the language.
  applyLanguage(shadow.querySelector(".parley"), language);
  const feed = createThreadFeed({
    ...core,
    ...parts,
    layout,
    pins,
    loaded: () => {
      if (!socket.connected && !socket.active) socket.connect();
      void live.catchUp();
      follow.start();
    },
  });
  const live = connectLive({ ...core, ...parts, layout, feed, presence, pins });
  // Where the WebSocket cannot get through, the article's changes are read over HTTP meanwhile.
  const follow = followWhenBlocked({ ...core, layout, feed });

  reader.connect({
    adopted: (next) => {
      if (next) form.setName(next.user.name);
      emailPrefs.setSignedIn(next !== null);
      list.refreshAll();
      // Reconnect so the handshake presents the new token and this tab joins the user's room.
      socket.disconnect().connect();
      void bell.refresh();
      void subscription.sync();
    },
    hostIdentity: (name) => form.useHostIdentity(name),
    userUpdated: () => list.refreshAll(),
  });

  header.sort.addEventListener("change", () => void feed.loadFirst());
  window.addEventListener("hashchange", () => void reveal.fromHash());
  void feed.loadFirst().then(() => reveal.fromHash());
  void bell.refresh();
  void subscription.sync();
}
