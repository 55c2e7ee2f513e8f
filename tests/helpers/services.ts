/**
 * Which real services (PostgreSQL, Redis) this machine offers to tests, and the one rule for a
 * missing one: with REQUIRE_SERVICES=1 (CI) the test file fails; otherwise it prints one line
 * naming what is missing and its suites skip.
 *
 * Usage in a test file (top-level await is fine in vitest's ESM):
 *
 *   const pgReady = await requireService("PostgreSQL", postgresAvailable);
 *   describe.skipIf(!pgReady)("...", () => { ... });
 *
 * Exports here are used by many test files: keep them stable.
 */
import { Socket } from "node:net";
import pg from "pg";

/** The PostgreSQL server tests use: env TEST_DATABASE_URL, else local trust auth. */
export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The Redis server tests use: env TEST_REDIS_URL, else the local default port. */
const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** How long a probe waits before calling a service missing. */
const probeTimeoutMs = 2_000;

/** True when PostgreSQL at `url` (default testDatabaseUrl) accepts a connection and SELECT 1. */
export async function postgresAvailable(url: string = testDatabaseUrl): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: probeTimeoutMs });
  // A probe must never crash the run, whatever the server does to the socket.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * True when a Redis server at `url` (default testRedisUrl) answers PING with PONG. Speaks RESP
 * over a raw socket so the probe needs no client library and leaves nothing open.
 */
export function redisAvailable(url: string = testRedisUrl): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(probeTimeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("utf8");
      // "+PONG" normally; "-NOAUTH" and friends mean the server is there but not ours to use.
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
    socket.connect(Number(port || 6379), hostname.replace(/^\[|\]$/g, "") || "127.0.0.1", () => {
      socket.write("PING\r\n");
    });
  });
}

/**
 * Decides whether a test file's suites that need `service` run. Resolves true when `probe`
 * finds it. When it is missing: throws if env REQUIRE_SERVICES is "1", else writes one line to
 * stderr and resolves false (pass the result to `describe.skipIf(!ready)`).
 */
export async function requireService(
  service: string,
  probe: () => Promise<boolean>,
): Promise<boolean> {
  if (await probe()) return true;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(`${service} is required (REQUIRE_SERVICES=1) but is not reachable`);
  }
  process.stderr.write(`[skip] ${service} is not reachable: skipping the tests that need it\n`);
  return false;
}
