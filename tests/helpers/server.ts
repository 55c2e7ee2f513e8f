/**
 * Starts a real Parley (HTTP + Socket.IO on one port) for a test: port 0 unless asked, an
 * in-memory SQLite unless asked, silent logs, rate limits off unless the test sets them.
 * Never touches process.env; stop() is idempotent and should be registered as teardown.
 * bareHttpApp() is the HTTP app alone, for tests that only read its routes or static answers.
 */
import { join } from "node:path";
import pino from "pino";
import { createParley, type Parley, type ScaleOut } from "../../server/app.js";
import type { Config } from "../../server/config/config.schema.js";
import { loadConfig } from "../../server/config/load-config.js";
import type { Clock } from "../../server/domain/clock.js";
import { createHttpApp, type HttpAppDeps } from "../../server/http/http-app.js";
import { openStore } from "../../server/store/open-store.js";
import type { Store } from "../../server/store/store.js";

export const TEST_TOKEN_SECRET = "test-secret-test-secret-test-secret-0123456789";
const root = new URL("../../", import.meta.url).pathname;

export interface TestServerOptions {
  /** Environment variables as an operator would set them (PORT/HOST/DATABASE_URL may be given here too). */
  env?: Record<string, string>;
  port?: number;
  /** e.g. `sqlite:/tmp/x/parley.db` or a postgres URL; default `sqlite::memory:`. */
  databaseUrl?: string;
  clock?: Clock;
  scaleOut?: ScaleOut;
  /** Wraps the opened store (to gate or observe one of its calls); the real store stays underneath. */
  wrapStore?: (store: Store) => Store;
  /** Receives the server's log lines (JSON) when given; otherwise logs are silent. */
  logSink?: (line: string) => void;
}

export interface TestServer {
  url: string;
  port: number;
  parley: Parley;
  store: Store;
  config: Config;
  stop(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: String(options.port ?? 0),
    DATABASE_URL: options.databaseUrl ?? "sqlite::memory:",
    TOKEN_SECRET: TEST_TOKEN_SECRET,
    LOG_LEVEL: options.logSink ? "debug" : "silent",
    RATE_LIMIT_COMMENTS: "0",
    RATE_LIMIT_COMMENTS_PER_IP: "0",
    RATE_LIMIT_SESSIONS_PER_IP: "0",
    NODE_ENV: "test",
    ...options.env,
  });
  const sink = options.logSink;
  const logger = sink
    ? pino({ level: config.logLevel }, { write: (line: string) => sink(line) })
    : pino({ level: "silent" });
  const opened = await openStore(config.database);
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  const parley = createParley({
    config,
    logger,
    store,
    tokenSecret: TEST_TOKEN_SECRET,
    clientDir: join(root, "dist/client"),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scaleOut ? { scaleOut: options.scaleOut } : {}),
  });
  const address = await parley.listen();
  let stopped: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    parley,
    store,
    config,
    stop: () => (stopped ??= parley.close()),
  };
}

/**
 * The HTTP app with only the routes every instance mounts and empty stand-ins for its services:
 * enough for the docs and the static answers, which call no service.
 */
export function bareHttpApp() {
  return createHttpApp({
    ...({ auth: {}, comments: {}, notifications: {} } as unknown as HttpAppDeps),
    logger: pino({ level: "silent" }),
    readiness: [],
    isShuttingDown: () => false,
    allowedOrigins: [],
    clientIp: () => "127.0.0.1",
    clientDir: "/nonexistent",
  });
}
