/**
 * Three real Parley processes on one PostgreSQL and one Redis; one is SIGKILLed while comments
 * keep flowing. Its readers reconnect to a survivor and rejoin with `after` = the last seq they
 * hold; posts that failed with it are retried elsewhere with the same clientKey. In the end every
 * reader, moved or not, holds every acknowledged comment. Then Redis is killed under the
 * surviving processes: they keep posting, log one "lost" and one "back" line, and never crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comment } from "../../shared/schemas.js";
import { api, guest, waitFor } from "../helpers/clients.js";
import { type ChildServer, startChildServer } from "../helpers/child-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { redisServerInstalled, startRedisServer, type TestRedis } from "../helpers/redis-server.js";
import { holdsAll, type Reader, startReader } from "../helpers/scale-out.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const ready =
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

const ARTICLE = "scale-death";
const READERS_PER_INSTANCE = 3;
const COMMENTS = 120;
/** The victim dies once this many comments are acknowledged. */
const KILL_AT = 40;

describe.skipIf(!ready)("scale-out when an instance dies", () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let children: ChildServer[] = [];
  const readers: Reader[] = [];

  beforeAll(async () => {
    [db, redis] = await Promise.all([createTestDatabase(), startRedisServer()]);
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      TOKEN_SECRET: "scale-death-secret-scale-death-secret-01",
      RATE_LIMIT_COMMENTS: "0",
      RATE_LIMIT_COMMENTS_PER_IP: "0",
    };
    children = await Promise.all([
      startChildServer(env),
      startChildServer(env),
      startChildServer(env),
    ]);
  });

  afterAll(async () => {
    for (const reader of readers) reader.close();
    for (const child of children) child.child.kill("SIGKILL");
    await Promise.all(children.map((child) => child.exited));
    await redis?.close();
    await db?.drop();
  });

  it("moves the dead instance's readers to a survivor, and nobody misses an acknowledged comment", async () => {
    const [victim, ...survivors] = children as [ChildServer, ChildServer, ChildServer];
    let dead = false;
    let next = 0;
    // Readers of the victim move to the survivors in turn, as a balancer would send them.
    const failover = () => survivors[next++ % survivors.length]!.url;
    for (const child of children) {
      for (let i = 0; i < READERS_PER_INSTANCE; i++) {
        readers.push(await startReader(child.url, ARTICLE, child === victim ? { failover } : {}));
      }
    }
    const { token } = await guest(survivors[0].url, "Steady poster");

    // Two posters round-robin over all three instances; a post whose instance is gone is
    // retried on the next one with the same clientKey, so it is never doubled.
    const acked = new Map<string, Comment>();
    let issued = 0;
    const postOne = async (n: number) => {
      for (let attempt = 0; ; attempt++) {
        const target = children[(n + attempt) % children.length]!;
        if (target === victim && dead) continue;
        try {
          const res = await api(target.url, "POST", `/api/articles/${ARTICLE}/comments`, {
            token,
            body: { body: `flowing ${n}`, clientKey: `scale-death-${n}` },
          });
          if (res.status === 201 || res.status === 200) {
            acked.set(res.json.comment.id, res.json.comment as Comment);
            return;
          }
        } catch {
          // The instance died under this request: try the next one.
        }
      }
    };
    const poster = async () => {
      while (issued < COMMENTS) {
        const n = issued++;
        await postOne(n);
        if (!dead && acked.size >= KILL_AT) {
          dead = true;
          victim.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all([poster(), poster()]);
    expect((await victim.exited).signal).toBe("SIGKILL");
    expect(acked.size).toBe(COMMENTS);

    const ids = [...acked.keys()];
    await waitFor(
      "every reader holds every acknowledged comment",
      () => readers.every((reader) => holdsAll(reader, ids)),
      20_000,
    );
    const moved = readers.slice(0, READERS_PER_INSTANCE);
    for (const reader of moved) expect(reader.socket.connected).toBe(true);
    const stored = await api(survivors[1].url, "GET", `/api/articles/${ARTICLE}/changes?after=0`);
    expect(stored.json.changes).toHaveLength(COMMENTS);
    process.stderr.write(
      `[scale-out death] 3 instances (1 SIGKILLed after ${KILL_AT} acks), ${readers.length} readers ` +
        `(${moved.length} moved), ${COMMENTS} comments acknowledged, 0 lost, 0 doubled\n`,
    );
  });

  it("keeps real processes alive and posting through a Redis outage", async () => {
    const survivors = children.filter(
      (child) => child.child.exitCode === null && !child.child.killed,
    );
    expect(survivors.length).toBeGreaterThan(0);
    const { token } = await guest(survivors[0]!.url, "Outage poster");
    await redis.stop();
    for (const child of survivors) {
      await waitFor("the lost line", () =>
        child.lines.some((l) => l.includes("Redis connection lost")),
      );
      const res = await api(child.url, "POST", `/api/articles/${ARTICLE}/comments`, {
        token,
        body: { body: `while Redis is away, on ${child.port}` },
      });
      expect(res.status).toBe(201);
    }
    await redis.start();
    for (const child of survivors) {
      await waitFor("the back line", () =>
        child.lines.some((l) => l.includes("Redis connection back")),
      );
      expect(child.child.exitCode).toBeNull();
      expect(child.lines.filter((l) => l.includes("Redis connection lost"))).toHaveLength(1);
      expect(child.lines.filter((l) => /unhandled|uncaught/i.test(l))).toEqual([]);
    }
  });
});
