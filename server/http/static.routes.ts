/** The embed and the demo pages, built by Vite into one folder and served from it. */
import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync } from "node:fs";
import { Hono } from "hono";
import type { AppEnv } from "./http-env.js";
import { errorResponse } from "./http-errors.js";

export function staticRoutes(clientDir: string) {
  const app = new Hono<AppEnv>();
  if (!existsSync(clientDir)) {
    // A checkout that was never built: say how to fix it rather than answer 404s.
    app.get("/", (c) =>
      errorResponse(c, "unavailable", "The embed is not built: run `npm run build`"),
    );
    return app;
  }
  // The build writes .br and .gz copies (scripts/precompress.ts); browsers get those.
  const page = (path: string) => serveStatic({ root: clientDir, path, precompressed: true });
  app.get("/", page("index.html"));
  app.get("/other", page("other.html"));
  app.get("/moderate", page("moderate.html"));
  app.get(
    "/*",
    serveStatic({
      root: clientDir,
      precompressed: true,
      onFound: (path, c) => {
        // The embed's name never changes, so caches must revalidate; hashed assets may be kept.
        const hashed = path.includes("/assets/") || path.includes("/locales/");
        c.header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
        // Catalogues are public data the embed fetches from any host page, as it loads embed.js.
        if (path.includes("/locales/")) c.header("Access-Control-Allow-Origin", "*");
      },
    }),
  );
  return app;
}
