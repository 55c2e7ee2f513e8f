/**
 * The OpenAPI 3.1 document of the REST API, served at /api/openapi.json. Schemas come from the
 * shared zod schemas (openapi/schemas.ts); paths mirror the *.routes.ts files one to one, which
 * tests/unit/openapi.test.ts checks against the routes the Hono app registers.
 */
import { accountPaths } from "./openapi/account.paths.js";
import { emailPaths } from "./openapi/email.paths.js";
import { commentPaths } from "./openapi/comments.paths.js";
import { errorResponses, headers, parameters } from "./openapi/operation.builders.js";
import { healthPaths } from "./openapi/health.paths.js";
import { ownDataPaths } from "./openapi/own-data.paths.js";
import { pinPaths } from "./openapi/pins.paths.js";
import { componentSchemas } from "./openapi/schemas.js";
import { trustPaths } from "./openapi/trust.paths.js";

/** The whole document; built once, from pure data, when the module loads. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Parley",
    version: "1.0.0",
    summary: "Live comments for news sites",
    description:
      "The REST half of Parley's wire contract. Live events travel over Socket.IO on the same port (`/socket.io/`); see docs/protocol.md. Timestamps are ISO 8601 UTC with milliseconds; ids are opaque strings. Reading needs no token; writing does (`Authorization: Bearer <token>`, a guest token from `POST /api/sessions` or the host site's single sign-on JWT). Request bodies are limited to 64 KiB.",
    license: { name: "MIT", identifier: "MIT" },
  },
  servers: [{ url: "/", description: "The Parley instance serving this document" }],
  tags: [
    { name: "comments", description: "Threads, catch-up and writes" },
    { name: "identity", description: "Guest sessions" },
    { name: "notifications", description: "The bell and the per-article “Notify of” choice" },
    { name: "votes", description: "Up and down votes; `sort=top` orders by score" },
    { name: "moderation", description: "Reports, queues, decisions, article settings, the log" },
    { name: "email", description: "Email preferences, confirm and unsubscribe links" },
    { name: "operations", description: "Health, readiness, metrics" },
  ],
  paths: {
    ...accountPaths,
    ...commentPaths,
    ...trustPaths,
    ...pinPaths,
    ...emailPaths,
    ...ownDataPaths,
    ...healthPaths,
  },
  components: {
    schemas: componentSchemas(),
    responses: errorResponses,
    headers,
    parameters,
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
