/**
 * Error codes of the public contract, shared by server and embed so both speak the same words.
 * Each code maps to exactly one HTTP status; socket acks carry the code alone.
 */
export const errorStatus = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  /** A request body that is not `application/json` (v1.1). */
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

/** A code from the contract's error table. */
export type ErrorCode = keyof typeof errorStatus;

/** Every code, for schemas and exhaustive tests. */
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** One field problem reported with `invalid_input`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The body of every error answer: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldIssue[] };
}
