/**
 * Every limit the generated documents state (minLength, maxLength, minimum, maximum, minItems,
 * maxItems) is the one the schema enforces: each is proven by parsing with the very zod schema
 * the route or socket handler parses with, at the limit (accepted) and one past it (refused).
 * A limit copied by hand and wrong (as `/changes?after=` once stated 2^53-1 while its parser
 * refused anything from 10^9) fails here.
 */
import { describe, expect, it } from "vitest";
import * as zm from "zod/mini";
import { changesQuery } from "../../shared/schemas.js";
import { buildAsyncApiDocument } from "../../server/http/asyncapi.js";
import { commandDocs } from "../../server/http/asyncapi/events.docs.js";
import { buildOpenApiDocument, routeDocs } from "../../server/http/openapi.js";
import type { RouteDoc, RouteKey } from "../../server/http/openapi/route-doc.js";
import { refTo } from "../../server/http/openapi/schemas.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Schema = zm.ZodMiniType;

const limitKeys = ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"];
const wrappers = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "catch",
  "readonly",
  "nonoptional",
]);

/** The schema under optional/nullable/default/catch wrappers: where a field's own checks live. */
function unwrap(schema: Schema): Schema {
  let node = schema as unknown as { _zod: { def: { type: string; innerType?: Schema } } };
  while (wrappers.has(node._zod.def.type) && node._zod.def.innerType) {
    node = node._zod.def.innerType;
  }
  return node as unknown as Schema;
}

const def = (schema: Schema) =>
  (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;

/** A value of this length (or size) that is otherwise valid for the field. */
function sized(json: Json, n: number, asText: boolean): unknown {
  if (json.type === "array") return Array.from({ length: n }, (_, i) => `id${i}`);
  if (json.type === "integer" || json.type === "number") return asText ? String(n) : n;
  if (json.format === "email") return `${"a".repeat(Math.max(1, n - 12))}@example.com`;
  return "a".repeat(n);
}

const accepts = (schema: Schema, value: unknown) => zm.safeParse(schema, value).success;

interface Probe {
  where: string;
  limit: string;
  stated: number;
  holds: boolean;
}

/** Probes each limit `json` states against `schema`; `asText`: query and path values are text. */
function probeLimits(json: Json, schema: Schema, where: string, asText: boolean): Probe[] {
  const probes: Probe[] = [];
  for (const limit of limitKeys) {
    const stated = json[limit] as number | undefined;
    if (stated === undefined) continue;
    const upper = limit.startsWith("max");
    const at = sized(json, stated, asText);
    const past = sized(json, upper ? stated + 1 : stated - 1, asText);
    const refusesPast = stated === 0 && !upper ? true : !accepts(schema, past);
    probes.push({ where, limit, stated, holds: accepts(schema, at) && refusesPast });
  }
  return probes;
}

/** Walks a rendered JSON Schema beside the zod schema it came from, probing every stated limit. */
function walk(json: Json, schema: Schema, where: string, asText: boolean, doc: Json): Probe[] {
  if (typeof json.$ref === "string") {
    const target = json.$ref
      .slice(2)
      .split("/")
      .reduce<Json>((node, key) => node[key] as Json, doc);
    return walk(target, schema, where, asText, doc);
  }
  const zod = unwrap(schema);
  const probes = probeLimits(json, zod, where, asText);
  for (const branch of (json.anyOf as Json[] | undefined) ?? []) {
    if (branch.type !== "null") probes.push(...walk(branch, zod, where, asText, doc));
  }
  const properties = json.properties as Record<string, Json> | undefined;
  if (properties) {
    const shape = def(zod).shape as Record<string, Schema> | undefined;
    expect(shape, `${where} is an object schema`).toBeDefined();
    for (const [name, property] of Object.entries(properties)) {
      probes.push(...walk(property, shape![name]!, `${where}.${name}`, asText, doc));
    }
  }
  if (json.items && def(zod).type === "array") {
    probes.push(...walk(json.items as Json, def(zod).element as Schema, `${where}[]`, asText, doc));
  }
  return probes;
}

const openApi: Json = buildOpenApiDocument(
  Object.keys(routeDocs).map((key) => {
    const [method = "", path = ""] = key.split(" ");
    return { method, path };
  }),
);

/** Every stated limit of the REST document, probed against the route's own schemas. */
function restProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const [key, routeDoc] of Object.entries(routeDocs) as [string, RouteDoc][]) {
    const [method = "", path = ""] = key.split(" ");
    const op = openApi.paths[path.replace(/:([A-Za-z]+)/g, "{$1}")][method.toLowerCase()] as Json;
    for (const parameter of (op.parameters as Json[] | undefined) ?? []) {
      const where = `${key} ${parameter.in} ${parameter.name}`;
      if (parameter.in === "path") {
        const schema = routeDoc.params![parameter.name as string]!.schema;
        probes.push(...walk(parameter.schema as Json, schema, where, true, openApi));
      } else if (parameter.in === "query") {
        const schema = (def(routeDoc.query!.schema).shape as Record<string, Schema>)[
          parameter.name as string
        ]!;
        probes.push(...walk(parameter.schema as Json, schema, where, true, openApi));
      }
    }
    if (routeDoc.body) {
      const body = refTo(routeDoc.body.schema);
      probes.push(...walk(body, routeDoc.body.schema, `${key} body`, false, openApi));
    }
  }
  return probes;
}

describe("documented limits are the schemas' own", () => {
  it("holds for every parameter and body field of the REST document", () => {
    const probes = restProbes();
    expect(probes.filter((p) => !p.holds)).toEqual([]);
    // The walk reached the parameters and the nested body fields, not just the top level.
    const where = probes.map((p) => `${p.where} ${p.limit}`);
    expect(where).toContain("GET /api/articles/:articleId/changes query after maximum");
    expect(where).toContain("GET /api/moderation/log query limit maximum");
    expect(where).toContain("POST /api/articles/:articleId/comments body.body maxLength");
    expect(where).toContain("POST /api/articles/:articleId/comments body.page.url maxLength");
    expect(where).toContain("POST /api/notifications/read body.ids maxItems");
    expect(where).toContain("POST /api/sessions body.email maxLength");
    expect(where).toContain("DELETE /api/users/:id path id maxLength");
    expect(probes.length).toBeGreaterThan(50);
  });

  it("holds for every command payload of the AsyncAPI document", () => {
    const asyncApi: Json = buildAsyncApiDocument();
    const probes = Object.entries(commandDocs).flatMap(([event, entry]) => {
      const message = asyncApi.components.messages[event.replaceAll(":", ".")] as Json;
      return walk(message.payload as Json, entry.payload, event, false, asyncApi);
    });
    expect(probes.filter((p) => !p.holds)).toEqual([]);
    expect(probes.map((p) => `${p.where} ${p.limit}`)).toContain("comment:post.body maxLength");
  });

  it("would catch a limit the schema does not hold (the old `after` bound)", () => {
    const stated = { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
    const after = (def(changesQuery).shape as Record<string, Schema>).after!;
    const [minimum, maximum] = probeLimits(stated, unwrap(after), "after", true);
    expect(minimum?.holds).toBe(true);
    expect(maximum?.holds).toBe(false);
    const tooShort = { type: "string", maxLength: 4999 };
    const key: RouteKey = "POST /api/articles/:articleId/comments";
    const body = routeDocs[key]!.body!.schema;
    const field = (def(body).shape as Record<string, Schema>).body!;
    expect(probeLimits(tooShort, field, "body", false)[0]?.holds).toBe(false);
  });
});
