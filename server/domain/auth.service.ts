/**
 * Identity: guest sessions with Parley's own signed tokens, and the host site's single sign-on
 * tokens. Both are HS256 JWTs; a token is tried as Parley's first, then as the host's.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { hasControlChars, type User } from "../../shared/schemas.js";
import type { Store, UserRecord } from "../store/store.js";
import type { Clock } from "./clock.js";
import type { DomainEvents } from "./domain-events.js";
import { AppError } from "../core/app-error.js";
import { newId } from "../core/ids.js";
import type { RateLimits } from "./rate-limits.js";

/** Who is acting: a stored user. Anonymous readers have no Actor at all. */
export interface Actor {
  user: UserRecord;
}

/** An actor and when the token that named it stops being valid (ms since 1970). */
export interface Identity {
  actor: Actor;
  expiresAtMs: number;
}

export function isModerator(actor: Actor | null): boolean {
  return actor?.user.role === "moderator";
}

/** Parley's session tokens name their issuer so they are never mistaken for the host's. */
const ISSUER = "parley";
/** Guests keep their identity on their device for a year. */
const SESSION_TTL_SECONDS = 365 * 24 * 3600;

/** Claims a host's single sign-on token must carry. */
const ssoClaims = z.object({
  // No control characters, as for guests' names: nothing a store or a log line could choke on.
  sub: z
    .string()
    .min(1)
    .max(128)
    .refine((s) => !hasControlChars(s), "must not contain control characters"),
  name: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .refine((s) => !hasControlChars(s), "must not contain control characters"),
  email: z.string().email().max(254).optional(),
  /** The host vouches for `email` (OpenID Connect's claim): no confirmation link is needed. */
  email_verified: z.boolean().optional(),
  avatarUrl: z
    .string()
    .url()
    .max(2048)
    .refine((u) => /^https?:/.test(u), "must be http(s)")
    .optional(),
  role: z.enum(["member", "moderator"]).default("member"),
});

export interface AuthDeps {
  store: Store;
  clock: Clock;
  limits: RateLimits;
  tokenSecret: string;
  ssoSecret: string | null;
  /** Seconds a host token is accepted after its `iat`, whatever its `exp` says. */
  ssoMaxAgeSeconds: number;
  guestsAllowed: boolean;
  /** Told when a sign-in changed a user's public identity (role, name, avatar). */
  events?: DomainEvents;
}

/** Host clocks drift: a token issued "in the future" by this much is still accepted. */
const CLOCK_TOLERANCE_SECONDS = 5;

export function publicUser(user: UserRecord): User {
  return {
    id: user.id,
    name: user.name,
    handle: user.handle,
    avatarUrl: user.avatarUrl,
    role: user.role,
  };
}

/** How many verified session tokens are remembered (oldest forgotten first): ~2 MB at most. */
const VERIFIED_TOKENS_MAX = 10_000;

/** An HS256 key for jose, imported once per secret. */
function hmacKey(secret: string): Promise<CryptoKey> {
  const raw = new TextEncoder().encode(secret);
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

export function createAuthService(deps: AuthDeps) {
  // Imported once: given raw bytes, jose imports a WebCrypto key on every sign and verify, which
  // cost more than the HMAC itself on the hot path (every authenticated request and handshake).
  const sessionKey = hmacKey(deps.tokenSecret);
  const ssoKey = deps.ssoSecret ? hmacKey(deps.ssoSecret) : null;

  // Session tokens already verified, with subject and expiry. A client sends the same token with
  // every request and handshake; WebCrypto's HMAC (an async job) cost ~90 µs a time. The user row
  // is still read every time, so a change of role or name applies at once.
  const verified = new Map<string, { sub: string; expiresAtMs: number }>();

  async function sessionSubject(
    token: string,
  ): Promise<{ sub: string; expiresAtMs: number } | null> {
    const now = deps.clock.now();
    const known = verified.get(token);
    if (known && now.getTime() < known.expiresAtMs) return known;
    const { payload } = await jwtVerify(token, await sessionKey, {
      issuer: ISSUER,
      algorithms: ["HS256"],
      currentDate: now,
    });
    if (typeof payload.sub !== "string") return null;
    if (verified.size >= VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value!);
    const expiresAtMs = payload.exp === undefined ? Infinity : payload.exp * 1000;
    const subject = { sub: payload.sub, expiresAtMs };
    verified.set(token, subject);
    return subject;
  }

  async function verifySession(token: string): Promise<Identity | null> {
    try {
      const subject = await sessionSubject(token);
      if (subject === null) return null;
      // Read on every request and handshake, on every instance: a deleted account's tokens stop
      // working at once everywhere, with no revocation list to share (the cache above holds
      // only the signature check, never the user).
      const user = await deps.store.getUser(subject.sub);
      return user && user.deletedAt === null
        ? { actor: { user }, expiresAtMs: subject.expiresAtMs }
        : null;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  }

  async function verifySso(token: string): Promise<Identity | null> {
    if (!ssoKey) return null;
    let claims: z.infer<typeof ssoClaims>;
    let issuedAt: number;
    let expiresAtMs: number;
    try {
      // exp is required and iat bounds the lifetime: a host token that never expires, or one
      // signed long ago, would keep a demoted moderator (or a deleted account) signed in.
      const now = deps.clock.now();
      const { payload } = await jwtVerify(token, await ssoKey, {
        algorithms: ["HS256"],
        currentDate: now,
        requiredClaims: ["exp", "iat"],
      });
      const parsed = ssoClaims.safeParse(payload);
      if (!parsed.success || payload.iat === undefined || payload.exp === undefined) return null;
      // Checked here rather than by jose's maxTokenAge, whose tolerance would stretch exp too.
      const age = now.getTime() / 1000 - payload.iat;
      if (age > deps.ssoMaxAgeSeconds || age < -CLOCK_TOLERANCE_SECONDS) return null;
      claims = parsed.data;
      issuedAt = payload.iat;
      expiresAtMs = Math.min(payload.exp, payload.iat + deps.ssoMaxAgeSeconds) * 1000;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
    // Every request carries the token: write only when the host changed something (a read is
    // cheaper than an upsert, and SQLite has one writer).
    const known = await deps.store.getExternalUser(claims.sub);
    // A deleted account stays deleted: the host's token cannot bring it (or its old comments'
    // authorship) back.
    if (known?.deletedAt) return null;
    if (
      known &&
      known.name === claims.name &&
      known.email === (claims.email ?? null) &&
      known.avatarUrl === (claims.avatarUrl ?? null) &&
      known.role === claims.role
    ) {
      return { actor: { user: known }, expiresAtMs };
    }
    // The store keeps whichever claims come from the newest token: an older one, still held by
    // another tab, cannot give back a role the host has since taken away.
    const user = await deps.store.upsertExternalUser({
      id: newId(),
      subject: claims.sub,
      issuedAt,
      name: claims.name,
      email: claims.email ?? null,
      avatarUrl: claims.avatarUrl ?? null,
      role: claims.role,
      createdAt: deps.clock.now().toISOString(),
      emailVerified: claims.email_verified === true,
    });
    if (
      known &&
      (known.role !== user.role || known.name !== user.name || known.avatarUrl !== user.avatarUrl)
    ) {
      deps.events?.emit("user.changed", { user });
    }
    return { actor: { user }, expiresAtMs };
  }

  /** The identity behind a token, or null (see `authenticate`). */
  async function identify(token: string): Promise<Identity | null> {
    if (token.length > 8192) return null;
    const identity = (await verifySession(token)) ?? (await verifySso(token));
    if (identity && identity.actor.user.role === "guest" && !deps.guestsAllowed) return null;
    return identity;
  }

  return {
    /** Creates a guest and its token. Limited per client IP. */
    async createGuestSession(input: { name: string; email?: string | undefined }, ip: string) {
      if (!deps.guestsAllowed)
        throw new AppError("forbidden", "Guest commenting is turned off on this site");
      await deps.limits.sessionsPerIp.consume(ip);
      const user = await deps.store.createGuest({
        id: newId(),
        name: input.name,
        email: input.email ?? null,
        createdAt: deps.clock.now().toISOString(),
      });
      const now = Math.floor(deps.clock.now().getTime() / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(ISSUER)
        .setSubject(user.id)
        .setIssuedAt(now)
        .setExpirationTime(now + SESSION_TTL_SECONDS)
        .sign(await sessionKey);
      return { token, user: publicUser(user) };
    },

    /**
     * The actor behind a token, or null when the token is not valid (expired, wrongly signed,
     * `alg: none`, malformed, or naming an unknown user). Callers turn null into `unauthorized`.
     */
    /**
     * The actor as stored now, or null once their account is deleted: for a long-lived socket,
     * whose actor was read at its handshake, before each write.
     */
    async current(actor: Actor): Promise<Actor | null> {
      const user = await deps.store.getUser(actor.user.id);
      return user && user.deletedAt === null ? { user } : null;
    },

    async authenticate(token: string): Promise<Actor | null> {
      return (await identify(token))?.actor ?? null;
    },

    /** As `authenticate`, with the token's end: a socket's identity ends with it. */
    identify,

    /** A user as stored now, for sockets whose identity changed elsewhere. */
    currentUser(userId: string): Promise<UserRecord | null> {
      return deps.store.getUser(userId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
