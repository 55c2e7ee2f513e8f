/**
 * Building blocks of the OpenAPI operations: the shared error responses (one per contract code),
 * headers, path and query parameters, and `operation()`, which adds what every API call shares.
 */
import { type ErrorCode, errorStatus } from "../../../shared/errors.js";
import { articleIdPattern } from "../../../shared/limits.js";
import { type JsonObject, ref } from "./schemas.js";

/** What each error code means on this API, for the document's shared responses. */
const errorMeaning: Record<ErrorCode, string> = {
  invalid_input:
    "The input is invalid: `details` lists each field problem (`path`, `message`). Also a body that is not JSON, a cursor of another listing, and a comment refused for banned words.",
  unauthorized:
    "A token is required and missing, or a token was sent and is expired, wrongly signed or malformed. Any call with an invalid `Authorization` header gets this, even one that needs no token.",
  forbidden: "The caller is known but may not do this.",
  not_found: "No such comment (pending comments are not found by other users), or no such route.",
  conflict: "The request conflicts with the current state.",
  payload_too_large: "The request body is over 64 KiB.",
  unsupported_media_type:
    "The request has a body (or a declared `Content-Type`) that is not `application/json`. HTML forms cannot send JSON, so no other site's form can change anything here.",
  rate_limited: "Too many requests; retry after the number of seconds in `Retry-After`.",
  internal: "Something failed on the server. The answer never holds a stack trace.",
  unavailable: "A dependency (the database) is unavailable; retry later.",
};

const requestIdHeader = {
  description:
    "The request's id: the caller's `X-Request-Id` when it matched `^[A-Za-z0-9._-]{1,64}$`, else a new one. It is in the server's log line of the request.",
  schema: { type: "string" },
};

/** `components.headers` */
export const headers = {
  "X-Request-Id": requestIdHeader,
  "Retry-After": {
    description: "Seconds until a retry may succeed (at least 1).",
    required: true,
    schema: { type: "integer", minimum: 1 },
  },
};

const withRequestId = { "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" } };

/** `components.responses`: one per error code, named by the code. */
export const errorResponses = Object.fromEntries(
  (Object.keys(errorMeaning) as ErrorCode[]).map((code) => [
    code,
    {
      description: `\`${code}\` (${errorStatus[code]}): ${errorMeaning[code]}`,
      headers:
        code === "rate_limited"
          ? { ...withRequestId, "Retry-After": { $ref: "#/components/headers/Retry-After" } }
          : withRequestId,
      content: { "application/json": { schema: ref("Error") } },
    },
  ]),
);

/** `components.parameters` */
export const parameters = {
  articleId: {
    name: "articleId",
    in: "path",
    required: true,
    description: "An article id; an article exists from its first use.",
    schema: { type: "string", pattern: articleIdPattern.source },
  },
  commentId: {
    name: "id",
    in: "path",
    required: true,
    description: "A comment id.",
    schema: { type: "string", minLength: 1, maxLength: 64 },
  },
  requestId: {
    name: "X-Request-Id",
    in: "header",
    required: false,
    description: "Optional id to trace the request in the server's logs; echoed in the answer.",
    schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,64}$" },
  },
};

/** A parameter of `components.parameters` by name. */
export const param = (name: keyof typeof parameters) => ({
  $ref: `#/components/parameters/${name}`,
});

/** An integer query parameter, sent as decimal digits. */
export function intQuery(
  name: string,
  description: string,
  bounds: { minimum: number; maximum?: number; default: number },
) {
  return {
    name,
    in: "query",
    required: false,
    description,
    schema: { type: "integer", ...bounds },
  };
}

/** A JSON success answer with a named schema. */
export function jsonAnswer(description: string, schema: string) {
  return {
    description,
    headers: withRequestId,
    content: { "application/json": { schema: ref(schema) } },
  };
}

/** A JSON request body with a named schema. */
export function jsonBody(schema: string, required = true) {
  return { required, content: { "application/json": { schema: ref(schema) } } };
}

/** Who may call: anyone (a token only identifies), or only a bearer of a token. */
export const security = {
  optional: [{}, { bearerAuth: [] }],
  required: [{ bearerAuth: [] }],
};

interface OperationSpec {
  summary: string;
  description?: string;
  tags: string[];
  security: JsonObject[];
  parameters?: JsonObject[];
  requestBody?: JsonObject;
  /** Success answers by status. */
  answers: Record<string, JsonObject>;
  /** Error codes this operation can answer besides `internal` and `unavailable`. */
  errors: ErrorCode[];
}

/** An API operation: the request-id header, the given answers, and its error responses. */
export function operation(spec: OperationSpec): JsonObject {
  // Every operation with a body refuses one that is not JSON (media-type.ts).
  const bodyCodes: ErrorCode[] = spec.requestBody ? ["unsupported_media_type"] : [];
  const codes = new Set<ErrorCode>([...spec.errors, ...bodyCodes, "internal", "unavailable"]);
  const errors = [...codes]
    .sort((a, b) => errorStatus[a] - errorStatus[b])
    .map((code) => [String(errorStatus[code]), { $ref: `#/components/responses/${code}` }]);
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    security: spec.security,
    parameters: [...(spec.parameters ?? []), param("requestId")],
    ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    responses: { ...spec.answers, ...Object.fromEntries(errors) },
  };
}
