/**
 * Posting a comment as a guest: makes (or reuses) the identity for the typed name, posts with the
 * draft's `clientKey`, and retries network failures with the same key, so a lost answer never
 * turns into a second comment.
 */
import type { Comment } from "../../shared/schemas.js";
import { ApiError, type Api } from "../net/api.client.js";
import { PostFailure, type Draft } from "../state/comment.ports.js";
import { saveSession, type Session } from "../state/session.store.js";
import { t } from "../i18n/translate.js";

/** Delays before automatic retries of a post that failed on the network or a 5xx. */
const RETRY_DELAYS_MS = [800, 2500];

/** What the poster needs from the widget. */
export interface PosterDeps {
  api: Api;
  articleId: string;
  session(): Session | null;
  /** Called after a new identity is stored, so the socket can present it. */
  signedIn(session: Session): void;
  /** True when the host signed the reader in (single sign-on): no guest identities then. */
  signedOnByHost(): boolean;
  /** Forgets an identity the server no longer accepts. */
  forget(): void;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function failure(error: unknown): PostFailure {
  if (!(error instanceof ApiError))
    return new PostFailure(t("Something went wrong. Please try again."), true);
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds;
    return new PostFailure(
      seconds
        ? t("You are posting quickly. Please try again in {seconds} seconds.", { seconds })
        : t("You are posting quickly. Please try again shortly."),
      true,
    );
  }
  if (error.status === 404)
    return new PostFailure(t("The comment you replied to is no longer there."), false);
  if (error.code === "network" || error.status >= 500) {
    return new PostFailure(
      t("Your comment could not be sent. Check your connection and try again."),
      true,
    );
  }
  return new PostFailure(error.message, false);
}

function retryable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === "network" || error.status >= 500);
}

/** What the widget gets: `post` for the form, `identify` for votes and reports. */
export interface Poster {
  post(draft: Draft): Promise<Comment>;
  /** Makes sure the reader has an identity, making a guest with `name` when needed. */
  identify(name: string): Promise<void>;
}

/** Builds the poster. */
export function createPoster(deps: PosterDeps): Poster {
  async function ensureSession(name: string, email?: string): Promise<void> {
    const current = deps.session();
    // A host's single sign-on identity is used as it is, whatever the Name field says.
    if (current && (deps.signedOnByHost() || current.user.name === name)) return;
    let session: Session;
    try {
      session = await deps.api.createSession(name, email);
    } catch (error) {
      throw failure(error);
    }
    saveSession(session);
    deps.signedIn(session);
  }

  async function send(draft: Draft): Promise<Comment> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await deps.api.post(deps.articleId, draft.body, draft.parentId, draft.clientKey);
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (!retryable(error) || delay === undefined) throw error;
        await wait(delay);
      }
    }
  }

  async function post(draft: Draft): Promise<Comment> {
    await ensureSession(draft.name, draft.email);
    const viaHost = deps.signedOnByHost();
    try {
      return await send(draft);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw failure(error);
    }
    if (viaHost) {
      throw new PostFailure(
        t("Your sign-in has expired. Please reload the page and try again."),
        true,
      );
    }
    // The stored token is no longer accepted (for example a new signing secret): start afresh.
    deps.forget();
    await ensureSession(draft.name, draft.email);
    try {
      return await send(draft);
    } catch (error) {
      throw failure(error);
    }
  }

  return { post, identify: ensureSession };
}
