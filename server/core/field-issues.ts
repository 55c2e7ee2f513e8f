/**
 * zod's issues in the contract's words, for both transports: HTTP puts them in an `invalid_input`
 * body, the socket wrapper in a failed ack. Here, not in http/, so realtime need not import http.
 */
import type { z } from "zod";
import type { FieldIssue } from "../../shared/errors.js";

/** zod issues as the contract's field issues: a dotted path and a message (`root` if none). */
export function fieldIssues(error: z.core.$ZodError, root = "(body)"): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || root,
    message: issue.message,
  }));
}
