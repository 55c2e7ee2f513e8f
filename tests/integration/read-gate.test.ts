/**
 * The read gate: with one slot and one place in the queue, a read held in the store fills the
 * slot, the next waits, and the one after is refused at once: 503 `unavailable` with Retry-After
 * over HTTP, ack `unavailable` over a socket. Posts and cheap requests are not gated, and once
 * the held read is let through the queued one completes. The store wrapper holds `listChanges`
 * until released, so the gate's state is set by conditions, never by timing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connect, guest, request, waitFor } from "../helpers/clients.js";
import { heldChanges } from "../helpers/held-store.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("read gate", () => {
  let server: TestServer;
  let slow: ReturnType<typeof heldChanges>;
  const articleId = "gate-article";
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({
      env: { READ_GATE_CONCURRENCY: "1", READ_GATE_QUEUE: "1" },
      wrapStore: (store) => (slow = heldChanges(store)).wrapped,
    });
    ({ token } = await guest(server.url));
    await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token,
      body: { body: "First" },
    });
  });
  afterAll(() => server.stop());

  const waiting = async () => (await server.parley.metrics.readGateWaiting.get()).values[0]?.value;

  it("refuses reads past its queue with 503 / ack unavailable; posts and probes go on", async () => {
    slow.hold();
    // Distinct reads (identical ones asked together would share one: read.coalescer.ts).
    const changes = (limit: number) =>
      api(server.url, "GET", `/api/articles/${articleId}/changes?after=0&limit=${limit}`);
    const running = changes(100);
    await waitFor("the first read to hold the slot", () => slow.calls() === 1);
    const queued = changes(101);
    let queuedSeen = false;
    await waitFor("the second read to wait in the queue", () => {
      void waiting().then((n) => (queuedSeen = n === 1));
      return queuedSeen;
    });

    const refused = await changes(102);
    expect(refused.status).toBe(503);
    expect(refused.json.error.code).toBe("unavailable");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    const socket = await connect(server.url);
    try {
      const join = await request(socket, "article:join", { articleId, after: 0 });
      expect(join).toMatchObject({ ok: false, error: { code: "unavailable" } });
      // A join without `after` reads no page: not gated.
      expect((await request(socket, "article:join", { articleId })).ok).toBe(true);
    } finally {
      socket.close();
    }
    // Neither a post nor the health probe waits behind reads.
    const post = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token,
      body: { body: "Written while reads wait" },
    });
    expect(post.status).toBe(201);
    expect((await api(server.url, "GET", "/healthz")).status).toBe(200);

    slow.release();
    expect((await running).status).toBe(200);
    const late = await queued;
    expect(late.status).toBe(200);
    expect(late.json.changes.length).toBe(2);
    expect((await server.parley.metrics.readGateRefused.get()).values[0]?.value).toBe(2);
  });
});
