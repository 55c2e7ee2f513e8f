/**
 * The guest's identity on this device: `{ token, user }` from `POST /api/sessions`, kept in
 * localStorage so a returning reader keeps their name, handle and notifications.
 */
import * as z from "zod/mini";
import { sessionAnswerSchema, type User } from "../../shared/schemas.js";

/** The stored identity. */
export interface Session {
  token: string;
  user: User;
}

/** localStorage key; one identity per server origin is enough since storage is per host page. */
const SESSION_KEY = "parley:session";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be blocked (private modes, sandboxed frames): then the session lives in memory.
    return null;
  }
}

let memory: Session | null = null;

/** Reads the stored session, ignoring anything malformed. */
export function loadSession(): Session | null {
  const raw = storage()?.getItem(SESSION_KEY);
  if (!raw) return memory;
  try {
    const parsed = sessionAnswerSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores the session for this device. */
export function saveSession(session: Session): void {
  memory = session;
  storage()?.setItem(SESSION_KEY, JSON.stringify(session));
}

/** Forgets the session (signed out, or the server no longer accepts the token). */
export function clearSession(): void {
  memory = null;
  storage()?.removeItem(SESSION_KEY);
}

/** Calls back when another tab signs in or out, so every tab speaks as the same person. */
export function onSessionChange(callback: (session: Session | null) => void): void {
  window.addEventListener("storage", (event) => {
    if (event.key === SESSION_KEY || event.key === null) callback(loadSession());
  });
}

const ssoClaims = z.object({
  sub: z.string(),
  name: z.string(),
  avatarUrl: z.optional(z.string()),
  role: z.optional(z.enum(["member", "moderator"])),
});

/**
 * The identity a host passes with single sign-on (`data-parley-token="<JWT>"`). The claims are
 * read only to show the reader's name until the server says who it is (`session:updated`); the
 * server verifies the signature on every use. Never stored: the host hands it over on every page.
 */
export function ssoSession(token: string | undefined): Session | null {
  const payload = token?.split(".")[1];
  if (!token || !payload) return null;
  try {
    const binary = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const claims = ssoClaims.parse(JSON.parse(json));
    return {
      token,
      user: {
        // Parley's id and handle for this reader are its own, not the host's sub: they arrive
        // with `session:updated` once the socket connects.
        id: "",
        name: claims.name,
        handle: "",
        avatarUrl: claims.avatarUrl ?? null,
        role: claims.role ?? "member",
      },
    };
  } catch {
    return null;
  }
}

/** The DOM event a host page answers with a fresh token (docs/sso.md, "Token expiry"). */
const TOKEN_EXPIRED_EVENT = "parley:token-expired";

/**
 * Fired on the embed's element when the host's token has expired: it bubbles (and crosses shadow
 * roots) so the host can listen on `document`; `detail.articleId` says which section asks.
 */
export function tokenExpiredEvent(articleId: string): CustomEvent<{ articleId: string }> {
  return new CustomEvent(TOKEN_EXPIRED_EVENT, {
    bubbles: true,
    composed: true,
    detail: { articleId },
  });
}

/** Calls back with the host's session each time the page sets a new `data-parley-token`. */
export function watchHostToken(host: HTMLElement, callback: (session: Session) => void): void {
  new MutationObserver(() => {
    const next = ssoSession(host.dataset.parleyToken);
    if (next) callback(next);
  }).observe(host, { attributes: true, attributeFilter: ["data-parley-token"] });
}
