/**
 * The one error type the domain raises. It carries a contract code; the HTTP layer and the socket
 * gateway each map it once (status + body, or a failed ack). Anything else is `internal`.
 */
import type { ErrorCode, FieldIssue } from "../../shared/errors.js";

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

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The message of the `unauthorized` a deleted account's write gets (a stale token or socket). */
export const accountGone = "This account no longer exists";
