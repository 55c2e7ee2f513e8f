/**
 * Per-request context: a request id, a child logger, the client IP, the actor behind the bearer
 * token, and one structured log line when the answer is sent.
 */
import type { IncomingMessage } from "node:http";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AuthService } from "../domain/auth.service.js";
import { AppError } from "../core/app-error.js";
import { newId } from "../core/ids.js";
import type { AppEnv } from "./http-env.js";

/** A caller's `X-Request-Id` is kept when it looks like this; otherwise a new id is made. */
export const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `clientIp` resolves the address behind trusted proxies (client-ip.ts); requests made in-process
 * (`app.request()` in tests) have no Node request and count as "unknown".
 */
export function requestContext(
  logger: Logger,
  clientIp: (req: IncomingMessage) => string,
): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const given = c.req.header("x-request-id");
    const requestId = given && requestIdPattern.test(given) ? given : newId();
    const log = logger.child({ requestId });
    const incoming = (c.env as Partial<AppEnv["Bindings"]> | undefined)?.incoming;
    const ip = incoming ? clientIp(incoming) : "unknown";
    c.set("requestId", requestId);
    c.set("log", log);
    c.set("ip", ip);
    c.set("actor", null);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ip,
        userId: c.get("actor")?.user.id,
      },
      "request",
    );
  };
}

/** Resolves `Authorization: Bearer <token>`; a present but invalid token is `unauthorized`. */
export function authenticate(auth: AuthService): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    const header = c.req.header("authorization");
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await auth.authenticate(match[1]) : null;
      if (!actor) throw new AppError("unauthorized", "The token is missing, expired or invalid");
      c.set("actor", actor);
    }
    await next();
  };
}
