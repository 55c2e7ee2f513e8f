/**
 * Signs a Parley single sign-on token, as a host site's back end would (see docs/sso.md).
 *
 *   SSO_SECRET=... npx tsx scripts/sign-sso-token.ts --sub 42 --name "Ada Lovelace" \
 *     [--email ada@example.com] [--avatar-url https://...] [--role member|moderator] [--ttl 3600]
 *
 * Prints the token on stdout. `signSsoToken` is the same thing as a function, for Node hosts.
 */
import { SignJWT } from "jose";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";

/** The claims Parley reads from a host's token. */
export interface SsoClaims {
  /** The host's stable user id; Parley's user id becomes `sso:<sub>`. */
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: "string" },
      name: { type: "string" },
      email: { type: "string" },
      "avatar-url": { type: "string" },
      role: { type: "string", default: "member" },
      ttl: { type: "string", default: "3600" },
    },
  });
  const secret = process.env.SSO_SECRET;
  const ttlSeconds = Number(values.ttl);
  if (!secret || !values.sub || !values.name || !Number.isInteger(ttlSeconds)) {
    console.error(
      "usage: SSO_SECRET=... sign-sso-token.ts --sub ID --name NAME [--email E] " +
        "[--avatar-url URL] [--role member|moderator] [--ttl SECONDS]",
    );
    process.exit(2);
  }
  if (values.role !== "member" && values.role !== "moderator") {
    console.error("--role must be member or moderator");
    process.exit(2);
  }
  const token = await signSsoToken(
    secret,
    {
      sub: values.sub,
      name: values.name,
      role: values.role,
      ...(values.email ? { email: values.email } : {}),
      ...(values["avatar-url"] ? { avatarUrl: values["avatar-url"] } : {}),
    },
    { ttlSeconds },
  );
  console.log(token);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
