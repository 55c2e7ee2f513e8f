/**
 * Three instances on one PostgreSQL and one Redis: a burst of 300 comments posted across all of
 * them reaches every reader on every instance once and in seq order; a reply's notification
 * reaches its recipient's tabs on the other instances; rate limits are shared through Redis.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comment } from "../../shared/schemas.js";
import { api, collect, connect, guest, waitFor, type ClientSocket } from "../helpers/clients.js";
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

const INSTANCES = 3;
const READERS_PER_INSTANCE = 4;
const COMMENTS = 300;
const POSTERS = 6;
/** Each poster's share of the burst. */
const PER_POSTER = COMMENTS / POSTERS;
/** Comments per user per minute, counted in Redis: the share plus room for retries. */
const USER_LIMIT = PER_POSTER + 30;
/** Attempts per post; a retry waits a little longer each time, as a client backs off. */
const ATTEMPTS = 8;

describe.skipIf(!ready)("scale-out fan-out across three instances", () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let instances: ScaledInstance[] = [];
  const readers: Reader[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    [db, redis] = await Promise.all([createTestDatabase(), startRedisServer()]);
    const keyPrefix = `parley-test-${randomBytes(4).toString("hex")}`;
    instances = await Promise.all(
      Array.from({ length: INSTANCES }, () =>
        startScaledInstance({
          databaseUrl: db.url,
          redisUrl: redis.url,
          keyPrefix,
          // Real, Redis-backed limits, shared by the three instances.
          env: { RATE_LIMIT_COMMENTS: String(USER_LIMIT), RATE_LIMIT_COMMENTS_PER_IP: "100000" },
        }),
      ),
    );
  });

  afterAll(async () => {
    for (const reader of readers) reader.close();
    for (const socket of sockets) socket.close();
    await Promise.all(instances.map((instance) => instance.stop()));
    await redis?.close();
    await db?.drop();
  });

  it("delivers 300 concurrent comments to every reader on every instance, once each, in seq order", async () => {
    const articleId = "scale-burst";
    for (const instance of instances) {
      for (let i = 0; i < READERS_PER_INSTANCE; i++) {
        readers.push(await startReader(instance.url, articleId));
      }
    }
    const posters = await Promise.all(
      Array.from({ length: POSTERS }, (_, i) =>
        guest(instances[i % INSTANCES]!.url, `Poster ${i}`),
      ),
    );

    // A 503 means "retry later" (one article's commits are serialised by its row lock, and a
    // burst this size can outwait the pool's 5 s connection timeout on a loaded machine): the
    // client retries with the same clientKey, which can never make a second comment.
    let retried = 0;
    /** Points each poster has used: every attempt counts against the limit. */
    const used = new Array<number>(POSTERS).fill(0);
    const postWithRetry = async (i: number) => {
      const poster = i % POSTERS;
      for (let attempt = 0; ; attempt++) {
        used[poster]!++;
        const res = await api(
          instances[(i + attempt) % INSTANCES]!.url,
          "POST",
          `/api/articles/${articleId}/comments`,
          {
            token: posters[poster]!.token,
            body: { body: `burst ${i}`, clientKey: `scale-burst-${i}` },
          },
        );
        if (res.status !== 503 || attempt === ATTEMPTS - 1) return res;
        retried++;
        await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
      }
    };
    const results = await Promise.all(Array.from({ length: COMMENTS }, (_, i) => postWithRetry(i)));
    // 201, or 200 for a retry whose first attempt had committed after all.
    expect(results.filter((r) => r.status > 201).map((r) => r.json)).toEqual([]);
    const posted = results.map((r) => r.json.comment as Comment);
    const seqs = posted.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(COMMENTS);
    expect(Math.min(...seqs)).toBe(1);
    expect(Math.max(...seqs)).toBe(COMMENTS);

    const ids = posted.map((c) => c.id);
    await waitFor(
      `every reader holds all ${COMMENTS} comments`,
      () => readers.every((reader) => holdsAll(reader, ids)),
      20_000,
    );
    for (const reader of readers) {
      expect(reader.liveSeqs).toHaveLength(COMMENTS);
      expect(reader.duplicates).toBe(0);
      expect(reader.liveSeqs).toEqual([...reader.liveSeqs].sort((a, b) => a - b));
    }
    const deliveries = readers.reduce((n, reader) => n + reader.liveSeqs.length, 0);
    expect(deliveries).toBe(COMMENTS * readers.length);
    process.stderr.write(
      `[scale-out] ${INSTANCES} instances, ${readers.length} readers, ${COMMENTS} comments, ` +
        `${deliveries} live deliveries, 0 lost (${retried} posts retried after 503)\n`,
    );

    // The per-user limit is counted in Redis: poster 0 spent its points through three instances
    // (each saw about a third), yet its posts are refused exactly when the shared count is up.
    // One at a time now that the burst is over, so none needs a retry.
    for (let i = used[0]!; i < USER_LIMIT; i++) {
      const res = await api(
        instances[i % INSTANCES]!.url,
        "POST",
        `/api/articles/${articleId}/comments`,
        {
          token: posters[0]!.token,
          body: { body: `up to the limit ${i}` },
        },
      );
      expect(res.status).toBe(201);
    }
    const over = await api(instances[2]!.url, "POST", `/api/articles/${articleId}/comments`, {
      token: posters[0]!.token,
      body: { body: "one too many" },
    });
    expect(over.status).toBe(429);
  });

  it("brings a reply's notification to its recipient's tabs on the other instances", async () => {
    const [first, second, third] = instances as [ScaledInstance, ScaledInstance, ScaledInstance];
    const recipient = await guest(second.url, "Recipient");
    const replier = await guest(first.url, "Replier");
    const root = await api(second.url, "POST", "/api/articles/scale-notify/comments", {
      token: recipient.token,
      body: { body: "Who replies?" },
    });
    expect(root.status).toBe(201);

    const tabs = await Promise.all([
      connect(second.url, recipient.token),
      connect(third.url, recipient.token),
    ]);
    sockets.push(...tabs);
    const seen = tabs.map((tab) => collect(tab, "notification:created"));

    const reply = await api(first.url, "POST", "/api/articles/scale-notify/comments", {
      token: replier.token,
      body: { body: "I do.", parentId: root.json.comment.id },
    });
    expect(reply.status).toBe(201);
    await waitFor("both tabs are notified", () => seen.every((s) => s.length === 1));
    for (const s of seen) {
      expect(s[0]!.type).toBe("reply");
      expect(s[0]!.comment.id).toBe(reply.json.comment.id);
    }
  });
});
