/**
 * `parley sso-token`: prints a single sign-on token signed with SSO_SECRET, for trying SSO by hand
 * or from a host's shell scripts. The secret comes from the environment only: a command-line
 * argument would show in `ps` and in shell history.
 */
import { z } from "zod";
import { type CliCommand, parseCommandArgs, UsageError } from "./cli-command.js";
import { signSsoToken } from "./sign-sso-token.js";

const usage = `usage: SSO_SECRET=... parley sso-token --sub ID --name NAME [options]

Prints a host token (HS256 JWT) Parley accepts when configured with the same SSO_SECRET.

Options:
  --sub ID             the host's stable user id (Parley finds the user by it)   required
  --name NAME          display name, 1 to 50 characters                           required
  --email EMAIL        never shown to anyone
  --avatar-url URL     http(s) URL of the user's picture
  --role ROLE          member (default) or moderator
  --ttl SECONDS        lifetime, default 3600
  -h, --help           show this help
`;

/** What the flags must hold; the server checks the same claims again when the token arrives. */
const flagsSchema = z.object({
  secret: z.string({ error: "not set" }).min(1, "not set"),
  sub: z.string({ error: "required" }).min(1).max(200),
  name: z.string({ error: "required" }).trim().min(1).max(50),
  email: z.email().optional(),
  avatarUrl: z.url({ protocol: /^https?$/ }).optional(),
  role: z.enum(["member", "moderator"]),
  ttlSeconds: z.coerce.number().int().positive().max(31_536_000),
});

/** How each field is spelled where the user typed it. */
const labels: Record<string, string> = {
  secret: "SSO_SECRET",
  avatarUrl: "--avatar-url",
  ttlSeconds: "--ttl",
};

export const command: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs({
      args,
      options: {
        sub: { type: "string" },
        name: { type: "string" },
        email: { type: "string" },
        "avatar-url": { type: "string" },
        role: { type: "string", default: "member" },
        ttl: { type: "string", default: "3600" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const parsed = flagsSchema.safeParse({
      secret: io.env.SSO_SECRET,
      sub: values.sub,
      name: values.name,
      email: values.email,
      avatarUrl: values["avatar-url"],
      role: values.role,
      ttlSeconds: values.ttl,
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? "");
        return `${labels[field] ?? `--${field}`}: ${issue.message}`;
      });
      throw new UsageError(problems.join("; "));
    }
    const { secret, ttlSeconds, ...claims } = parsed.data;
    const token = await signSsoToken(
      secret,
      {
        sub: claims.sub,
        name: claims.name,
        role: claims.role,
        ...(claims.email ? { email: claims.email } : {}),
        ...(claims.avatarUrl ? { avatarUrl: claims.avatarUrl } : {}),
      },
      { ttlSeconds },
    );
    io.stdout(`${token}\n`);
    return 0;
  },
};
