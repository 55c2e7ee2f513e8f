/** Two readers and a poster on one article; a reader of another article hears nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  collect,
  connect,
  guest,
  request,
  waitFor,
  type ClientSocket,
} from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("live comments on one instance", () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  async function reader(articleId: string) {
    const socket = await connect(server.url);
    sockets.push(socket);
    const ack = await request(socket, "article:join", { articleId });
    expect(ack.ok).toBe(true);
    return socket;
  }

  it("delivers comment:created with the stored comment to every reader of the article only", async () => {
    const [a, b, other] = await Promise.all([reader("live-1"), reader("live-1"), reader("live-2")]);
    const seenA = collect(a, "comment:created");
    const seenB = collect(b, "comment:created");
    const seenOther = collect(other, "comment:created");
    const countsA = collect(a, "article:updated");
    const poster = await guest(server.url, "Poster");
    const posted = await api(server.url, "POST", "/api/articles/live-1/comments", {
      token: poster.token,
      body: { body: "First!" },
    });
    expect(posted.status).toBe(201);
    await waitFor(
      "both readers receive the comment",
      () => seenA.length === 1 && seenB.length === 1,
    );
    expect(seenA[0]).toEqual(posted.json.comment);
    expect(seenB[0]).toEqual(posted.json.comment);
    await waitFor("the count update", () => countsA.length === 1);
    expect(countsA[0]).toEqual({ articleId: "live-1", commentCount: 1 });

    // A post by socket reaches the readers too, and the ack carries the stored comment.
    const socketPoster = await connect(server.url, poster.token);
    sockets.push(socketPoster);
    const ack = await request(socketPoster, "comment:post", {
      articleId: "live-1",
      body: "By socket",
    });
    expect(ack.ok).toBe(true);
    await waitFor("the socket post arrives", () => seenA.length === 2 && seenB.length === 2);
    expect(seenA[1]).toEqual(ack.comment);
    expect(seenA.map((c) => c.seq)).toEqual([1, 2]);

    // The other article's reader got nothing: a marker comment there arrives, nothing before it.
    await api(server.url, "POST", "/api/articles/live-2/comments", {
      token: poster.token,
      body: { body: "marker" },
    });
    await waitFor("the marker on the other article", () => seenOther.length === 1);
    expect(seenOther.map((c) => c.body)).toEqual(["marker"]);
  });

  it("stops delivering after article:leave", async () => {
    const socket = await reader("live-3");
    const seen = collect(socket, "comment:created");
    expect((await request(socket, "article:leave", { articleId: "live-3" })).ok).toBe(true);
    const watcher = await reader("live-3");
    const seenByWatcher = collect(watcher, "comment:created");
    const poster = await guest(server.url);
    await api(server.url, "POST", "/api/articles/live-3/comments", {
      token: poster.token,
      body: { body: "after leave" },
    });
    await waitFor("the watcher receives it", () => seenByWatcher.length === 1);
    expect(seen).toEqual([]);
  });

  it("returns a body holding <script> byte for byte as text", async () => {
    const poster = await guest(server.url);
    const body = `<script>alert("x")</script> & <img src=x onerror=alert(1)> "quotes" ünïcödé 🎉`;
    const posted = await api(server.url, "POST", "/api/articles/live-4/comments", {
      token: poster.token,
      body: { body: `  ${body}\n` },
    });
    expect(posted.json.comment.body).toBe(body);
    const page = await api(server.url, "GET", "/api/articles/live-4/comments");
    expect(page.json.threads[0].comment.body).toBe(body);
    expect(page.headers.get("content-type")).toContain("application/json");
  });
});
