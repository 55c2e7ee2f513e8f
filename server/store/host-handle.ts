/**
 * Handles of host (single sign-on) users. Guests own `guest_<digits>`; a host handle is a slug of
 * the display name, a hyphen and a short hash of Parley's random user id, so it can never look
 * like a guest's, never carries the host's `sub` (an e-mail address, say), and two people with the
 * same name still differ. Both stores derive it here and retry with a longer hash on the rare clash.
 */
import { createHash } from "node:crypto";

/** Tries a store makes before giving up on a free handle (each adds two hex digits). */
export const HOST_HANDLE_ATTEMPTS = 8;

/** The display name folded to `[a-z0-9_]`, at most 20 characters; "user" when nothing is left. */
function slug(name: string): string {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 20)
    .replace(/_+$/, "");
  return folded || "user";
}

/** The handle of host user `id` named `name`; `attempt` > 0 after a clash lengthens the hash. */
export function hostHandle(name: string, id: string, attempt = 0): string {
  const hash = createHash("sha256").update(`${id}\u0000${attempt}`).digest("hex");
  return `${slug(name)}-${hash.slice(0, 6 + 2 * attempt)}`;
}
