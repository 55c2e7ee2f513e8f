/**
 * Building blocks of the OpenAPI operations: the shared error responses (one per contract code),
 * headers, and `renderOperation()`, which turns a route's doc (route-doc.ts) into an operation:
 * parameters rendered from the zod schemas the route parses with, plus what every API call shares.
 */
import type * as zm from "zod/mini";
import { type ErrorCode, errorStatus } from "../../../shared/errors.js";
import { limits } from "../../../shared/limits.js";
import { requestIdPattern } from "../request-context.js";
import type { RouteDoc } from "./route-doc.js";
import { type JsonObject, jsonSchemaOf, ref, refTo } from "./schemas.js";

/** What each error code means on this API, for the document's shared responses. */
const errorMeaning: Record<ErrorCode, string> = {
  invalid_input:
    "The input is invalid: `details` lists each field problem (`path`, `message`). Also a body that is not JSON, a cursor of another listing, and a comment refused for banned words.",
  unauthorized:
    "A token is required and missing, or a token was sent and is expired, wrongly signed or malformed. Any call with an invalid `Authorization` header gets this, even one that needs no token.",
  forbidden: "The caller is known but may not do this.",
  not_found: "No such comment (pending comments are not found by other users), or no such route.",
  conflict: "The request conflicts with the current state.",
  payload_too_large: `The request body is over ${limits.httpBodyMaxBytes / 1024} KiB.`,
  unsupported_media_type:
    "The request has a body (or a declared `Content-Type`) that is not `application/json`. HTML forms cannot send JSON, so no other site's form can change anything here.",
  rate_limited: "Too many requests; retry after the number of seconds in `Retry-After`.",
  internal: "Something failed on the server. The answer never holds a stack trace.",
  unavailable: "A dependency (the database) is unavailable; retry later.",
};

const requestIdHeader = {
  description: `The request's id: the caller's \`X-Request-Id\` when it matched \`${requestIdPattern.source}\`, else a new one. It is in the server's log line of the request.`,
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

const requestIdParameter = {
  name: "X-Request-Id",
  in: "header",
  required: false,
  description: "Optional id to trace the request in the server's logs; echoed in the answer.",
  schema: { type: "string", pattern: requestIdPattern.source },
};

/** A JSON success answer with the component rendered from this schema. */
export function jsonAnswer(description: string, schema: zm.ZodMiniType): JsonObject {
  return {
    description,
    headers: withRequestId,
    content: { "application/json": { schema: refTo(schema) } },
  };
}

/** Who may call: anyone (a token only identifies), or only a bearer of a token. */
export const security = {
  none: [],
  optional: [{}, { bearerAuth: [] }],
  required: [{ bearerAuth: [] }],
};

/**
 * A query field as the API documents it. Query strings are text: a field that is a digit string
 * parsed into a bounded number is an integer parameter with that number's bounds.
 */
function queryFieldSchema(input: JsonObject, output: JsonObject | undefined): JsonObject {
  const digits = typeof input.pattern === "string" && input.pattern.startsWith("^\\d");
  if (input.type !== "string" || output?.type !== "number" || !digits) return input;
  const { minimum, maximum } = output;
  return {
    type: "integer",
    minimum,
    maximum,
    ...(input.default === undefined ? {} : { default: Number(input.default) }),
  };
}

function parameters(doc: RouteDoc): JsonObject[] {
  const inPath = Object.entries(doc.params ?? {}).map(([name, { schema, description }]) => ({
    name,
    in: "path",
    required: true,
    description,
    schema: jsonSchemaOf(schema, "input"),
  }));
  if (!doc.query) return [...inPath, ...(doc.headers ?? [])];
  const { schema, notes } = doc.query;
  const input = jsonSchemaOf(schema, "input");
  const output = jsonSchemaOf(schema, "output");
  const fields = input.properties as Record<string, JsonObject>;
  const bounded = output.properties as Record<string, JsonObject>;
  const required = new Set(input.required as string[] | undefined);
  const inQuery = Object.entries(fields).map(([name, field]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(notes[name] ? { description: notes[name] } : {}),
    schema: queryFieldSchema(field, bounded[name]),
  }));
  return [...inPath, ...inQuery, ...(doc.headers ?? [])];
}

/** The OpenAPI operation of one route. */
export function renderOperation(doc: RouteDoc): JsonObject {
  const common = {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: doc.tags,
    security: Array.isArray(doc.security) ? doc.security : security[doc.security],
  };
  // Operators' and documents' routes answer what they say, without the API's error table.
  if (doc.errors === undefined) {
    const params = parameters(doc);
    return { ...common, ...(params.length ? { parameters: params } : {}), responses: doc.answers };
  }
  // Every API call answers a bad token 401 (authenticate() runs on all of /api); every operation
  // with a body refuses one over the limit or not JSON (http-app.ts, media-type.ts).
  const bodyCodes: ErrorCode[] = doc.body ? ["payload_too_large", "unsupported_media_type"] : [];
  const always: ErrorCode[] = ["unauthorized", "internal", "unavailable"];
  const codes = new Set<ErrorCode>([...doc.errors, ...bodyCodes, ...always]);
  const errors = [...codes]
    .sort((a, b) => errorStatus[a] - errorStatus[b])
    .map((code) => [String(errorStatus[code]), { $ref: `#/components/responses/${code}` }]);
  const body = doc.body && {
    required: doc.body.required ?? true,
    content: { "application/json": { schema: refTo(doc.body.schema) } },
  };
  return {
    ...common,
    parameters: [...parameters(doc), requestIdParameter],
    ...(body ? { requestBody: body } : {}),
    responses: { ...doc.answers, ...Object.fromEntries(errors) },
  };
}

/** A `$ref` to the shared Error schema, for operators' routes that answer errors. */
export const errorSchemaRef = ref("Error");
