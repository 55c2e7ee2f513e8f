/**
 * The OpenAPI 3.1 document of the REST API, served at /api/openapi.json. It is generated: the
 * paths are the routes the Hono app registers (`app.routes`), each described by its entry in the
 * docs tables (openapi/*.docs.ts) with the zod schemas the route parses with; parameters, bodies
 * and answers are rendered from those schemas (openapi/schemas.ts), never written by hand.
 */
import { limits } from "../../shared/limits.js";
import { COMPRESS_THRESHOLD } from "./encoding.js";
import { accountDocs } from "./openapi/account.docs.js";
import { commentDocs } from "./openapi/comments.docs.js";
import { emailDocs } from "./openapi/email.docs.js";
import { errorResponses, headers, renderOperation } from "./openapi/operation.builders.js";
import { operationsDocs } from "./openapi/operations.docs.js";
import { ownDataDocs } from "./openapi/own-data.docs.js";
import { pinDocs } from "./openapi/pins.docs.js";
import type { RouteDoc, RouteKey } from "./openapi/route-doc.js";
import { componentSchemas, type JsonObject } from "./openapi/schemas.js";
import { trustDocs } from "./openapi/trust.docs.js";

/** Every route's doc, by `"METHOD /path"` as Hono registers it. */
export const routeDocs: Partial<Record<RouteKey, RouteDoc>> = {
  ...accountDocs,
  ...commentDocs,
  ...trustDocs,
  ...emailDocs,
  ...ownDataDocs,
  ...pinDocs,
  ...operationsDocs,
};

/** A route as `app.routes` lists it. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/** `"METHOD /path"` of each route the app answers (middleware, registered as ALL, left out). */
export function routeKeys(routes: readonly RegisteredRoute[]): string[] {
  const keys = routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)];
}

/** The routes that have no doc: the static embed and demo pages, and nothing else (tested). */
export function undocumentedRoutes(routes: readonly RegisteredRoute[]): string[] {
  return routeKeys(routes).filter((key) => !(key in routeDocs));
}

const description = [
  "The REST half of Parley's wire contract. Live events travel over Socket.IO on the same port (`/socket.io/`): their AsyncAPI 3.0 document is at `/api/asyncapi.json`, and docs/protocol.md explains how the parts behave together.",
  `Timestamps are ISO 8601 UTC with milliseconds; ids are opaque strings. Reading needs no token; writing does (\`Authorization: Bearer <token>\`, a guest token from \`POST /api/sessions\` or the host site's single sign-on JWT). Request bodies are limited to ${limits.httpBodyMaxBytes / 1024} KiB.`,
  `Every JSON answer of the API is compressed as \`Accept-Encoding\` allows (\`br\`, else \`gzip\`) once it is ${COMPRESS_THRESHOLD} bytes or more. Anonymous thread pages carry an \`ETag\` and shared-cache headers (see \`GET /api/articles/{articleId}/comments\`).`,
].join("\n\n");

/** The document for the routes an app registers. */
export function buildOpenApiDocument(routes: readonly RegisteredRoute[]): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const key of routeKeys(routes)) {
    const doc = routeDocs[key as RouteKey];
    if (!doc) continue;
    const [method = "", path = ""] = key.split(" ");
    const templated = path.replace(/:([A-Za-z]+)/g, "{$1}");
    (paths[templated] ??= {})[method.toLowerCase()] = renderOperation(doc);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley",
      version: "1.0.0",
      summary: "Live comments for news sites",
      description,
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/", description: "The Parley instance serving this document" }],
    tags: [
      { name: "comments", description: "Threads, catch-up and writes" },
      { name: "identity", description: "Guest sessions and a person's own data" },
      { name: "notifications", description: "The bell and the per-article “Notify of” choice" },
      { name: "votes", description: "Up and down votes; `sort=top` orders by score" },
      { name: "moderation", description: "Reports, queues, decisions, article settings, the log" },
      { name: "email", description: "Email preferences, confirm and unsubscribe links" },
      { name: "operations", description: "Health, readiness, metrics, these documents" },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      responses: errorResponses,
      headers,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A guest token from `POST /api/sessions`, or the host site's single sign-on JWT (HS256 with its `SSO_SECRET`; claims `sub`, `name`, optional `email`, `avatarUrl`, `role`).",
        },
        metricsToken: {
          type: "http",
          scheme: "bearer",
          description: "The operator's `METRICS_TOKEN`, for Prometheus scrapes of `/metrics`.",
        },
      },
    },
  };
}
