/**
 * State-changing API requests speak JSON only. An HTML form can send a cross-site POST without
 * any preflight, but only as form-encoded, multipart or text/plain: refusing every body that is not
 * `application/json` means no page elsewhere can create sessions or post through a reader's browser.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./http-env.js";
import { errorResponse } from "./http-errors.js";

/** `application/json`, with parameters (charset) allowed; `+json` suffixes are not ours to accept. */
const json = /^application\/json\s*(;|$)/i;

/** True when the request carries a body: a non-zero length, or a streamed (chunked) one. */
function hasBody(contentLength: string | undefined, transferEncoding: string | undefined) {
  return transferEncoding !== undefined || (contentLength !== undefined && contentLength !== "0");
}

/** 415 `unsupported_media_type` for a body (or a declared type) that is not JSON. */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async function requireJsonBody(c, next) {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
  const type = c.req.header("content-type");
  const body = hasBody(c.req.header("content-length"), c.req.header("transfer-encoding"));
  // A bodiless DELETE or POST (mark all read) needs no type; a declared non-JSON type is refused
  // even when empty, as a form would send it.
  if ((type === undefined && !body) || (type !== undefined && json.test(type))) return next();
  return errorResponse(
    c,
    "unsupported_media_type",
    "Send the request body as application/json (Content-Type: application/json)",
  );
};
