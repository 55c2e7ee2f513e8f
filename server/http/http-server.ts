/**
 * Node HTTP servers for the Hono apps, with timeouts that stop slow clients from holding
 * connections: a client sending its headers one byte at a time (slow-loris) is cut off after
 * `headersMs`, a dribbled body after `requestMs`, an idle keep-alive connection after
 * `keepAliveMs`. These bound only the receiving of a request: a Socket.IO long-poll (a request
 * received at once, answered up to the ping interval later) and an upgraded WebSocket (which has
 * left the HTTP parser) are not affected.
 */
import { createAdaptorServer } from "@hono/node-server";
import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import type { AppEnv } from "./http-env.js";
import { errorResponse } from "./http-errors.js";

export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
}

type Fetch = Parameters<typeof createAdaptorServer>[0]["fetch"];

/** An HTTP server for `fetch` whose timeouts are enforced. */
export function createHttpServer(fetch: Fetch, timeouts: HttpTimeouts): HttpServer {
  // Node checks the headers and request timeouts only every `connectionsCheckingInterval`
  // (30 s by default): check at a quarter of the shortest one so a cut comes close to it.
  const checkEveryMs = Math.max(50, Math.min(30_000, Math.floor(timeouts.headersMs / 4)));
  const server = createAdaptorServer({
    fetch,
    serverOptions: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: checkEveryMs,
    },
  }) as HttpServer;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  return server;
}

/** The app of the private metrics listener: /metrics and nothing else. */
export function metricsApp(metricsRoute: Hono<AppEnv>) {
  const app = new Hono<AppEnv>();
  app.route("/", metricsRoute);
  app.notFound((c) => errorResponse(c, "not_found", "Only /metrics is served here"));
  return app;
}

/**
 * Connections the kernel may hold for us before we accept them (capped by net.core.somaxconn).
 * Node's default is 511: when an instance stops, its readers all reconnect to the others within
 * a second, and a busy loop let the queue overflow; each dropped SYN is retried by the client's
 * kernel after 1, 3, 7, 15 s... (a 1,000-reader restart took 13 to 40 s to reconnect; bench (h)).
 */
const acceptBacklog = 4096;

/** Listens on host:port (0: any free port); resolves with the bound address. */
export function listenOn(server: HttpServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host, backlog: acceptBacklog }, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
