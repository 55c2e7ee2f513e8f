/**
 * Presence across instances on one real Redis: two in-process instances and one child process.
 * Readers on each are counted by all; a reader who leaves drops out everywhere; an instance that
 * stops gracefully withdraws at once, and one killed with SIGKILL (no goodbye, no more
 * heartbeats) has its readers dropped by the survivors within seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientSocket, collect, connect, request, waitFor } from "../helpers/clients.js";
import { type ChildServer, startChildServer } from "../helpers/child-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { redisServerInstalled, startRedisServer, type TestRedis } from "../helpers/redis-server.js";
import { type ScaledInstance, startScaledInstance } from "../helpers/scale-out.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const ready =
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

const ARTICLE = "scale-presence";
const env = { PRESENCE_INTERVAL_MS: "200" };

describe.skipIf(!ready)("presence across instances", () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let a: ScaledInstance;
  let b: ScaledInstance;
  let child: ChildServer | null = null;
  const sockets: ClientSocket[] = [];
  const reader = async (url: string) => {
    const socket = await connect(url);
    sockets.push(socket);
    const ack = await request(socket, "article:join", { articleId: ARTICLE });
    expect(ack.ok).toBe(true);
    return socket;
  };

  beforeAll(async () => {
    [db, redis] = await Promise.all([createTestDatabase(), startRedisServer()]);
    // The child process uses the default prefix; this Redis is this file's own.
    const options = { databaseUrl: db.url, redisUrl: redis.url, keyPrefix: "parley", env };
    a = await startScaledInstance(options);
    b = await startScaledInstance(options);
    child = await startChildServer({
      ...env,
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      TOKEN_SECRET: "scale-presence-secret-scale-presence-0001",
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    child?.child.kill("SIGKILL");
    await child?.exited;
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.close(), db?.drop()]);
  });

  it("counts readers on every instance and drops a crashed instance's readers", async () => {
    const watcher = await reader(a.url);
    const seen = collect(watcher, "presence:updated");
    const onB = [await reader(b.url), await reader(b.url)];
    const onChild = [await reader(child!.url), await reader(child!.url), await reader(child!.url)];
    await waitFor("A's reader counts all six", () => seen.at(-1)?.readers === 6);

    // A reader on B learns the same total.
    const seenOnB = collect(onB[0]!, "presence:updated");
    await request(onB[1]!, "article:leave", { articleId: ARTICLE });
    await waitFor("a leave on B reaches A", () => seen.at(-1)?.readers === 5);
    await waitFor("and B's own reader", () => seenOnB.at(-1)?.readers === 5);

    // No goodbye: the child's heartbeat stops and its three readers drop out by staleness.
    child!.child.kill("SIGKILL");
    await child!.exited;
    child = null;
    await waitFor("the killed instance's readers drop out", () => seen.at(-1)?.readers === 2);
    await waitFor("on B too", () => seenOnB.at(-1)?.readers === 2);
    expect(onChild.length).toBe(3);

    // A graceful stop withdraws at once (and its sockets disconnect).
    await b.stop();
    await waitFor("B's remaining reader drops out", () => seen.at(-1)?.readers === 1);
  });
});
