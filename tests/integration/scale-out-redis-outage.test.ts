/**
 * Redis goes away under three instances while comments keep coming on two of them: every post
 * still succeeds (rate limits fall back to memory), each instance's own readers stay live,
 * /readyz says "redis":"down" with 503, and when Redis is back every reader on every instance
 * ends with every comment (live, or through `resync` and `article:join { after }`). Each
 * instance logs exactly one "lost" warning and one "back" line: no error storm. An instance that
 * starts while Redis is away serves its own readers and joins the others when Redis answers.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comment } from "../../shared/schemas.js";
import { api, guest, waitFor } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { redisServerInstalled, startRedisServer, type TestRedis } from "../helpers/redis-server.js";
import {
  holdsAll,
  type Reader,
  type ScaledInstance,
  startReader,
  startScaledInstance,
} from "../helpers/scale-out.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const ready =
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

const ARTICLE = "scale-outage";
const READERS_PER_INSTANCE = 3;
/** Posts each poster makes after the outage is noticed, before Redis returns. */
const POSTS_WHILE_DOWN = 10;

/** Log lines whose message contains `text`. */
function linesWith(instance: ScaledInstance, text: string) {
  return instance.logs.filter((line) => String(line.msg).includes(text));
}

async function readiness(instance: ScaledInstance) {
  const res = await api(instance.url, "GET", "/readyz");
  return { status: res.status, checks: res.json.checks as Record<string, string> };
}

/** Polls /readyz until it answers `status` (a condition wait, with a deadline). */
async function readinessBecomes(instance: ScaledInstance, status: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = await readiness(instance);
    if (state.status === status) return state;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for /readyz ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function redisGauge(instance: ScaledInstance): Promise<number | undefined> {
  const { values } = await instance.parley.metrics.redisUp.get();
  return values[0]?.value;
}

describe.skipIf(!ready)("scale-out through a Redis outage", () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let instances: ScaledInstance[] = [];
  const readers: Reader[] = [];

  beforeAll(async () => {
    [db, redis] = await Promise.all([createTestDatabase(), startRedisServer()]);
    keyPrefix = `parley-test-${randomBytes(4).toString("hex")}`;
    instances = await Promise.all(
      Array.from({ length: 3 }, () =>
        startScaledInstance({
          databaseUrl: db.url,
          redisUrl: redis.url,
          keyPrefix,
          // Limits on, so posting through the outage also proves the in-memory insurance.
          env: { RATE_LIMIT_COMMENTS: "1000", RATE_LIMIT_COMMENTS_PER_IP: "1000" },
        }),
      ),
    );
  });

  let keyPrefix = "";
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await Promise.all(instances.map((instance) => instance.stop()));
    await redis?.close();
    await db?.drop();
  });

  it("keeps posting and local delivery up, reports not ready, and resyncs everyone after", async () => {
    for (const instance of instances) {
      for (let i = 0; i < READERS_PER_INSTANCE; i++) {
        readers.push(await startReader(instance.url, ARTICLE));
      }
      expect(await readiness(instance)).toEqual({
        status: 200,
        checks: { store: "ok", redis: "ok" },
      });
      expect(await redisGauge(instance)).toBe(1);
    }
    const [first, second] = instances as [ScaledInstance, ScaledInstance, ScaledInstance];
    const readersOf = (instance: ScaledInstance) =>
      readers.slice(
        instances.indexOf(instance) * READERS_PER_INSTANCE,
        (instances.indexOf(instance) + 1) * READERS_PER_INSTANCE,
      );

    // Two posters, on instances 1 and 2, post one after another from before the outage until
    // after it; every post must succeed.
    const acked: Comment[] = [];
    const failures: unknown[] = [];
    const whileDown = new Map<ScaledInstance, Comment[]>([
      [first, []],
      [second, []],
    ]);
    let redisDown = false;
    let stopPosting = false;
    const poster = async (instance: ScaledInstance, name: string) => {
      const { token } = await guest(instance.url, name);
      for (let i = 0; !stopPosting; i++) {
        const res = await api(instance.url, "POST", `/api/articles/${ARTICLE}/comments`, {
          token,
          body: { body: `${name} ${i}` },
        });
        if (res.status !== 201) {
          failures.push(res.json);
          continue;
        }
        acked.push(res.json.comment as Comment);
        if (redisDown) whileDown.get(instance)!.push(res.json.comment as Comment);
      }
    };
    const posting = Promise.all([poster(first, "First"), poster(second, "Second")]);
    await waitFor("a few posts before the outage", () => acked.length >= 6);

    await redis.stop();
    for (const instance of instances) {
      const state = await readinessBecomes(instance, 503);
      expect(state.checks).toEqual({ store: "ok", redis: "down" });
      expect(await redisGauge(instance)).toBe(0);
    }
    redisDown = true;
    await waitFor(
      "posts on both instances while Redis is down",
      () => [...whileDown.values()].every((posts) => posts.length >= POSTS_WHILE_DOWN),
      15_000,
    );
    // Each instance's own readers heard its outage posts live, with Redis gone.
    for (const [instance, posts] of whileDown) {
      const ids = posts.map((c) => c.id);
      await waitFor("local readers get their instance's posts live", () =>
        readersOf(instance).every((reader) => holdsAll(reader, ids)),
      );
    }

    await redis.start();
    const backAt = Date.now();
    const postedBeforeReturn = acked.map((c) => c.id);
    await waitFor(
      "every reader catches up on what was posted before Redis returned",
      () => readers.every((reader) => holdsAll(reader, postedBeforeReturn)),
      15_000,
    );
    const recoveryMs = Date.now() - backAt;
    for (const instance of instances) {
      const state = await readinessBecomes(instance, 200);
      expect(state.checks).toEqual({ store: "ok", redis: "ok" });
      expect(await redisGauge(instance)).toBe(1);
    }
    const countAtReturn = acked.length;
    await waitFor("a few posts after Redis returns", () => acked.length >= countAtReturn + 4);
    stopPosting = true;
    await posting;
    expect(failures).toEqual([]);

    const ids = acked.map((c) => c.id);
    await waitFor(
      "every reader on every instance holds every comment",
      () => readers.every((reader) => holdsAll(reader, ids)),
      15_000,
    );
    // Instance 3 had no posts of its own: its readers can only have caught up through resync.
    for (const reader of readersOf(instances[2]!)) expect(reader.resyncs).toBeGreaterThan(0);

    for (const instance of instances) {
      expect(linesWith(instance, "Redis connection lost")).toHaveLength(1);
      expect(linesWith(instance, "Redis connection back")).toHaveLength(1);
      // No storm: the one warning is the only line above info about Redis.
      const loud = instance.logs.filter(
        (line) => (line.level as number) >= 40 && line.component === "redis",
      );
      expect(loud).toHaveLength(1);
    }
    process.stderr.write(
      `[scale-out outage] ${instances.length} instances, ${readers.length} readers, ` +
        `${acked.length} comments (${[...whileDown.values()].flat().length} while Redis was down), ` +
        `0 failed posts, 0 lost; every reader complete ${recoveryMs} ms after Redis returned\n`,
    );
  });

  it("starts without Redis, serves alone, and joins the others once Redis answers", async () => {
    await redis.stop();
    const late = await startScaledInstance({
      databaseUrl: db.url,
      redisUrl: redis.url,
      keyPrefix,
      startupWaitMs: 100,
    });
    instances.push(late);
    expect(linesWith(late, "Redis unreachable at start-up")).toHaveLength(1);
    expect(await readinessBecomes(late, 503)).toEqual({
      status: 503,
      checks: { store: "ok", redis: "down" },
    });
    const reader = await startReader(late.url, "scale-late");
    readers.push(reader);
    const { token } = await guest(late.url, "Early bird");
    const alone = await api(late.url, "POST", "/api/articles/scale-late/comments", {
      token,
      body: { body: "Before Redis" },
    });
    expect(alone.status).toBe(201);
    await waitFor("the local reader gets it live", () =>
      reader.comments.has(alone.json.comment.id),
    );

    await redis.start();
    await readinessBecomes(late, 200);
    const other = await startReader(instances[0]!.url, "scale-late");
    readers.push(other);
    const together = await api(late.url, "POST", "/api/articles/scale-late/comments", {
      token,
      body: { body: "With Redis" },
    });
    expect(together.status).toBe(201);
    await waitFor("a reader on another instance gets it live", () =>
      other.comments.has(together.json.comment.id),
    );
    expect(linesWith(late, "Redis connected")).toHaveLength(1);
    expect(linesWith(late, "Redis connection lost")).toHaveLength(0);
  });
});
