/** A retried post (same clientKey) never makes a second comment, even when the two race. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connect, guest, request } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("idempotent posting by clientKey", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("the same key posted twice concurrently by REST and socket gives one comment", async () => {
    const poster = await guest(server.url);
    const socket = await connect(server.url, poster.token);
    const payload = { body: "only once", clientKey: "retry-key-0001" };
    const [a, b, c] = await Promise.all([
      api(server.url, "POST", "/api/articles/idem-1/comments", {
        token: poster.token,
        body: payload,
      }),
      api(server.url, "POST", "/api/articles/idem-1/comments", {
        token: poster.token,
        body: payload,
      }),
      request(socket, "comment:post", { ...payload, articleId: "idem-1" }),
    ]);
    socket.close();
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([200]));
    const ids = new Set([a.json.comment.id, b.json.comment.id, (c.comment as { id: string }).id]);
    expect(ids.size).toBe(1);
    const page = await api(server.url, "GET", "/api/articles/idem-1/comments");
    expect(page.json.commentCount).toBe(1);
    expect(page.json.threads).toHaveLength(1);
    expect(page.json.lastSeq).toBe(1);
  });

  it("a key reused on another article is a conflict, not a comment from elsewhere", async () => {
    const poster = await guest(server.url);
    const body = { body: "here", clientKey: "moving-key-0001" };
    expect(
      (
        await api(server.url, "POST", "/api/articles/idem-3/comments", {
          token: poster.token,
          body,
        })
      ).status,
    ).toBe(201);
    const moved = await api(server.url, "POST", "/api/articles/idem-4/comments", {
      token: poster.token,
      body,
    });
    expect(moved.status).toBe(409);
    expect(moved.json.error.code).toBe("conflict");
    expect((await api(server.url, "GET", "/api/articles/idem-4/comments")).json.commentCount).toBe(
      0,
    );
  });

  it("keys are per user: another user's same key is a new comment", async () => {
    const one = await guest(server.url);
    const two = await guest(server.url);
    const body = { body: "mine", clientKey: "shared-key-0001" };
    const a = await api(server.url, "POST", "/api/articles/idem-2/comments", {
      token: one.token,
      body,
    });
    const b = await api(server.url, "POST", "/api/articles/idem-2/comments", {
      token: two.token,
      body,
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.comment.id).not.toBe(b.json.comment.id);
  });
});
