/**
 * Readers coming back together (an instance restarted) rejoin with the same `after`: their
 * catch-up shares one store read instead of one each. The store's `listChanges` is counted and
 * held by hand, so which joins share a read is set by conditions, never by timing. Sharing never
 * crosses viewers (a pending comment stays its author's), and every joiner is still charged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  type ClientSocket,
  collect,
  connect,
  guest,
  request,
  waitFor,
} from "../helpers/clients.js";
import { heldChanges } from "../helpers/held-store.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

async function sharedChanges(server: TestServer): Promise<number> {
  const metric = await server.parley.metrics.readsShared.get();
  return metric.values.find((v) => v.labels.read === "changes")?.value ?? 0;
}

/** Polls the async metric until it reaches `count`. */
async function waitShared(server: TestServer, count: number): Promise<void> {
  let seen = 0;
  await waitFor(`${count} joins to share a catch-up read`, () => {
    void sharedChanges(server).then((n) => (seen = n));
    return seen >= count;
  });
}

describe("catch-up reads shared by readers rejoining together", () => {
  let server: TestServer;
  let counted: ReturnType<typeof heldChanges>;
  const articleId = "coalesce-article";
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: { MAX_SOCKETS_PER_IP: "0", READ_BUDGET_PER_IP: "0", READ_BUDGET_PER_SOCKET: "0" },
      wrapStore: (store) => (counted = heldChanges(store)).wrapped,
    });
    const { token } = await guest(server.url);
    for (const body of ["One", "Two", "Three"]) {
      await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
        token,
        body: { body },
      });
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
  });

  it("answers 100 identical rejoins from one store read", async () => {
    const first = await connect(server.url);
    sockets.push(first);
    for (let i = 0; i < 100; i += 1) sockets.push(await connect(server.url));
    const before = counted.calls();
    counted.hold();
    // A read already running may predate a later join, so the hundred may not take its answer...
    const running = request(first, "article:join", { articleId, after: 1 });
    await waitFor("the first catch-up read to start", () => counted.calls() === before + 1);
    const rejoins = sockets
      .slice(1)
      .map((s) => request(s, "article:join", { articleId, after: 1 }));
    // ...they wait together for the next one, which starts after all of them asked.
    await waitShared(server, 99);
    counted.release();
    const answers = await Promise.all([running, ...rejoins]);
    expect(counted.calls()).toBe(before + 2);
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      const changes = answer.changes as { body: string; seq: number }[];
      expect(changes.map((c) => c.body)).toEqual(["Two", "Three"]);
      expect(answer.hasMore).toBe(false);
    }
  });
});

describe("shared catch-up reads and who may see what", () => {
  let server: TestServer;
  let counted: ReturnType<typeof heldChanges>;
  const articleId = "coalesce-pending";
  let author: { token: string };
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        MODERATION_MODE: "pre",
        READ_BUDGET_PER_IP: "10",
        MAX_SOCKETS_PER_IP: "0",
        // Two reads at once: the author's may run beside the held anonymous one.
        READ_GATE_CONCURRENCY: "2",
      },
      wrapStore: (store) => (counted = heldChanges(store)).wrapped,
    });
    author = await guest(server.url, "Author");
    const post = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token: author.token,
      body: { body: "Held for review" },
    });
    expect(post.json.comment.status).toBe("pending");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
  });

  it("never hands an author's pending comment to a reader who shares the batch", async () => {
    const first = await connect(server.url);
    const own = await connect(server.url, author.token);
    const anonymous = [await connect(server.url), await connect(server.url)];
    sockets.push(first, own, ...anonymous);
    counted.hold();
    const running = request(first, "article:join", { articleId, after: 0 });
    await waitFor("the first read to start", () => counted.calls() === 1);
    // The author's view is not the anonymous one: it waits for no anonymous read, nor shares one.
    const ownJoin = request(own, "article:join", { articleId, after: 0 });
    await waitFor("the author's own read to start", () => counted.calls() === 2);
    const anonymousJoins = anonymous.map((s) =>
      request(s, "article:join", { articleId, after: 0 }),
    );
    await waitShared(server, 1);
    counted.release();
    const [mine, ...theirs] = await Promise.all([ownJoin, running, ...anonymousJoins]);
    expect((mine.changes as { body: string }[]).map((c) => c.body)).toEqual(["Held for review"]);
    for (const answer of theirs) expect(answer.changes).toEqual([]);
    expect(counted.calls()).toBe(3);
  });

  it("charges every joiner of a shared read: past the budget, rate_limited", async () => {
    // 10 units a minute for this address; the test above spent 4 (one per join, shared or not).
    const joiners: ClientSocket[] = [];
    for (let i = 0; i < 11; i += 1) joiners.push(await connect(server.url));
    sockets.push(...joiners);
    const answers = await Promise.all(
      joiners.map((s) => request(s, "article:join", { articleId, after: 0 })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(6);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(5);
    for (const answer of refused) expect(answer.error?.code).toBe("rate_limited");
  });
});

describe("a refused catch-up join", () => {
  let server: TestServer;
  const articleId = "refused-join";
  let token: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { READ_BUDGET_PER_SOCKET: "1" } });
    ({ token } = await guest(server.url));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
  });

  it("leaves the socket out of the room, so no live event can skip the gap it still has", async () => {
    const reader = await connect(server.url);
    const control = await connect(server.url);
    sockets.push(reader, control);
    expect((await request(control, "article:join", { articleId })).ok).toBe(true);
    expect((await request(reader, "article:join", { articleId, after: 0 })).ok).toBe(true);
    // The socket's one read unit is spent: this catch-up is refused...
    const refused = await request(reader, "article:join", { articleId, after: 0 });
    expect(refused.error?.code).toBe("rate_limited");
    const seenByReader = collect(reader, "comment:created");
    const seenByControl = collect(control, "comment:created");
    await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token,
      body: { body: "Posted after the refusal" },
    });
    await waitFor("the control reader to get the comment", () => seenByControl.length === 1);
    // ...so the comment went to the room without it. A round trip on the same connection comes
    // after anything the broadcast sent it, had it still been in the room.
    await request(reader, "article:leave", { articleId: "elsewhere" });
    expect(seenByReader).toEqual([]);
  });
});
