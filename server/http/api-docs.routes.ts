/**
 * The API's own documents: `/api/openapi.json` (REST) and `/api/asyncapi.json` (Socket.IO events),
 * both generated on first request, and the reference page `/api/docs` (Swagger UI from the
 * swagger-ui-dist package, served from node_modules by Parley itself, never from a CDN).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type Context, Hono } from "hono";
import * as zm from "zod/mini";
import { buildAsyncApiDocument } from "./asyncapi.js";
import { EncodedBody, matchesEtag } from "./encoding.js";
import type { AppEnv } from "./http-env.js";
import { errorResponse } from "./http-errors.js";
import { buildOpenApiDocument, type RegisteredRoute } from "./openapi.js";
import { docsAssetSchema } from "./openapi/params.js";

/**
 * The reference page runs only our own files: no inline script, no other origin. Swagger UI's
 * stylesheet inlines its icons as data: URIs; it fetches the document from this origin.
 */
export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`;

// A file rather than an inline script, so the page's CSP needs no 'unsafe-inline'.
const start = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
`;

/** The page's files: media type, and where the text comes from. */
const assets: Record<zm.output<typeof docsAssetSchema>, { type: string; from: string }> = {
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", from: "swagger-ui-dist" },
  "swagger-ui.css": { type: "text/css; charset=utf-8", from: "swagger-ui-dist" },
  "start.js": { type: "text/javascript; charset=utf-8", from: start },
};

/** A text made once, with its encoded variants and a strong ETag. */
interface Served {
  body: EncodedBody;
  etag: string;
  type: string;
}

function served(text: string, type: string, body = new EncodedBody(text)): Served {
  const hash = createHash("sha256").update(text).digest("base64url").slice(0, 27);
  return { body, etag: `"${hash}"`, type };
}

/** Answers with the variant the client accepts; 304 when it holds this version. */
function send(c: Context<AppEnv>, file: Served) {
  c.header("Cache-Control", "public, no-cache");
  c.header("ETag", file.etag);
  c.header("Vary", "Accept-Encoding");
  if (matchesEtag(c.req.header("if-none-match"), file.etag)) return c.body(null, 304);
  const { encoding, body } = file.body.for(c.req.header("accept-encoding"));
  c.header("Content-Type", file.type);
  if (encoding !== "identity") c.header("Content-Encoding", encoding);
  return c.body(typeof body === "string" ? body : new Uint8Array(body));
}

/** Routes mounted at /; `routes` lists the app's routes once they are all registered. */
export function apiDocsRoutes(routes: () => readonly RegisteredRoute[]) {
  const app = new Hono<AppEnv>();
  const json = "application/json; charset=utf-8";
  let openApi: Served | undefined;
  let asyncApi: Served | undefined;
  const files = new Map<string, Promise<Served>>();
  // Where npm put the package; looked up when the app is built, not when this module loads.
  const swaggerUiDir = dirname(
    createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
  );

  app.get("/api/openapi.json", (c) =>
    send(c, (openApi ??= served(JSON.stringify(buildOpenApiDocument(routes())), json))),
  );
  app.get("/api/asyncapi.json", (c) =>
    send(c, (asyncApi ??= served(JSON.stringify(buildAsyncApiDocument()), json))),
  );
  app.get("/api/docs", (c) => {
    c.header("Content-Security-Policy", docsContentSecurityPolicy);
    c.header("Cache-Control", "no-cache");
    return c.html(page);
  });
  app.get("/api/docs/:asset", async (c) => {
    const name = zm.safeParse(docsAssetSchema, c.req.param("asset"));
    if (!name.success) return errorResponse(c, "not_found", "No such file");
    const asset = assets[name.data];
    let file = files.get(name.data);
    if (!file) {
      const text =
        asset.from === "swagger-ui-dist"
          ? readFile(join(swaggerUiDir, name.data), "utf8")
          : Promise.resolve(asset.from);
      file = text.then(async (t) => served(t, asset.type, await EncodedBody.precompressed(t)));
      // A failed read is not kept: the next request tries again.
      file.catch(() => files.delete(name.data));
      files.set(name.data, file);
    }
    return send(c, await file);
  });
  return app;
}
