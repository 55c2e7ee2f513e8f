/**
 * The reader behind one embed: the host's signed-in user (a token on the host element) or the
 * guest kept on this device, and every way that changes. The parts that show or use the identity
 * are told through `ReaderEffects`, connected once they exist.
 */
import type { User } from "../../shared/schemas.js";
import {
  clearSession,
  loadSession,
  onSessionChange,
  saveSession,
  ssoSession,
  tokenExpiredEvent,
  type Session,
  watchHostToken,
} from "../state/session.store.js";

/** What the rest of the widget does when the reader changes. */
export interface ReaderEffects {
  /** A new session (or none) took over. */
  adopted: (next: Session | null) => void;
  /** The host's identity in the form: its name, or null once the host's session is gone. */
  hostIdentity: (name: string | null) => void;
  /** The server updated the reader (handle, role): rendered comments may change. */
  userUpdated: () => void;
}

/** One embed's reader. */
export interface Reader {
  session: () => Session | null;
  token: () => string | null;
  /** The host's session, when the host signs its readers in. */
  hostSession: () => Session | null;
  /** True while the current session is the one the host handed over. */
  onHostSession: () => boolean;
  connect: (effects: ReaderEffects) => void;
  adopt: (next: Session | null) => void;
  /** Forgets this device's guest without telling anyone (the poster retries as a new guest). */
  dropGuest: () => void;
  /** The server refused the token: carry on as a reader (a new guest on the next post). */
  forget: () => void;
  /** The server's word on who this reader is: Parley's id, handle and current role. */
  adoptUser: (user: User) => void;
  /** The session expired: a host's reader asks the page for a token, a guest is forgotten. */
  expired: () => void;
}

/** Reads the identity for `host` and follows the host's token and other tabs' sign-ins. */
export function createReader(host: HTMLElement, articleId: string): Reader {
  // A host that signs its readers in passes their token; otherwise the guest kept on this device.
  let hostSession = ssoSession(host.dataset.parleyToken);
  let session: Session | null = hostSession ?? loadSession();
  let effects: ReaderEffects | null = null;

  const reader: Reader = {
    session: () => session,
    token: () => session?.token ?? null,
    hostSession: () => hostSession,
    onHostSession: () => hostSession !== null && session === hostSession,
    connect(next) {
      effects = next;
    },
    adopt(next) {
      session = next;
      effects?.adopted(next);
    },
    dropGuest() {
      clearSession();
      session = null;
    },
    forget() {
      if (!session) return;
      if (session === hostSession) effects?.hostIdentity(null);
      else clearSession();
      reader.adopt(null);
    },
    adoptUser(user) {
      // A host session knows no id until now; any other mismatch is an answer for a token gone.
      if (!session || (session.user.id !== "" && session.user.id !== user.id)) return;
      session.user = user;
      if (session === hostSession) effects?.hostIdentity(user.name);
      else saveSession(session);
      effects?.userUpdated();
    },
    expired() {
      if (!session) return;
      // A host's reader: ask the page for a fresh token (it answers by setting
      // data-parley-token, watched below). A guest: forget the session; the next post makes a
      // new guest with the name still in the form.
      if (session === hostSession) host.dispatchEvent(tokenExpiredEvent(articleId));
      else reader.forget();
    },
  };

  // The host may hand over a fresh token at any time, and does so after `parley:token-expired`.
  watchHostToken(host, (next) => {
    if (next.token === hostSession?.token) return;
    hostSession = next;
    effects?.hostIdentity(next.user.name);
    reader.adopt(next);
  });
  onSessionChange((next) => {
    if (!hostSession && next?.token !== session?.token) reader.adopt(next);
  });
  return reader;
}
