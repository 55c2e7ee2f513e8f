/**
 * Email preferences, address confirmation (double opt-in) and unsubscribing. A guest's address
 * gets one message, the confirm link, and nothing else until the link is followed; a host's
 * address is trusted when its token says `email_verified`.
 */
import type { EmailPreferencesBody } from "../../shared/schemas.js";
import { CONFIRM_TTL_MS, type LinkTokens } from "../mail/link-tokens.js";
import { type MailLinks, renderConfirmMail } from "../mail/mail-render.js";
import type { Store } from "../store/store.js";
import type { Actor } from "./auth.service.js";
import type { Clock } from "./clock.js";
import { AppError } from "../core/app-error.js";
import { newId } from "../core/ids.js";
import type { RateLimit } from "./rate-limits.js";

export interface EmailServiceDeps {
  store: Store;
  clock: Clock;
  tokens: LinkTokens;
  links: () => MailLinks;
  /** False when email is off (production without SMTP_URL): nothing is ever enqueued. */
  enabled: boolean;
  /** Confirmation messages per user and per address: a form cannot be used to flood a mailbox. */
  confirmationsPerUser: RateLimit;
  confirmationsPerAddress: RateLimit;
}

export function createEmailService(deps: EmailServiceDeps) {
  const { store, clock } = deps;

  function requireActor(actor: Actor | null): Actor {
    if (!actor) throw new AppError("unauthorized", "Sign in to change email settings");
    return actor;
  }

  /** Enqueues the confirm link for `email` (bounded per user and per address). */
  async function sendConfirmation(userId: string, name: string, email: string): Promise<void> {
    if (!deps.enabled) return;
    await deps.confirmationsPerUser.consume(userId);
    await deps.confirmationsPerAddress.consume(email.toLowerCase());
    const now = clock.now();
    const links = deps.links();
    const token = deps.tokens.sign({
      p: "confirm",
      u: userId,
      e: email,
      x: now.getTime() + CONFIRM_TTL_MS,
    });
    const id = newId();
    const mail = renderConfirmMail(
      email,
      name,
      id,
      `${links.base}/email/confirm?token=${token}`,
      links,
    );
    await store.enqueueOutbox([
      {
        id,
        kind: "email",
        target: email,
        payload: JSON.stringify(mail),
        createdAt: now.toISOString(),
      },
    ]);
  }

  async function preferences(userId: string) {
    const prefs = await store.getEmailPreferences(userId);
    if (!prefs) throw new AppError("not_found", "No such user");
    return prefs;
  }

  return {
    /** After a guest session was made with an address: the confirm link, nothing else. */
    guestCreated: (user: { id: string; name: string }, email: string) =>
      sendConfirmation(user.id, user.name, email),

    async get(actor: Actor | null) {
      return preferences(requireActor(actor).user.id);
    },

    /**
     * Changes what is given. A new or still unconfirmed address gets a confirm link; an address
     * the host verified stays confirmed as long as it is the same.
     */
    async set(actor: Actor | null, input: EmailPreferencesBody) {
      const { user } = requireActor(actor);
      const before = await preferences(user.id);
      const email = input.email !== undefined ? input.email : before.email;
      const after = await store.setEmailPreferences(user.id, {
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.emailReplies !== undefined ? { emailReplies: input.emailReplies } : {}),
        ...(input.emailDelivery !== undefined ? { emailDelivery: input.emailDelivery } : {}),
      });
      if (email !== null && input.email !== undefined && !after.emailConfirmed) {
        await sendConfirmation(user.id, user.name, email);
      }
      return after;
    },

    /** Follows a confirm link: true when the address it names is now confirmed. */
    async confirm(token: string): Promise<boolean> {
      const payload = deps.tokens.verify(token, clock.now().getTime());
      if (!payload || payload.p !== "confirm") return false;
      return store.confirmEmail(payload.u, payload.e);
    },

    /** One-click unsubscribe: reply emails off for the link's user. True when the link is genuine. */
    async unsubscribe(token: string): Promise<boolean> {
      const payload = deps.tokens.verify(token, clock.now().getTime());
      if (!payload || payload.p !== "unsub") return false;
      const user = await store.getUser(payload.u);
      if (!user) return false;
      await store.setEmailPreferences(payload.u, { emailReplies: false });
      return true;
    },
  };
}

export type EmailService = ReturnType<typeof createEmailService>;
