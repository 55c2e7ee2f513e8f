/**
 * The section's reads over HTTP while its WebSocket is blocked (client/services/http-follow.service.ts):
 * how often (`data-parley-poll-seconds` on the host element, 15 by default), and what the reader
 * and the host see meanwhile: a quiet line in place of the connection banner, said once to screen
 * readers, and `data-parley-status="delayed"`.
 */
import type { Api } from "../net/api.client.js";
import type { ParleySocket } from "../net/socket.client.js";
import { followOverHttp } from "../services/http-follow.service.js";
import type { ThreadState } from "../state/thread.state.js";
import type { Announcer } from "../views/announcer.view.js";
import type { Layout } from "./layout.wiring.js";
import type { ThreadFeed } from "./thread-feed.wiring.js";
import { t } from "../i18n/translate.js";

/** What the fallback needs. */
export interface HttpFollowWiringDeps {
  host: HTMLElement;
  articleId: string;
  api: Api;
  socket: ParleySocket;
  state: ThreadState;
  feed: ThreadFeed;
  layout: Layout;
  announcer: Announcer;
}

/** Seconds between reads: the host's `data-parley-poll-seconds` if 1 to 600, else 15. */
export function pollSeconds(asked: string | undefined): number {
  const seconds = Number(asked);
  return seconds >= 1 && seconds <= 600 ? seconds : 15;
}

/** Builds the fallback; `start` it once the first page is shown. */
export function followWhenBlocked(deps: HttpFollowWiringDeps): { start: () => void } {
  const { host, announcer } = deps;
  const { banner } = deps.layout;
  const lost = banner.textContent;

  return followOverHttp({
    ...deps,
    apply: deps.feed.apply,
    intervalMs: pollSeconds(host.dataset.parleyPollSeconds) * 1000,
    page: document,
    delayed(reading) {
      // "offline" also when the socket is back: its join sets "live" once it has caught up.
      host.dataset.parleyStatus = reading ? "delayed" : "offline";
      const line = t("Live updates are delayed.");
      // Said once, as the quiet line takes the banner's place, not at every read.
      if (reading && banner.className === "banner") announcer.say(line);
      banner.className = reading ? "status muted" : "banner";
      banner.textContent = reading ? line : lost;
    },
  });
}
