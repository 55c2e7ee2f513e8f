/**
 * The one error type Parley raises, from domain rules and stores alike (so it lives in core/, which
 * every layer may import). It carries a contract code; the HTTP layer and the socket gateway each
 * map it once (status + body, or a failed ack). Anything else is `internal`.
 */
import type { ErrorCode, FieldIssue } from "../../shared/errors.js";

/** A failure the client may be told about, by its contract code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { details?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** Whether `error` is an AppError (a known failure), not a bug to log as `internal`. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The message of the `unauthorized` a deleted account's write gets (a stale token or socket). */
export const accountGone = "This account no longer exists";
