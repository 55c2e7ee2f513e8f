/**
 * What the OpenAPI document says about one route, keyed by the route as Hono registers it
 * (`"GET /api/articles/:articleId/comments"`). Parameters and bodies name the zod schemas the route
 * parses with; everything the document states about them is rendered from those schemas.
 */
import type * as zm from "zod/mini";
import type { ErrorCode } from "../../../shared/errors.js";
import type { security } from "./operation.builders.js";
import type { JsonObject } from "./schemas.js";

/** `"METHOD /path"`, the method upper-case and the path with Hono's `:param` segments. */
export type RouteKey = `${"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} /${string}`;

/** A path parameter: the schema the route parses it with, and what it is. */
export interface PathParam {
  schema: zm.ZodMiniType;
  description: string;
}

/** The query: the object schema the route parses it with, and a line per field. */
export interface QueryDoc {
  schema: zm.ZodMiniObject;
  notes: Record<string, string>;
}

/** One route as the document describes it. */
export interface RouteDoc {
  summary: string;
  description?: string;
  tags: string[];
  /** Who may call: a name from `security`, or OpenAPI security requirements. */
  security: keyof typeof security | JsonObject[];
  params?: Record<string, PathParam>;
  query?: QueryDoc;
  /** Request headers the route reads (OpenAPI parameter objects, `in: "header"`). */
  headers?: JsonObject[];
  /** The JSON body, by the schema the route parses it with (a component of openapi/schemas.ts). */
  body?: { schema: zm.ZodMiniType; required?: boolean };
  /** Success answers by status (`jsonAnswer()`), or every answer for operators' routes. */
  answers: Record<string, JsonObject>;
  /**
   * The API's error codes this route can answer besides those every API call can (`unauthorized`,
   * `internal`, `unavailable`, and with a body `payload_too_large` and `unsupported_media_type`);
   * present, even empty, it makes the route an API operation (error table, request id). Absent:
   * `answers` is the whole story.
   */
  errors?: ErrorCode[];
}

/** A query doc whose notes must name exactly the schema's fields (checked when compiling). */
export function query<S extends zm.ZodMiniObject>(
  schema: S,
  notes: { [K in keyof S["shape"]]: string },
): QueryDoc {
  return { schema, notes };
}
