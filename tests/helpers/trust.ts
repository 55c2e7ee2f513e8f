/**
 * Helpers for the trust-and-safety tests: host single sign-on tokens (signed as a host would,
 * with the example script's function) and a wait for one live event.
 */
import { signSsoToken, type SsoClaims } from "../../scripts/sign-sso-token.js";
import type { ServerToClientEvents } from "../../shared/events.js";
import type { ClientSocket } from "./clients.js";

/** The SSO secret trust tests configure (SSO_SECRET), distinct from the session secret. */
export const SSO_TEST_SECRET = "host-sso-secret-host-sso-secret-0123456789";

/** A host token for `claims`, valid an hour from `now` (the server's pinned clock, if any). */
export function ssoToken(claims: Partial<SsoClaims> & { sub: string }, now?: Date) {
  return signSsoToken(
    SSO_TEST_SECRET,
    { name: `User ${claims.sub}`, ...claims },
    now ? { now } : {},
  );
}

/** A moderator's token for the host's user `sub`. */
export function moderatorToken(sub = "mod-1", now?: Date) {
  return ssoToken({ sub, name: "Moderator", role: "moderator" }, now);
}

/** Resolves with the next `event` on `socket` that satisfies `match`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const raw = socket as unknown as {
      on(e: string, l: (p: never) => void): void;
      off(e: string, l: (p: never) => void): void;
    };
    const timer = setTimeout(() => {
      raw.off(event, listener);
      reject(new Error(`Timed out waiting for: ${event}`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      raw.off(event, listener);
      resolve(payload);
    };
    raw.on(event, listener);
  });
}
