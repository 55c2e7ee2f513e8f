/**
 * GET /metrics (Prometheus text). Metrics tell an attacker how busy, how big and how healthy an
 * instance is, so they are not public: with METRICS_TOKEN set a scrape must carry it as a bearer
 * token; where it is mounted at all (main port or METRICS_PORT) is decided in app.ts.
 */
import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { Metrics } from "../metrics.js";
import type { AppEnv } from "./http-env.js";
import { errorResponse } from "./http-errors.js";

/** Constant-time comparison, so a token cannot be guessed one byte at a time from timings. */
function sameToken(given: string, expected: Buffer): boolean {
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

/** The /metrics route; `token` null: open (a private listener, or development). */
export function metricsRoutes(metrics: Metrics, token: string | null) {
  const app = new Hono<AppEnv>();
  const expected = token === null ? null : Buffer.from(token);
  app.get("/metrics", async (c) => {
    if (expected !== null) {
      const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
      if (!match?.[1] || !sameToken(match[1], expected)) {
        c.header("WWW-Authenticate", 'Bearer realm="metrics"');
        return errorResponse(c, "unauthorized", "/metrics needs its bearer token");
      }
    }
    c.header("Content-Type", metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  return app;
}
