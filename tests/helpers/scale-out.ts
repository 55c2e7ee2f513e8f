/**
 * Scale-out test parts: in-process Parley instances sharing one PostgreSQL database and one Redis,
 * and readers that behave as the embed does (drop duplicates by id, catch up with `after` on
 * `resync` and after moving to another instance), recording what they saw to assert on.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { z } from "zod";
import type { Comment } from "../../shared/schemas.js";
import type { AdapterKind } from "../../server/scale/redis-adapter.choice.js";
import { createRedisScaleOut } from "../../server/scale/redis-scale-out.js";
import { type ClientSocket, connect, request } from "./clients.js";
import { createTestDatabase, type TestDatabase } from "./postgres.js";
import { startRedisServer, type TestRedis } from "./redis-server.js";
import { startTestServer, type TestServer } from "./server.js";

/** PARLEY_TEST_ADAPTER=sharded runs the scale-out suite on the sharded adapter instead. */
const testAdapter = z
  .enum(["classic", "sharded"])
  .optional()
  .parse(process.env.PARLEY_TEST_ADAPTER || undefined);

/** One in-process instance and every JSON log line it wrote. */
export interface ScaledInstance extends TestServer {
  logs: Record<string, unknown>[];
}

export interface ScaledInstanceOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Redis key and channel prefix shared by the instances of one test file. */
  keyPrefix: string;
  adapter?: AdapterKind;
  env?: Record<string, string>;
  /** How long start-up waits for Redis (default: the server's 3 s). */
  startupWaitMs?: number;
}

/** Starts one instance with its own Redis connections; logs are kept in memory. */
export async function startScaledInstance(options: ScaledInstanceOptions): Promise<ScaledInstance> {
  const adapter = options.adapter ?? testAdapter;
  const logs: Record<string, unknown>[] = [];
  const sink = (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>);
  const scaleOut = await createRedisScaleOut(
    options.redisUrl,
    pino({ level: "debug" }, { write: sink }),
    {
      keyPrefix: options.keyPrefix,
      ...(adapter ? { adapter } : {}),
      ...(options.startupWaitMs === undefined ? {} : { startupWaitMs: options.startupWaitMs }),
    },
  );
  const server = await startTestServer({
    databaseUrl: options.databaseUrl,
    scaleOut,
    logSink: sink,
    ...(options.env ? { env: options.env } : {}),
  });
  return Object.assign(server, { logs });
}

/** Two instances of one describe block, and the sockets its tests open (closed first at the end). */
export interface InstancePair {
  a: ScaledInstance;
  b: ScaledInstance;
  sockets: ClientSocket[];
}

/**
 * Registers the calling describe block's beforeAll/afterAll: a fresh database, a Redis of its
 * own, and two instances on them with `env`; `a` and `b` are set once beforeAll has run.
 */
export function useInstancePair(env: Record<string, string>): InstancePair {
  const pair = { sockets: [] as ClientSocket[] } as InstancePair;
  let db: TestDatabase | undefined;
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    [db, redis] = await Promise.all([createTestDatabase(), startRedisServer()]);
    const options = { databaseUrl: db.url, redisUrl: redis.url, env };
    const keyPrefix = `parley-test-${randomBytes(4).toString("hex")}`;
    // One after the other: both migrate the same empty database.
    pair.a = await startScaledInstance({ ...options, keyPrefix });
    pair.b = await startScaledInstance({ ...options, keyPrefix });
  });
  afterAll(async () => {
    for (const socket of pair.sockets) socket.close();
    await Promise.all([pair.a?.stop(), pair.b?.stop()]);
    await Promise.all([redis?.close(), db?.drop()]);
  });
  return pair;
}

/** A reader of one article as the embed is: live events plus catch-up by `after`. */
export interface Reader {
  socket: ClientSocket;
  /** Every comment held, by id (live or caught up). */
  comments: Map<string, Comment>;
  /** The seq of each live comment:created, in arrival order. */
  liveSeqs: number[];
  /** Live comment:created events for an id already held. */
  duplicates: number;
  resyncs: number;
  /** Highest seq held (the `after` of the next catch-up). */
  lastSeq(): number;
  /** Joins again with `after` = lastSeq, as after a resync. */
  catchUp(): Promise<void>;
  /** Moves to another instance (its own died) and catches up there. */
  moveTo(url: string): Promise<void>;
  close(): void;
}

export interface ReaderOptions {
  /** When the connection drops (its instance died), where to reconnect and catch up. */
  failover?: () => string;
}

export async function startReader(
  url: string,
  articleId: string,
  options: ReaderOptions = {},
): Promise<Reader> {
  const comments = new Map<string, Comment>();
  const liveSeqs: number[] = [];
  let socket: ClientSocket;
  let lastSeq = 0;
  const hold = (comment: Comment) => {
    comments.set(comment.id, comment);
    lastSeq = Math.max(lastSeq, comment.seq);
  };

  const reader: Reader = {
    get socket() {
      return socket;
    },
    comments,
    liveSeqs,
    duplicates: 0,
    resyncs: 0,
    lastSeq: () => lastSeq,
    async catchUp() {
      let hasMore = true;
      while (hasMore) {
        const ack = await request(socket, "article:join", { articleId, after: lastSeq });
        if (!ack.ok) throw new Error(`article:join failed: ${JSON.stringify(ack)}`);
        for (const comment of ack.changes as Comment[]) hold(comment);
        hasMore = ack.hasMore === true;
      }
    },
    async moveTo(next) {
      socket.close();
      await open(next);
      await reader.catchUp();
    },
    close: () => socket.close(),
  };

  const open = async (target: string) => {
    socket = await connect(target);
    const failover = options.failover;
    if (failover) {
      socket.once("disconnect", (reason) => {
        if (reason !== "io client disconnect") void reader.moveTo(failover());
      });
    }
    socket.on("comment:created", (comment) => {
      if (comments.has(comment.id)) reader.duplicates++;
      liveSeqs.push(comment.seq);
      hold(comment);
    });
    socket.on("comment:updated", hold);
    socket.on("resync", ({ articleIds }) => {
      if (!articleIds.includes(articleId)) return;
      reader.resyncs++;
      // A catch-up cut short by close() at the end of a test is no failure; any other surfaces
      // as a reader that never completes.
      reader.catchUp().catch(() => undefined);
    });
  };

  await open(url);
  const ack = await request(socket!, "article:join", { articleId });
  if (!ack.ok) throw new Error(`article:join failed: ${JSON.stringify(ack)}`);
  return reader;
}

/** True when the reader holds every one of `ids`. */
export function holdsAll(reader: Reader, ids: Iterable<string>): boolean {
  for (const id of ids) if (!reader.comments.has(id)) return false;
  return true;
}
