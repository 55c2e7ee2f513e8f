/**
 * Signed tokens for links in messages: confirm an address, unsubscribe. HMAC-SHA256 with a key
 * derived from TOKEN_SECRET (never the secret itself, so a link can never pass as a session),
 * checked in constant time. An unsubscribe link works for ever (RFC 8058 asks that it keep
 * working); a confirm link names the address it confirms and expires.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const payloadSchema = z.discriminatedUnion("p", [
  z.object({ p: z.literal("unsub"), u: z.string().min(1).max(200) }),
  z.object({
    p: z.literal("confirm"),
    u: z.string().min(1).max(200),
    e: z.string().min(3).max(254),
    /** Expiry, ms since the epoch. */
    x: z.number().int(),
  }),
]);

export type LinkPayload = z.infer<typeof payloadSchema>;

/** How long a confirm link may be followed. */
export const CONFIRM_TTL_MS = 7 * 24 * 3600 * 1000;

export function createLinkTokens(tokenSecret: string) {
  const key = createHmac("sha256", tokenSecret).update("parley email links v1").digest();
  const mac = (data: string) => createHmac("sha256", key).update(data).digest();

  return {
    sign(payload: LinkPayload): string {
      const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
      return `${data}.${mac(data).toString("base64url")}`;
    },
    /** The payload when the token is genuine (and, for confirm, unexpired); else null. */
    verify(token: string, nowMs: number): LinkPayload | null {
      if (token.length > 1024) return null;
      const [data, signature, extra] = token.split(".");
      if (!data || !signature || extra !== undefined) return null;
      const given = Buffer.from(signature, "base64url");
      const expected = mac(data);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(data, "base64url").toString("utf8"));
      } catch {
        return null;
      }
      const parsed = payloadSchema.safeParse(json);
      if (!parsed.success) return null;
      if (parsed.data.p === "confirm" && parsed.data.x < nowMs) return null;
      return parsed.data;
    },
  };
}

export type LinkTokens = ReturnType<typeof createLinkTokens>;
