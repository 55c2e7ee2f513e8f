/**
 * The section's live side: Socket.IO events routed to the feed, the bell, the reader, presence
 * and the editors' picks, and the connection state shown to the reader (banner, announcement) and
 * to the host (`data-parley-status`).
 */
import type { ParleySocket } from "../net/socket.client.js";
import type { PageInfo } from "../net/page-info.js";
import { syncArticle } from "../services/live-sync.service.js";
import type { ThreadState } from "../state/thread.state.js";
import type { Announcer } from "../views/announcer.view.js";
import type { NotificationsView } from "../views/notifications.view.js";
import type { PresenceView } from "../views/presence.view.js";
import type { ThreadListView } from "../views/thread-list.view.js";
import type { Layout } from "./layout.wiring.js";
import type { Pins } from "./pins.wiring.js";
import type { Reader } from "./reader.wiring.js";
import type { ThreadFeed } from "./thread-feed.wiring.js";
import { t } from "../i18n/translate.js";

/** What the live side needs. */
export interface LiveDeps {
  host: HTMLElement;
  articleId: string;
  socket: ParleySocket;
  state: ThreadState;
  page: PageInfo | null;
  reader: Reader;
  feed: ThreadFeed;
  list: ThreadListView;
  bell: NotificationsView;
  layout: Layout;
  announcer: Announcer;
  presence: PresenceView;
  pins: Pins;
}

/** Follows the article live; `catchUp` asks for what was missed. */
export function connectLive(deps: LiveDeps): { catchUp: () => Promise<void> } {
  const { host, socket, reader, feed, bell, announcer } = deps;
  const { banner } = deps.layout;
  const lost = banner.textContent;
  const delayed = t("Live updates are delayed.");
  /** A refused join's quiet line is up (the HTTP fallback, while offline, shows its own). */
  let refused = false;
  const quiet = (on: boolean): void => {
    if (refused === on) return;
    if (on) announcer.say(delayed);
    refused = on;
    banner.className = on ? "status muted" : "banner";
    banner.textContent = on ? delayed : lost;
    banner.hidden = !on;
    host.dataset.parleyStatus = on ? "delayed" : "offline";
  };
  return syncArticle(
    socket,
    deps.articleId,
    deps.state,
    {
      apply: (comment) => feed.apply(comment),
      count: feed.setCount,
      closed: deps.layout.setClosed,
      joined: () => {
        quiet(false);
        host.dataset.parleyStatus = "live";
      },
      delayed: () => quiet(true),
      connection: (up) => {
        if (!up) {
          // A refused join's line gives way to the outage's banner.
          quiet(false);
          if (host.dataset.parleyStatus !== "delayed") host.dataset.parleyStatus = "offline";
          // Offline, the count is no longer live: it comes back with the next join.
          deps.presence.set(undefined);
        }
        if (banner.hidden === up) return;
        banner.hidden = up;
        announcer.say(up ? t("Connection restored.") : t("Connection lost. Reconnecting."));
        // Back after an outage: pins take no seq, so catch-up cannot bring those missed.
        if (up) {
          void bell.refresh();
          void deps.pins.refresh();
        }
      },
      notification: (n) => bell.created(n),
      resynced: () => {
        void bell.refresh();
        void deps.pins.refresh();
      },
      notificationsRead: (update) => bell.read(update),
      voted: (id, score) => {
        deps.list.setScore(id, score);
        feed.scoresChanged();
      },
      unauthorized: () => {
        // A refused handshake is not retried by Socket.IO: reconnect as an anonymous reader.
        if (reader.session()) reader.forget();
        else socket.connect();
      },
      sessionUpdated: (user) => reader.adoptUser(user),
      sessionExpired: () => reader.expired(),
      presence: (readers) => deps.presence.set(readers),
      pinned: (id, pin) => deps.pins.set(id, pin),
    },
    deps.page,
  );
}
