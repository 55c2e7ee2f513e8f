/** The OpenAPI 3 document of the REST API, served at /api/openapi.json. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: { title: "Parley", version: "1.0.0" },
  paths: {},
} as const;
