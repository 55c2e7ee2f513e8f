/**
 * Docs of the operators' routes (health.routes.ts, metrics.routes.ts) and of the API's own
 * documents (api-docs.routes.ts): the OpenAPI and AsyncAPI documents and the reference page.
 */
import { errorSchemaRef, jsonAnswer } from "./operation.builders.js";
import { assetParam } from "./params.js";
import type { RouteDoc, RouteKey } from "./route-doc.js";
import { health, readiness, refTo } from "./schemas.js";

const tags = ["operations"];
const documentHeaders = {
  ETag: { description: "A strong tag of the document.", schema: { type: "string" } },
  "Content-Encoding": {
    description: "`br` or `gzip` when `Accept-Encoding` allows.",
    schema: { type: "string" },
  },
};
const jsonDocument = (description: string) => ({
  "200": {
    description,
    headers: documentHeaders,
    content: { "application/json": { schema: { type: "object" } } },
  },
  "304": { description: "`If-None-Match` names the current ETag." },
});

/** Route docs of the operators' routes and of api-docs.routes.ts. */
export const operationsDocs: Partial<Record<RouteKey, RouteDoc>> = {
  "GET /healthz": {
    summary: "Liveness",
    description: "200 while the process serves requests; it checks no dependency.",
    tags,
    security: "none",
    answers: { "200": jsonAnswer("The process serves.", health) },
  },

  "GET /readyz": {
    summary: "Readiness",
    description:
      "200 when every dependency answers within 2 seconds (the store, and Redis when configured) and no shutdown has begun; 503 otherwise, with the same shape.",
    tags,
    security: "none",
    answers: {
      "200": jsonAnswer("Ready to take traffic.", readiness),
      "503": {
        description: "Not ready: a dependency is down, or the instance is shutting down.",
        content: { "application/json": { schema: refTo(readiness) } },
      },
    },
  },

  "GET /metrics": {
    summary: "Prometheus metrics",
    description:
      "Prometheus text format: `parley_*` counters and gauges of this instance, plus Node.js process metrics. Not public by default: with `METRICS_TOKEN` set it needs `Authorization: Bearer <METRICS_TOKEN>`; with `METRICS_PORT` set it is served only on that port (404 here); in production with neither it answers 404. See docs/security.md.",
    tags,
    security: [{}, { metricsToken: [] }],
    answers: {
      "200": {
        description: "The metrics.",
        content: { "text/plain; version=0.0.4; charset=utf-8": { schema: { type: "string" } } },
      },
      "401": {
        description:
          "`unauthorized`: `METRICS_TOKEN` is set and the bearer token is missing or wrong.",
        content: { "application/json": { schema: errorSchemaRef } },
      },
      "404": {
        description:
          "`not_found`: metrics are served on `METRICS_PORT`, or in production with no `METRICS_TOKEN`.",
        content: { "application/json": { schema: errorSchemaRef } },
      },
    },
  },

  "GET /api/openapi.json": {
    summary: "This document",
    description:
      "Generated from the routes the instance serves and the zod schemas they parse with.",
    tags,
    security: "none",
    answers: jsonDocument("The OpenAPI 3.1 document of the REST API."),
  },

  "GET /api/asyncapi.json": {
    summary: "The Socket.IO events",
    description:
      "An AsyncAPI 3.0 document of the live events on `/socket.io/`: commands the client sends (with the shape of their acknowledgement) and facts the server pushes. Generated from the shared event maps and their zod schemas.",
    tags,
    security: "none",
    answers: jsonDocument("The AsyncAPI 3.0 document."),
  },

  "GET /api/docs": {
    summary: "The API reference page",
    description:
      "Swagger UI over this document, served by Parley itself (no third-party host), with a Content-Security-Policy of its own.",
    tags,
    security: "none",
    answers: {
      "200": {
        description: "The page.",
        content: { "text/html; charset=UTF-8": { schema: { type: "string" } } },
      },
    },
  },

  "GET /api/docs/:asset": {
    summary: "The reference page's script and style",
    description: "Swagger UI's script and stylesheet, and the page's start script.",
    tags,
    security: "none",
    params: { asset: assetParam },
    answers: {
      "200": { description: "The file, compressed as `Accept-Encoding` allows." },
      "404": {
        description: "No such file.",
        content: { "application/json": { schema: errorSchemaRef } },
      },
    },
  },
};
