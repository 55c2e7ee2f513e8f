/**
 * "N reading now" on one instance with real Socket.IO clients: a joining reader learns the count
 * in its ack, the others get `presence:updated` at the next round, leaving (by event or by
 * disconnect) drops out, and 200 sockets from one address cost a handful of rounds' updates, not
 * one per join. PRESENCE_INTERVAL_MS=0 turns it all off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presenceUpdatedSchema } from "../../shared/schemas.js";
import { type ClientSocket, collect, connect, request, waitFor } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

const INTERVAL_MS = 100;

describe("presence on one instance", () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  const open = async () => {
    const socket = await connect(server.url);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startTestServer({
      env: { PRESENCE_INTERVAL_MS: String(INTERVAL_MS), MAX_SOCKETS_PER_IP: "300" },
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
  });

  it("tells a joining reader the count in its ack and the others within a round", async () => {
    const first = await open();
    const seen = collect(first, "presence:updated");
    const ack1 = await request(first, "article:join", { articleId: "presence-a" });
    expect(ack1).toMatchObject({ ok: true, readers: 1 });

    const second = await open();
    const ack2 = await request(second, "article:join", { articleId: "presence-a" });
    expect(ack2).toMatchObject({ ok: true, readers: 2 });
    await waitFor("the first reader hears of the second", () => seen.some((u) => u.readers === 2));
    for (const update of seen) expect(presenceUpdatedSchema.parse(update)).toEqual(update);
    expect(seen.every((u) => u.articleId === "presence-a")).toBe(true);

    // Leaving by event, then by disconnect: both drop out.
    expect(await request(second, "article:leave", { articleId: "presence-a" })).toMatchObject({
      ok: true,
    });
    await waitFor("back to one after a leave", () => seen.at(-1)?.readers === 1);
    const third = await open();
    await request(third, "article:join", { articleId: "presence-a" });
    await waitFor("two again", () => seen.at(-1)?.readers === 2);
    third.close();
    await waitFor("back to one after a disconnect", () => seen.at(-1)?.readers === 1);
  });

  it("does not tell readers of other articles", async () => {
    const other = await open();
    const seen = collect(other, "presence:updated");
    await request(other, "article:join", { articleId: "presence-other" });
    const reader = await open();
    await request(reader, "article:join", { articleId: "presence-b" });
    await waitFor("the other article's reader is told its own count", () => seen.length > 0);
    // A round in which presence-b changed has passed for presence-other's reader too.
    await server.parley.presence!.round();
    expect(seen.every((u) => u.articleId === "presence-other")).toBe(true);
  });

  it("counts 200 sockets of one client as 200 without an update per join (hostile)", async () => {
    const watcher = await open();
    const seen = collect(watcher, "presence:updated");
    await request(watcher, "article:join", { articleId: "presence-flood" });
    const started = Date.now();
    const flood = await Promise.all(Array.from({ length: 200 }, () => open()));
    await Promise.all(
      flood.map((s) => request(s, "article:join", { articleId: "presence-flood" })),
    );
    await waitFor("the watcher sees all 201", () => seen.at(-1)?.readers === 201);
    const rounds = Math.ceil((Date.now() - started) / INTERVAL_MS) + 2;
    // At most one update per round whatever the machine's speed: never one per join.
    expect(seen.length).toBeLessThanOrEqual(rounds);
    expect(seen.length).toBeLessThan(200);

    const leftAt = Date.now();
    const before = seen.length;
    for (const s of flood) s.close();
    await waitFor("the flood drops out", () => seen.at(-1)?.readers === 1);
    expect(seen.length - before).toBeLessThanOrEqual(
      Math.ceil((Date.now() - leftAt) / INTERVAL_MS) + 2,
    );
  });
});

describe("presence turned off", () => {
  let server: TestServer;
  let socket: ClientSocket | null = null;
  beforeAll(async () => {
    server = await startTestServer({ env: { PRESENCE_INTERVAL_MS: "0" } });
  });
  afterAll(async () => {
    socket?.close();
    await server?.stop();
  });

  it("sends no readers in the ack and no presence event", async () => {
    socket = await connect(server.url);
    const seen = collect(socket, "presence:updated");
    const ack = await request(socket, "article:join", { articleId: "presence-off" });
    expect(ack.ok).toBe(true);
    expect(ack).not.toHaveProperty("readers");
    expect(server.parley.presence).toBeNull();
    expect(seen).toEqual([]);
  });
});
