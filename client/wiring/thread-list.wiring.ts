/**
 * The thread list with everything a comment offers: votes and reports, edit and delete on the
 * reader's own comments, Reply, Copy link, and Pin / Unpin for moderators.
 */
import { commentLink } from "../../shared/comment-link.js";
import type { Comment } from "../../shared/schemas.js";
import type { Api } from "../net/api.client.js";
import { ownCommentActions } from "../services/own-comments.service.js";
import { pinActions, type PinsShown } from "../services/pins.service.js";
import { createVoting } from "../services/voting.service.js";
import type { ThreadState } from "../state/thread.state.js";
import { ThreadListView } from "../views/thread-list.view.js";
import type { Reader } from "./reader.wiring.js";

/** What the list needs from the rest of the widget. */
export interface ThreadListDeps {
  api: Api;
  state: ThreadState;
  reader: Reader;
  /** Gets the reader an identity before a vote or report; resolves with why not, or null. */
  identify: () => Promise<string | null>;
  /** A comment changed by this reader (an edit or a delete). */
  applyOwn: (comment: Comment) => void;
  /** Opens the reply form under a comment shown at `el`. */
  reply: (comment: Comment, el: HTMLElement) => void;
  /** The article's page as the server keeps it, when known. */
  articleUrl: () => string | null;
  /** Scores changed: the header may offer "Top". */
  scoresChanged: () => void;
  /** The editors' picks shown, which a moderator's Pin and Unpin update. */
  pins: PinsShown;
}

/** Builds the list. */
export function createThreadList(deps: ThreadListDeps): ThreadListView {
  const { api, state, reader } = deps;
  const list: ThreadListView = new ThreadListView(
    state,
    {
      ...createVoting({
        api,
        session: reader.session,
        identify: deps.identify,
        scored: (id, score, mine) => {
          list.setScore(id, score, mine);
          deps.scoresChanged();
        },
      }),
      ...ownCommentActions(api, reader.session, deps.applyOwn),
      ...pinActions(api, reader.session, deps.pins),
      authorOf: (id) => state.get(id)?.author.name ?? null,
      reply: (comment) => {
        const el = list.element(comment.id);
        if (el) deps.reply(comment, el);
      },
      linkOf: (comment) => commentLink(deps.articleUrl() ?? window.location.href, comment.id),
    },
    (rootId, cursor) => api.replies(rootId, cursor),
  );
  return list;
}
