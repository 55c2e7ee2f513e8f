/**
 * The Hono application: middleware in order (context and logging, security headers, CORS, body
 * limit, authentication), the API routes, health, metrics, the API's documents and the static embed.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { IncomingMessage } from "node:http";
import { limits } from "../../shared/limits.js";
import type { AccountService } from "../domain/account.service.js";
import type { AuthService } from "../domain/auth.service.js";
import type { CommentService } from "../domain/comment.service.js";
import type { EmailService } from "../domain/email.service.js";
import type { MailCapture } from "../mail/mail-senders.js";
import type { ModerationService } from "../domain/moderation.service.js";
import type { PinService } from "../domain/pin.service.js";
import type { NotificationService } from "../domain/notification.service.js";
import type { VoteService } from "../domain/vote.service.js";
import { accountRoutes } from "./account.routes.js";
import { apiDocsRoutes } from "./api-docs.routes.js";
import { commentRoutes } from "./comments.routes.js";
import { healthRoutes, type ReadinessCheck } from "./health.routes.js";
import { compressJson } from "./encoding.js";
import type { AppEnv } from "./http-env.js";
import { errorResponse, handleError } from "./http-errors.js";
import { refuseDotArticleIds } from "./dot-segments.js";
import { requireJsonBody } from "./media-type.js";
import { moderationRoutes } from "./moderation.routes.js";
import { pinRoutes } from "./pins.routes.js";
import { notificationRoutes } from "./notifications.routes.js";
import { authenticate, requestContext } from "./request-context.js";
import { sessionRoutes } from "./sessions.routes.js";
import { emailLinkRoutes, preferencesRoutes } from "./email.routes.js";
import { staticRoutes } from "./static.routes.js";
import { voteRoutes } from "./votes.routes.js";

export interface HttpAppDeps {
  logger: Logger;
  auth: AuthService;
  comments: CommentService;
  notifications: NotificationService;
  /** A person's own data (export, deletion); unit tests may leave it out. */
  account?: AccountService;
  /** Votes and reports; with `moderation`, mounted when given (unit tests may leave them out). */
  votes?: VoteService;
  /** The moderation API under /api/moderation. */
  moderation?: ModerationService;
  /** Editors' picks (`/api/comments/:id/pin`), mounted with the moderation API. */
  pins: PinService;
  /** The /metrics route when this listener serves it (metrics.routes.ts); absent: 404. */
  metricsRoute?: Hono<AppEnv>;
  readiness: ReadinessCheck[];
  isShuttingDown: () => boolean;
  /** Origins (besides our own) whose pages may call the API. */
  allowedOrigins: string[];
  /** The client address behind trusted proxies (client-ip.ts). */
  clientIp: (req: IncomingMessage) => string;
  /** Where Vite put the embed and demo pages. */
  clientDir: string;
  /** Email preferences and the pages behind links in messages. */
  email?: EmailService;
  /** Development without SMTP_URL: the captured messages, shown at /dev/mail. */
  mailCapture?: MailCapture | null;
}

export function createHttpApp(deps: HttpAppDeps) {
  const app = new Hono<AppEnv>();
  const allowed = new Set(deps.allowedOrigins);

  app.use(requestContext(deps.logger, deps.clientIp));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "https:"],
        connectSrc: ["'self'", "ws:", "wss:"],
        frameAncestors: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
      // The embed is loaded by other sites' pages: it must be fetchable cross-origin.
      crossOriginResourcePolicy: "cross-origin",
      crossOriginEmbedderPolicy: false,
      // A route that sets a header itself keeps it: the API reference page has a CSP of its own.
      overwrite: false,
    }),
  );
  const preflight: MiddlewareHandler<AppEnv> = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
    exposeHeaders: ["Retry-After", "X-Request-Id"],
    maxAge: 600,
  });
  // Hono's cors writes onto c.res before the route answers, which makes Hono copy the route's
  // Response, body stream and all, on every request. Outside preflight, the same headers set
  // with c.header() before the route answers cost nothing.
  const corsMiddleware: MiddlewareHandler<AppEnv> = async function corsMiddleware(c, next) {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    const origin = c.req.header("origin");
    if (origin !== undefined && allowed.has(origin)) {
      c.header("Access-Control-Allow-Origin", origin);
      c.header("Access-Control-Expose-Headers", "Retry-After,X-Request-Id");
    }
    await next();
    // Not c.header(): after the answer is made, that copies the Response too.
    c.res.headers.append("Vary", "Origin");
  };
  app.use("/api/*", corsMiddleware);
  app.use("/api/*", compressJson);
  const limitStreamedBody: MiddlewareHandler<AppEnv> = bodyLimit({
    maxSize: limits.httpBodyMaxBytes,
    onError: (c) => errorResponse(c, "payload_too_large", "The request body is over 64 KiB"),
  });
  // Hono's bodyLimit reads c.req.raw.body, which makes @hono/node-server build a full web Request
  // (streams, AbortController) for every request, GETs included. A declared Content-Length is
  // checked as is (Node's parser holds the body to it); only a streamed body needs the counting.
  const limitBody: MiddlewareHandler<AppEnv> = async function bodyLimitMiddleware(c, next) {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) {
      return limitStreamedBody(c, next);
    }
    if (Number(length) > limits.httpBodyMaxBytes) {
      return errorResponse(c, "payload_too_large", "The request body is over 64 KiB");
    }
    return next();
  };
  app.use("*", limitBody);
  app.use("/api/*", requireJsonBody);
  // Before routing: the router only ever sees the path with dot segments collapsed.
  app.use("*", refuseDotArticleIds);
  app.use("/api/*", authenticate(deps.auth));

  app.route("/api", sessionRoutes(deps.auth, deps.email));
  if (deps.email) {
    app.route("/api", preferencesRoutes(deps.email));
    app.route("/", emailLinkRoutes(deps.email, deps.mailCapture ?? null));
  }
  app.route("/api", commentRoutes(deps.comments));
  app.route("/api", notificationRoutes(deps.notifications));
  if (deps.account) app.route("/api", accountRoutes(deps.account));
  if (deps.votes && deps.moderation) {
    app.route("/api", voteRoutes(deps.votes, deps.moderation));
    app.route("/api", moderationRoutes(deps.moderation));
    app.route("/api", pinRoutes(deps.pins));
  }
  // The documents are generated from `app.routes` on first request, once every route is in.
  app.route(
    "/",
    apiDocsRoutes(() => app.routes),
  );
  app.route("/", healthRoutes(deps.readiness, deps.isShuttingDown));
  if (deps.metricsRoute) app.route("/", deps.metricsRoute);
  app.route("/", staticRoutes(deps.clientDir));

  app.notFound((c) => errorResponse(c, "not_found", "Nothing here"));
  app.onError(handleError);
  return app;
}
