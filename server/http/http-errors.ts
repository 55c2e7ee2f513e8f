/** The one mapping from errors to HTTP answers: a contract code, its status, never a stack trace. */
import type { Context } from "hono";
import type { z } from "zod";
import {
  type ErrorBody,
  type ErrorCode,
  errorStatus,
  type FieldIssue,
} from "../../shared/errors.js";
import { AppError, isAppError } from "../core/app-error.js";
import { fieldIssues } from "../core/field-issues.js";
import type { AppEnv } from "./http-env.js";

export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  details?: FieldIssue[],
) {
  const body: ErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  return c.json(body, errorStatus[code]);
}

export function invalidInput(error: z.core.$ZodError, where: string, root?: string): AppError {
  return new AppError("invalid_input", `Invalid ${where}`, { details: fieldIssues(error, root) });
}

/** Hono's onError: known errors keep their code; anything else is logged and becomes `internal`. */
export function handleError(error: unknown, c: Context<AppEnv>) {
  if (isAppError(error)) {
    if (error.extra.retryAfterSeconds !== undefined) {
      c.header("Retry-After", String(error.extra.retryAfterSeconds));
    }
    return errorResponse(c, error.code, error.message, error.extra.details);
  }
  c.get("log").error({ err: error }, "unhandled error");
  return errorResponse(c, "internal", "Something went wrong on our side");
}
