/**
 * Signs a Parley single sign-on token, as a host site's back end would (docs/sso.md). Used by
 * `parley sso-token`, and importable as is by a Node host.
 */
import { SignJWT } from "jose";

/** The claims Parley reads from a host's token. */
export interface SsoClaims {
  /** The host's stable user id; Parley finds the user by it but never publishes it. */
  sub: string;
  /** Display name, 1 to 50 characters. */
  name: string;
  email?: string;
  /** The host vouches for `email`: Parley mails it without a confirmation link. */
  email_verified?: boolean;
  /** http(s) URL of the user's picture. */
  avatarUrl?: string;
  /** `member` (default) or `moderator`. */
  role?: "member" | "moderator";
}

/**
 * Signs `claims` with HS256 and `secret` (the SSO_SECRET Parley is configured with), valid for
 * `ttlSeconds` from `now` (default one hour from the current time).
 */
export async function signSsoToken(
  secret: string,
  claims: SsoClaims,
  options: { ttlSeconds?: number; now?: Date } = {},
): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? 3600))
    .sign(new TextEncoder().encode(secret));
}
