/**
 * The value kinds environment variables are written in (whole numbers, lists, booleans, origins,
 * proxies, URLs), each a zod schema from text to its typed value, with the error an operator sees.
 */
import { z } from "zod";
import { compileTrust, type TrustProxy } from "../core/client-ip.js";

/** `true`/`1` or `false`/`0`. */
export const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
/** A whole number written in plain decimal digits: " ", "0x10" and "1e3" are mistakes, not numbers. */
export const digits = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, "must be a whole number")
  .transform(Number);
/** A whole number from 0 to `max` (default a million). */
export const count = (max = 1_000_000) => digits.pipe(z.number().int().min(0).max(max));

/** Comma-separated list, blanks dropped. */
export const list = z.string().transform((s) =>
  s
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean),
);

/** An absolute http: or https: URL. */
export function isHttpUrl(u: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(u).protocol);
  } catch {
    return false;
  }
}

/** Comma-separated origins, each exactly `scheme://host[:port]`. */
export const origins = list.pipe(
  z.array(
    z.string().refine((o) => {
      try {
        return new URL(o).origin === o;
      } catch {
        return false;
      }
    }, "each origin must look like https://news.example (scheme, host, optional port; no path)"),
  ),
);

/**
 * TRUST_PROXY: `false`/`0` trusts no proxy; a hop count trusts that many proxies in front of
 * Parley (`true`, as earlier versions took it, is one hop); otherwise comma-separated addresses,
 * CIDRs or proxy-addr names (`loopback`, `linklocal`, `uniquelocal`) of the trusted proxies.
 */
export const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === "false") return false;
    if (value === "true") return { hops: 1 };
    if (/^\d{1,3}$/.test(value)) return Number(value) === 0 ? false : { hops: Number(value) };
    const addresses = value
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    try {
      compileTrust({ addresses });
      return { addresses };
    } catch {
      ctx.addIssue({
        code: "custom",
        message:
          "must be false, a hop count, or comma-separated proxy addresses/CIDRs (loopback, 10.0.0.0/8, ...)",
      });
      return z.NEVER;
    }
  });

/** A TCP port number. */
export const portNumber = digits.pipe(z.number().int().min(0).max(65535));

/** An unset optional variable as `null` in the Config, so that every key is always there. */
export const orNull = <T>(value: T | undefined): T | null => value ?? null;

/** A database URL as the store opener wants it. */
export type Database = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/** DATABASE_URL split into the store kind and what opens it. */
export function databaseOf(url: string): Database {
  return url.startsWith("sqlite:")
    ? { kind: "sqlite", path: url.slice("sqlite:".length) }
    : { kind: "postgres", url };
}

/** Milliseconds, from 1 ms to 10 minutes. */
export const timeoutMs = digits.pipe(z.number().int().min(1).max(600_000));
/** Whether `ms` is a value `timeoutMs` accepts (for rules between variables). */
export const validTimeout = (ms: number) => Number.isInteger(ms) && ms >= 1 && ms <= 600_000;
