/**
 * How PostgreSQL failures become the domain's words: a database that cannot be reached is
 * `unavailable` (503, retry later), never `internal`, so readiness and clients react correctly.
 */
import { AppError } from "../../core/app-error.js";

/** Socket-level codes Node reports when the server is gone, refusing, or unreachable. */
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs meaning "this server cannot serve you now": admin/crash shutdown (57P01, 57P02),
 * still starting (57P03), too many connections (53300), and every connection exception (08xxx).
 */
const unavailableStates = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Messages pg itself throws (without a code) when a connection dies or never comes up. */
const connectionMessages = [
  "Connection terminated",
  "connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Client was closed and is not queryable",
  // query_timeout: no answer in time; the connection is discarded, the database presumed gone.
  "Query read timeout",
];

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = error.code;
  return typeof code === "string" ? code : undefined;
}

/** True when the error means the connection or server is gone, not that the query was wrong. */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    // 08P01 (protocol violation) is a client bug such as a wrong parameter count, not an outage.
    const connectionClass = code.startsWith("08") && code !== "08P01";
    if (networkCodes.has(code) || unavailableStates.has(code) || connectionClass) {
      return true;
    }
  }
  // AggregateError: Node's happy-eyeballs connect reports each address it tried.
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  const message = error instanceof Error ? error.message : "";
  return connectionMessages.some((m) => message.includes(m));
}

/** True for a unique violation on the named index or constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return codeOf(error) === "23505" && (error as { constraint?: unknown }).constraint === constraint;
}

/**
 * Maps a raw pg error to what the domain expects: AppErrors pass through, a lost database becomes
 * `unavailable`, text PostgreSQL cannot store (a NUL character) becomes `invalid_input`;
 * anything else is returned unchanged, for the boundary to log as `internal`.
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isConnectionError(error)) {
    const unavailable = new AppError("unavailable", "The database is unavailable");
    // Kept for the logs: which failure it was (refused, reset, shut down).
    unavailable.cause = error;
    return unavailable;
  }
  const code = codeOf(error);
  // 22021: invalid byte sequence (NUL in text); 22P05: untranslatable character.
  if (code === "22021" || code === "22P05") {
    return new AppError("invalid_input", "The text holds a character that cannot be stored");
  }
  return error;
}
