/**
 * The stack's ceiling: a minimal Socket.IO 4.8 server on the same one-port Hono stack as Parley,
 * answering the same event names and shapes, and doing nothing else. `article:join` joins the room,
 * `comment:post` wraps the payload in a Comment-shaped object, acks it and rebroadcasts it to
 * `article:<id>`. No database, no auth, no rules: whatever Parley costs beyond this is Parley's.
 *
 * With BENCH_REDIS_URL set it fans out through @socket.io/redis-adapter over node-redis, as Parley
 * does when REDIS_URL is set: BENCH_ADAPTER=classic (Parley's default, the default here too) or
 * sharded (dynamic subscriptions). The HTTP routes give
 * the same stack's ceiling for scenario (e): a fixed first page and a POST that echoes a comment.
 *
 * Run: `node --import tsx bench/baseline/bare-server.ts` with PORT (0: any free port). It prints
 * one line `{"port":N}` once listening (and sends it over IPC when forked).
 */
import { getRequestListener } from "@hono/node-server";
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { Hono } from "hono";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import { Server, type Socket } from "socket.io";

type Ack = (answer: object) => void;

interface PostPayload {
  articleId?: unknown;
  body?: unknown;
  parentId?: unknown;
}

const author = { id: "bare-author", name: "Bench", handle: "guest_1", avatarUrl: null };
const seqs = new Map<string, number>();
let nextId = 0;

/** A Comment-shaped object, so the frames readers parse are about the size of Parley's. */
function toComment(articleId: string, body: string, parentId: string | null, seq: number): object {
  nextId += 1;
  return {
    id: `bare${nextId.toString(36).padStart(12, "0")}`,
    articleId,
    parentId,
    seq,
    author,
    body,
    status: "published",
    createdAt: new Date().toISOString(),
    editedAt: null,
    replyCount: 0,
    score: 0,
  };
}

function firstPage(): string {
  const threads = [];
  for (let i = 0; i < 20; i += 1) {
    const body = `A fixed comment of about a hundred characters, so the page weighs what a real one does. ${i}`;
    threads.push({ comment: toComment("bench-big", body, null, 10_000 - i), replies: [] });
  }
  const page = { articleId: "bench-big", commentCount: 10_000, lastSeq: 10_000 };
  return JSON.stringify({
    ...page,
    serverTime: new Date().toISOString(),
    threads,
    nextCursor: "x",
  });
}

function httpApp(): Hono {
  const page = firstPage();
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/api/articles/:articleId/comments", (c) => c.body(page, 200, jsonType));
  app.post("/api/articles/:articleId/comments", async (c) => {
    const input = await c.req.json<PostPayload>();
    const articleId = c.req.param("articleId");
    const seq = (seqs.get(articleId) ?? 0) + 1;
    seqs.set(articleId, seq);
    return c.json({ comment: toComment(articleId, String(input.body), null, seq) }, 201);
  });
  return app;
}

const jsonType = { "content-type": "application/json" };

function onConnection(socket: Socket): void {
  socket.on("article:join", (payload: { articleId?: unknown }, ack?: Ack) => {
    const articleId = String(payload?.articleId);
    void socket.join(`article:${articleId}`);
    ack?.({
      ok: true,
      articleId,
      commentCount: 0,
      lastSeq: seqs.get(articleId) ?? 0,
      serverTime: new Date().toISOString(),
      changes: [],
      hasMore: false,
    });
  });
  socket.on("article:leave", (payload: { articleId?: unknown }, ack?: Ack) => {
    void socket.leave(`article:${String(payload?.articleId)}`);
    ack?.({ ok: true });
  });
  socket.on("comment:post", (payload: PostPayload, ack?: Ack) => {
    const articleId = String(payload?.articleId);
    const seq = (seqs.get(articleId) ?? 0) + 1;
    seqs.set(articleId, seq);
    const parentId = typeof payload.parentId === "string" ? payload.parentId : null;
    const comment = toComment(articleId, String(payload?.body), parentId, seq);
    ack?.({ ok: true, comment });
    socket.nsp.to(`article:${articleId}`).emit("comment:created", comment);
  });
}

async function redisAdapter(url: string, kind: string): Promise<Parameters<Server["adapter"]>[0]> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // node-redis kills the process on an unhandled "error" event.
  pub.on("error", () => undefined);
  sub.on("error", () => undefined);
  await Promise.all([pub.connect(), sub.connect()]);
  if (kind === "classic") return createAdapter(pub, sub);
  return createShardedAdapter(pub, sub, { subscriptionMode: "dynamic" });
}

async function main(): Promise<void> {
  const listener = getRequestListener(httpApp().fetch);
  const http = createServer((req, res) => void listener(req, res));
  const io = new Server(http, { serveClient: false, cors: { origin: true } });
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (redisUrl) io.adapter(await redisAdapter(redisUrl, process.env.BENCH_ADAPTER ?? "classic"));
  io.on("connection", onConnection);
  const port = Number(process.env.PORT ?? 0);
  await new Promise<void>((resolve) => http.listen(port, process.env.HOST ?? "127.0.0.1", resolve));
  const ready = { port: (http.address() as AddressInfo).port };
  console.log(JSON.stringify(ready));
  process.send?.(ready);
  const stop = (): void => {
    void io.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Forked by the bench: when the coordinator goes, so does the ceiling.
  process.on("disconnect", stop);
}

void main();
