/** zod at the HTTP boundary: bodies, queries and path parameters are parsed before any handler. */
import type { Context } from "hono";
import * as zm from "zod/mini";
import type { z } from "zod";
import { articleIdSchema, idSchema } from "../../shared/schemas.js";
import { AppError } from "../core/app-error.js";
import { invalidInput } from "./http-errors.js";

type Schema = z.core.$ZodType;

/** Parses the JSON body; an empty body counts as `{}` so optional-only bodies may be omitted. */
export async function parseBody<S extends Schema>(
  c: Context,
  schema: S,
): Promise<z.core.output<S>> {
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError("invalid_input", "The body is not valid JSON", {
        details: [{ path: "(body)", message: "must be JSON" }],
      });
    }
  }
  const parsed = zm.safeParse(schema, json);
  if (!parsed.success) throw invalidInput(parsed.error, "body");
  return parsed.data;
}

export function parseQuery<S extends Schema>(c: Context, schema: S): z.core.output<S> {
  const parsed = zm.safeParse(schema, c.req.query());
  if (!parsed.success) throw invalidInput(parsed.error, "query");
  return parsed.data;
}

export function articleParam(c: Context): string {
  const parsed = zm.safeParse(articleIdSchema, c.req.param("articleId"));
  if (!parsed.success) throw invalidInput(parsed.error, "article id", "articleId");
  return parsed.data;
}

export function idParam(c: Context, name = "id"): string {
  const parsed = zm.safeParse(idSchema, c.req.param(name));
  if (!parsed.success) throw invalidInput(parsed.error, name, name);
  return parsed.data;
}
