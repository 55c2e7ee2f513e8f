/**
 * A private `redis-server` per test file, on a free port, that a test may stop (an outage) and
 * start again on the same port (the outage ends). No persistence: `--save "" --appendonly no`.
 *
 *   const redisReady = await requireService("redis-server", redisServerInstalled);
 *   const redis = await startRedisServer();
 *   afterAll(() => redis.close());
 *   await redis.stop(); ...; await redis.start();
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { redisAvailable } from "./services.js";

/** True when a `redis-server` binary is on PATH (the tests start their own server). */
export function redisServerInstalled(): Promise<boolean> {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return Promise.resolve(probe.status === 0);
}

/** A free TCP port on 127.0.0.1, as the kernel hands it out for port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** A redis-server the test controls. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`; the same across stop() and start(). */
  url: string;
  port: number;
  /** Whether the server process is running now. */
  running(): boolean;
  /** Kills the server (connections drop at once, as in a crash) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it for good; safe to call twice. */
  close(): Promise<void>;
}

export async function startRedisServer(): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    if (child) return;
    const proc = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    child = proc;
    exited = new Promise((resolve) => proc.once("exit", () => resolve()));
    let up = false;
    const deadline = Date.now() + 10_000;
    while (!up) {
      if (proc.exitCode !== null) throw new Error(`redis-server on port ${port} exited at start`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} never answered`);
      up = await redisAvailable(url);
      // Polling interval of this wait-for-condition loop, not a sleep before an assertion.
      if (!up) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    child = null;
    proc.kill("SIGKILL");
    await exited;
  };

  await start();
  return {
    url,
    port,
    running: () => child !== null,
    stop,
    start,
    close: stop,
  };
}
