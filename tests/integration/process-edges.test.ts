/**
 * How the real process ends (server/process-edges.ts): one total deadline (SHUTDOWN_TIMEOUT_MS)
 * even when the store and a client hang, a second signal ending it at once, and an unhandled
 * rejection logged as JSON through pino before a non-zero exit.
 */
import { connect as tcpConnect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/clients.js";
import { type ChildServer, startChildServer } from "../helpers/child-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

const ready = await requireService("PostgreSQL", postgresAvailable);
const SECRET = "process-edges-secret-process-edges-01";

/** The JSON log entries a child printed so far. */
function entries(server: ChildServer): Record<string, unknown>[] {
  return server.lines
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const logged = (server: ChildServer, msg: string) => entries(server).some((e) => e.msg === msg);

/** A TCP connection that sends half an HTTP request and then nothing: a client gone quiet. */
function halfRequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, "127.0.0.1", () => {
      socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      resolve(socket);
    });
    socket.on("error", reject);
  });
}

describe.skipIf(!ready)("shutdown with a hung store and a hung client", () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const direct = new URL(db.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const url = new URL(db.url);
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    viaProxy = url.toString();
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await proxy?.close();
    await db?.drop();
  });

  /**
   * A child on PostgreSQL through the proxy, left with a query the database never answers (the
   * proxy frozen under a readiness probe) and a client that never finishes its request.
   */
  async function hungServer(shutdownTimeoutMs: number): Promise<ChildServer> {
    proxy.thaw();
    const server = await startChildServer({
      DATABASE_URL: viaProxy,
      TOKEN_SECRET: SECRET,
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    });
    proxy.freeze();
    // /readyz gives up on the store after 2 s, but the query itself stays in flight in the pool.
    const probe = await fetch(`${server.url}/readyz`);
    expect(probe.status).toBe(503);
    sockets.push(await halfRequest(server.port));
    return server;
  }

  it("exits at SHUTDOWN_TIMEOUT_MS, not when the store finally gives up", async () => {
    const server = await hungServer(1000);
    server.child.kill("SIGTERM");
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(logged(server, "shutting down")).toBe(true);
    expect(entries(server).find((e) => e.msg === "shutdown deadline passed")).toMatchObject({
      deadlineMs: 1000,
    });
    expect(logged(server, "stopped")).toBe(false);
  });

  it("exits at once on a second signal", async () => {
    const server = await hungServer(600_000);
    server.child.kill("SIGTERM");
    await waitFor("the first signal is being handled", () => logged(server, "shutting down"));
    server.child.kill("SIGTERM");
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(entries(server).find((e) => e.msg === "second signal: exiting now")).toMatchObject({
      signal: "SIGTERM",
    });
  });
});

describe("a crash", () => {
  it("logs an unhandled rejection as JSON through pino, then exits non-zero", async () => {
    const server = await startChildServer(
      { DATABASE_URL: "sqlite::memory:", TOKEN_SECRET: SECRET },
      { preload: ["./tests/helpers/faults/reject-on-stdin.ts"], stdin: true },
    );
    server.child.stdin?.write("reject\n");
    const { code } = await server.exited;
    expect(code).not.toBe(0);
    const crash = entries(server).find((e) => e.msg === "uncaught error: shutting down");
    expect(crash).toMatchObject({
      level: 60,
      err: { message: "planted unhandled rejection", type: "Error" },
    });
    expect(logged(server, "stopped")).toBe(true);
  });
});
