/** OpenAPI paths of health.routes.ts and http-app.ts for operators: liveness, readiness, metrics, and this document itself. */
import { jsonAnswer } from "./operation.builders.js";
import { ref } from "./schemas.js";

const tags = ["operations"];

export const healthPaths = {
  "/healthz": {
    get: {
      summary: "Liveness",
      description: "200 while the process serves requests; it checks no dependency.",
      tags,
      security: [],
      responses: { "200": jsonAnswer("The process serves.", "Health") },
    },
  },

  "/readyz": {
    get: {
      summary: "Readiness",
      description:
        "200 when every dependency answers within 2 seconds (the store, and Redis when configured) and no shutdown has begun; 503 otherwise, with the same shape.",
      tags,
      security: [],
      responses: {
        "200": jsonAnswer("Ready to take traffic.", "Readiness"),
        "503": {
          description: "Not ready: a dependency is down, or the instance is shutting down.",
          content: { "application/json": { schema: ref("Readiness") } },
        },
      },
    },
  },

  "/metrics": {
    get: {
      summary: "Prometheus metrics",
      description:
        "Prometheus text format: `parley_*` counters and gauges of this instance, plus Node.js process metrics. Not public by default: with `METRICS_TOKEN` set it needs `Authorization: Bearer <METRICS_TOKEN>`; with `METRICS_PORT` set it is served only on that port (404 here); in production with neither it answers 404. See docs/security.md.",
      tags,
      security: [{}, { metricsToken: [] }],
      responses: {
        "200": {
          description: "The metrics.",
          content: { "text/plain; version=0.0.4; charset=utf-8": { schema: { type: "string" } } },
        },
        "401": {
          description:
            "`unauthorized`: `METRICS_TOKEN` is set and the bearer token is missing or wrong.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        "404": {
          description:
            "`not_found`: metrics are served on `METRICS_PORT`, or in production with no `METRICS_TOKEN`.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  },

  "/api/openapi.json": {
    get: {
      summary: "This document",
      tags,
      security: [],
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document of the REST API.",
          content: { "application/json": { schema: { type: "object" } } },
        },
      },
    },
  },
};
