/**
 * Following an article over plain HTTP while its WebSocket cannot get through (a proxy or firewall
 * that refuses upgrades, a handshake refused past MAX_SOCKETS_PER_IP). The socket keeps retrying
 * with Socket.IO's own backoff; once it has been down for about FALLBACK_AFTER_MS (or one interval,
 * if shorter) the article's changes are read with `GET .../changes?after=<last seq>` about every
 * interval (±20 %), each through the same `apply` as live events, so the seq rule drops what comes
 * twice. A read that comes due while the page is hidden waits until it shows. Reads wait out a
 * 429's or 503's `Retry-After` and stretch the interval after a refusal or failure (up to
 * MAX_SLOWDOWN times, easing back a tenth per good read), so readers who share one address and its
 * read budget settle below it. Reading stops the moment the socket connects; its join then catches
 * up from the last seq, as after any reconnect.
 */
import type { Comment } from "../../shared/schemas.js";
import { ApiError, type Api } from "../net/api.client.js";
import type { ParleySocket } from "../net/socket.client.js";
import type { ThreadState } from "../state/thread.state.js";

/** How long the socket may stay down before reading over HTTP begins (one interval if shorter). */
export const FALLBACK_AFTER_MS = 10_000;
/** How far refusals and failures stretch the interval: ×8, two minutes at the default 15 s. */
const MAX_SLOWDOWN = 8;
/** The longest `Retry-After` taken as said; a larger one (a broken proxy) waits this long. */
const MAX_RETRY_AFTER_S = 600;

/** What following over HTTP needs. */
export interface HttpFollowDeps {
  socket: ParleySocket;
  api: Pick<Api, "changes">;
  articleId: string;
  state: ThreadState;
  /** The one path of every comment (live events and catch-up too); it records each seq. */
  apply(comment: Comment): void;
  /**
   * True after a read the server answered (news arrive, late); false after one it did not answer,
   * and when reading stops because the socket is back.
   */
  delayed(reading: boolean): void;
  /** The usual wait between two reads. */
  intervalMs: number;
  /** The page, for its visibility: no reads while it is hidden. */
  page: Pick<Document, "hidden" | "addEventListener">;
}

/**
 * Sets the fallback up; `start` once the first page is shown (its seq is where reads begin). A
 * second `start` while the socket is still trying restarts the wait before reading.
 */
export function followOverHttp(deps: HttpFollowDeps): { start: () => void } {
  const { socket, state, intervalMs, page } = deps;
  let following = false;
  /** A read came due while the page was hidden: it runs as the page shows again. */
  let missed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let slowdown = 1;

  /** Runs `next` after `ms`, give or take 20 %: readers who lost their socket together spread out. */
  function later(ms: number, next: () => void): void {
    clearTimeout(timer);
    timer = setTimeout(next, ms * (0.8 + Math.random() * 0.4));
  }

  function arm(): void {
    if (following || socket.connected) return;
    later(Math.min(FALLBACK_AFTER_MS, intervalMs), () => {
      following = true;
      void read();
    });
  }

  async function read(): Promise<void> {
    missed = page.hidden;
    if (!following || missed) return;
    let retrySeconds = 0;
    let answered = true;
    try {
      // Only the seqs of changes received move `after` (apply records them), never the answer's
      // `lastSeq`: the server reads that apart from the list, so it may already count a comment
      // committed in between that the list missed, and no live event would bring it here.
      let more = true;
      while (more && following) {
        const answer = await deps.api.changes(deps.articleId, state.lastSeq);
        for (const comment of answer.changes) deps.apply(comment);
        more = answer.hasMore && answer.changes.length > 0;
      }
      slowdown = Math.max(1, slowdown * 0.9);
    } catch (error) {
      slowdown = Math.min(MAX_SLOWDOWN, slowdown * 2);
      // A 429 (the address's read budget) or a 503 (a full read gate) is an answer: busy, not gone.
      answered = error instanceof ApiError && (error.status === 429 || error.status === 503);
      if (answered) retrySeconds = (error as ApiError).retryAfterSeconds ?? 0;
    }
    if (!following) return;
    deps.delayed(answered);
    // ×1.25 so that the jitter never brings a read before the `Retry-After` is over.
    later(Math.max(intervalMs * slowdown, Math.min(retrySeconds, MAX_RETRY_AFTER_S) * 1250), () => {
      void read();
    });
  }

  socket.on("connect", () => {
    clearTimeout(timer);
    if (!following) return;
    following = false;
    deps.delayed(false);
  });
  // Armed on the first disconnect, or by `start` (a connect that never succeeds sends none).
  socket.on("disconnect", arm);
  page.addEventListener("visibilitychange", () => {
    if (missed) void read();
  });

  return { start: arm };
}
